#include "diffview.h"

#include "models/diffmodel.h"
#include "placeholdertreeview.h"
#include "support/error.h"
#include "tracedocument.h"

#include <QHBoxLayout>
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
    , m_marks(new QLabel(this))
{
    m_view->setModel(m_model);
    m_view->setAccessibleName(tr("Differences"));
    m_view->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_markA->setToolTip(tr("Compare from the current step"));
    m_markB->setToolTip(tr("Compare to the current step"));
    m_marks->setTextFormat(Qt::RichText);

    auto *buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    buttons->addWidget(m_markA);
    buttons->addWidget(m_goA);
    buttons->addSpacing(12);
    buttons->addWidget(m_markB);
    buttons->addWidget(m_goB);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(buttons);
    layout->addWidget(m_marks);
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

QString DiffView::describe(qint64 event) const
{
    if (event < 0)
        return tr("the start");
    const Timeline &timeline = m_document->timeline();
    const int op = timeline.operationOf(event);
    if (event == timeline.stateEventOf(op))
        return tr("after operation %1").arg(op);
    return tr("event %1 (in operation %2)").arg(event + 1).arg(op);
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
    if (!open) {
        m_marks->clear();
        m_model->setDiff({});
        m_view->setPlaceholderText(tr("Open a trace to compare two of its steps."));
        return;
    }
    m_marks->setText(
        tr("<b>A:</b> %1 &nbsp; <b>B:</b> %2")
            .arg(a ? describe(*a) : tr("not marked"), b ? describe(*b) : tr("not marked")));
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
    m_view->resizeColumnToContents(DiffModel::WhatColumn);
}

} // namespace sessionscope
