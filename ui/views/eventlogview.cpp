#include "eventlogview.h"

#include "columnwidth.h"
#include "models/eventlogmodel.h"
#include "models/eventsummary.h"
#include "placeholdertreeview.h"
#include "tracedocument.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace sessionscope {

namespace {

const char *const kEventTypes[] = {"sql",       "lifecycle", "attribute", "session",
                                   "savepoint", "expire",    "alias"};

} // namespace

EventLogView::EventLogView(QWidget *parent)
    : QWidget(parent)
    , m_model(new EventLogModel(this))
    , m_view(new PlaceholderTreeView(this))
    , m_search(new QLineEdit(this))
    , m_kind(new QComboBox(this))
    , m_entity(new QComboBox(this))
    , m_objectFilter(new QLabel(this))
    , m_clearObject(new QToolButton(this))
    , m_searchDelay(new QTimer(this))
{
    m_search->setPlaceholderText(tr("Search events"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search events"));
    m_search->setObjectName(QStringLiteral("eventSearch"));
    m_kind->setAccessibleName(tr("Kind"));
    makeCompact(m_kind, 10);
    m_entity->setAccessibleName(tr("Entity"));
    makeCompact(m_entity, 10);
    m_clearObject->setText(tr("Show All"));
    m_clearObject->setToolTip(tr("Stop showing only the events that touched this object"));
    m_objectFilter->setVisible(false);
    m_clearObject->setVisible(false);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(250);

    m_view->setModel(m_model);
    m_view->setAlternatingRowColors(false);
    m_view->setAccessibleName(tr("Event log"));
    m_view->setPlaceholderText(tr("Open a trace to see what its session did."));
    m_view->header()->setStretchLastSection(true);

    auto *filters = new QHBoxLayout;
    filters->setContentsMargins(0, 0, 0, 0);
    filters->addWidget(m_search, 1);
    filters->addWidget(m_kind);
    filters->addWidget(m_entity);
    auto *objectRow = new QHBoxLayout;
    objectRow->setContentsMargins(0, 0, 0, 0);
    objectRow->addWidget(m_objectFilter, 1);
    objectRow->addWidget(m_clearObject);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(filters);
    layout->addLayout(objectRow);
    layout->addWidget(m_view);

    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_searchDelay, &QTimer::timeout, this, &EventLogView::applyFilter);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &EventLogView::applyFilter);
    connect(m_entity, &QComboBox::currentIndexChanged, this, &EventLogView::applyFilter);
    connect(m_clearObject, &QToolButton::clicked, this, [this] {
        m_object = -1;
        m_attribute.clear();
        applyFilter();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                if (!m_following)
                    rowActivated(current);
            });
    connect(m_view, &QTreeView::clicked, this, &EventLogView::rowActivated);
}

void EventLogView::setDocument(TraceDocument *document)
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    m_object = -1;
    m_attribute.clear();
    m_model->setDocument(document);
    const QSignalBlocker blockKind(m_kind);
    const QSignalBlocker blockEntity(m_entity);
    const QSignalBlocker blockSearch(m_search);
    m_search->clear();
    m_kind->clear();
    m_kind->addItem(tr("All kinds"), QString());
    m_entity->clear();
    m_entity->addItem(tr("All entities"), -1);
    if (document) {
        for (const QString &kind : m_model->operationKinds())
            m_kind->addItem(tr("operation: %1").arg(operationKindLabel(kind)), kind);
        for (const char *type : kEventTypes)
            m_kind->addItem(tr("event: %1").arg(eventTypeLabel(QLatin1String(type))),
                            QLatin1String(type));
        const TraceSchema &schema = document->timeline().schema();
        for (int entity = 0; entity < schema.entityCount(); ++entity)
            m_entity->addItem(schema.entity(entity).type->name(), entity);
        connect(document, &TraceDocument::cursorChanged, this, &EventLogView::followCursor);
    }
    makeCompact(m_kind, 10);
    makeCompact(m_entity, 10);
    m_objectFilter->setVisible(false);
    m_clearObject->setVisible(false);
    m_view->setPlaceholderText(document ? tr("No event matches the filters.")
                                        : tr("Open a trace to see what its session did."));
    sizeColumns();
    if (document)
        followCursor(document->cursor());
}

void EventLogView::sizeColumns()
{
    QHeaderView *header = m_view->header();
    // An event's row is indented twice (the root's expander, then its operation's) and the
    // row at the cursor, in bold, has the cursor's marker before its number: room for all of
    // that and the largest event number, so the marker never hides the number.
    const qint64 events = m_document ? m_document->eventCount() : 0;
    const int icon = m_view->style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, m_view);
    const int margin = m_view->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_view);
    setColumnWidth(header, EventLogModel::StepColumn,
                   2 * m_view->indentation() + icon + 2 * margin +
                       cellWidth(m_view, int(QString::number(events).size()), u'0', true));
    setColumnWidth(header, EventLogModel::TimeColumn,
                   std::max(cellWidth(m_view, m_model->timeText(events - 1), true),
                            cellWidth(m_view, 8, u'0', true)));
    int kind = cellWidth(m_view, 6, u'x');
    QStringList labels{m_model->startLabel()};
    for (const QString &operation : m_model->operationKinds())
        labels.append(operationKindLabel(operation));
    for (const char *type : kEventTypes)
        labels.append(eventTypeLabel(QLatin1String(type)));
    for (const QString &label : std::as_const(labels))
        kind = std::max(kind, cellWidth(m_view, label, true));
    setColumnWidth(header, EventLogModel::KindColumn, kind);
}

void EventLogView::showEventsTouching(qint64 objectId, const QString &attribute)
{
    m_object = objectId;
    m_attribute = attribute;
    applyFilter();
}

void EventLogView::clearFilters()
{
    const QSignalBlocker blockKind(m_kind);
    const QSignalBlocker blockEntity(m_entity);
    const QSignalBlocker blockSearch(m_search);
    m_search->clear();
    m_kind->setCurrentIndex(0);
    m_entity->setCurrentIndex(0);
    m_object = -1;
    m_attribute.clear();
    applyFilter();
}

void EventLogView::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void EventLogView::applyFilter()
{
    if (!m_document)
        return;
    EventFilter filter;
    filter.text = m_search->text().trimmed();
    filter.kind = m_kind->currentData().toString();
    filter.entity = m_entity->currentData().toInt();
    filter.object = m_object;
    filter.attribute = m_attribute;
    m_model->setFilter(filter);
    const bool byObject = m_object >= 0;
    if (byObject) {
        const QString name = m_document->objectName(m_object);
        m_objectFilter->setText(
            m_attribute.isEmpty()
                ? tr("Only events that touched <b>%1</b>").arg(name.toHtmlEscaped())
                : tr("Only events that touched <b>%1.%2</b>")
                      .arg(name.toHtmlEscaped(), m_attribute.toHtmlEscaped()));
    }
    m_objectFilter->setVisible(byObject);
    m_clearObject->setVisible(byObject);
    if (!filter.isEmpty())
        m_view->expandAll();
    followCursor(m_document->cursor());
}

void EventLogView::followCursor(qint64 event)
{
    m_view->viewport()->update(); // rows between the old and new cursor change their dimming
    const QModelIndex index = m_model->indexOfEvent(event);
    m_following = true;
    if (index.isValid()) {
        if (index.parent().isValid())
            m_view->expand(index.parent());
        m_view->setCurrentIndex(index);
        m_view->scrollTo(index);
    } else {
        m_view->selectionModel()->clearSelection();
    }
    m_following = false;
}

void EventLogView::rowActivated(const QModelIndex &index)
{
    if (!m_document || !index.isValid())
        return;
    const qint64 step = m_model->stepOf(index);
    if (step != m_document->cursor())
        emit stepRequested(step);
}

} // namespace sessionscope
