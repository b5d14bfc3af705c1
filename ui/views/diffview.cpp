#include "diffview.h"

#include "columnwidth.h"
#include "models/diffmodel.h"
#include "models/eventsummary.h"
#include "placeholdertreeview.h"
#include "support/error.h"
#include "tracedocument.h"

#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace sessionscope {

DiffView::DiffView(QWidget *parent)
    : QWidget(parent)
    , m_model(new DiffModel(this))
    , m_view(new PlaceholderTreeView(this))
    , m_markA(new QPushButton(tr("Mark A Here"), this))
    , m_markB(new QPushButton(tr("Mark B Here"), this))
    , m_goA(new QPushButton(tr("Go to A"), this))
    , m_goB(new QPushButton(tr("Go to B"), this))
    , m_stepA(new QLabel(this))
    , m_stepB(new QLabel(this))
{
    m_view->setModel(m_model);
    m_view->setAccessibleName(tr("Differences"));
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(DiffModel::WhatColumn, QHeaderView::Interactive);
    m_view->header()->setSectionResizeMode(DiffModel::AColumn, QHeaderView::Stretch);
    m_view->header()->setSectionResizeMode(DiffModel::BColumn, QHeaderView::Stretch);
    m_markA->setToolTip(tr("Compare from the current step"));
    m_markB->setToolTip(tr("Compare to the current step"));
    for (QLabel *label : {m_stepA, m_stepB}) {
        label->setTextFormat(Qt::RichText);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    }
    m_stepA->setAccessibleName(tr("Step A"));
    m_stepB->setAccessibleName(tr("Step B"));

    // One line per step: what it is, then its buttons.
    auto *marks = new QGridLayout;
    marks->setContentsMargins(4, 2, 2, 2);
    marks->setColumnStretch(0, 1);
    marks->addWidget(m_stepA, 0, 0);
    marks->addWidget(m_markA, 0, 1);
    marks->addWidget(m_goA, 0, 2);
    marks->addWidget(m_stepB, 1, 0);
    marks->addWidget(m_markB, 1, 1);
    marks->addWidget(m_goB, 1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(marks);
    layout->addWidget(m_view);

    connect(m_markA, &QPushButton::clicked, this, [this] {
        if (m_document)
            m_document->setMarkA(m_document->cursor());
    });
    connect(m_markB, &QPushButton::clicked, this, [this] {
        if (m_document)
            m_document->setMarkB(m_document->cursor());
    });
    connect(m_goA, &QPushButton::clicked, this, [this] {
        if (m_document && m_document->markA())
            emit stepRequested(*m_document->markA());
    });
    connect(m_goB, &QPushButton::clicked, this, [this] {
        if (m_document && m_document->markB())
            emit stepRequested(*m_document->markB());
    });
    marksChanged();
}

void DiffView::setDocument(TraceDocument *document)
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    if (document)
        connect(document, &TraceDocument::marksChanged, this, &DiffView::marksChanged);
    marksChanged();
}

QString DiffView::stepText(qint64 event) const
{
    if (!m_document)
        return {};
    if (event < 0)
        return tr("the start, before operation 1");
    const Timeline &timeline = m_document->timeline();
    const int op = timeline.operationOf(event);
    const QString operation = op > 0 ? summarizeOperation(timeline.operation(op)) : QString();
    if (event == timeline.stateEventOf(op))
        return tr("after operation %1: %2").arg(op).arg(operation);
    return tr("event %1, in operation %2: %3").arg(event + 1).arg(op).arg(operation);
}

QString DiffView::shortStepText(qint64 event) const
{
    if (event < 0)
        return tr("the start");
    const Timeline &timeline = m_document->timeline();
    const int op = timeline.operationOf(event);
    if (event == timeline.stateEventOf(op))
        return tr("after operation %1").arg(op);
    return tr("event %1").arg(event + 1);
}

QString DiffView::markText(bool b) const
{
    return (b ? m_stepB : m_stepA)->text();
}

void DiffView::marksChanged()
{
    const bool open = m_document != nullptr;
    m_markA->setEnabled(open);
    m_markB->setEnabled(open);
    const auto a = open ? m_document->markA() : std::nullopt;
    const auto b = open ? m_document->markB() : std::nullopt;
    m_goA->setEnabled(a.has_value());
    m_goB->setEnabled(b.has_value());
    auto describe = [this](const QString &name, std::optional<qint64> mark) {
        const QString step = mark ? stepText(*mark).toHtmlEscaped() : tr("not marked");
        return tr("<b>%1:</b> %2").arg(name, step);
    };
    m_stepA->setText(open ? describe(tr("A"), a) : QString());
    m_stepB->setText(open ? describe(tr("B"), b) : QString());
    m_stepA->setToolTip(a ? stepText(*a) : QString());
    m_stepB->setToolTip(b ? stepText(*b) : QString());
    m_model->setStepNames(a ? tr("At A (%1)").arg(shortStepText(*a)) : QString(),
                          b ? tr("At B (%1)").arg(shortStepText(*b)) : QString());
    if (!open) {
        m_model->setDiff({});
        m_view->setPlaceholderText(tr("Open a trace to compare two of its steps."));
        return;
    }
    if (!a || !b) {
        m_model->setDiff({});
        m_view->setPlaceholderText(
            tr("Mark two steps, A and B (Diff menu, or the buttons above), to see what "
               "changed between them."));
        return;
    }
    try {
        m_model->setDiff(m_document->diffBetweenMarks());
        m_view->setPlaceholderText(QString());
    } catch (const MessageError &error) {
        m_model->setDiff({});
        m_view->setPlaceholderText(error.message());
    }
    m_view->expandAll();
    sizeColumns();
}

void DiffView::sizeColumns()
{
    // What changed takes what it needs up to a third; the values at A and B share the rest.
    const int most = m_view->viewport()->width() / 3;
    setColumnWidth(
        m_view->header(), DiffModel::WhatColumn,
        std::min(std::max(m_view->contentWidth(DiffModel::WhatColumn), cellWidth(m_view, 12, u'x')),
                 std::max(most, cellWidth(m_view, 12, u'x'))));
}

void DiffView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    sizeColumns();
}

} // namespace sessionscope
