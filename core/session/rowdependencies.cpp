#include "rowdependencies.h"

#include "mapping/entitytype.h"
#include "mapping/values.h"
#include "state/objectstate.h"
#include "support/error.h"

#include <QHash>
#include <QSet>
#include <QStringList>

#include <algorithm>
#include <vector>

namespace sessionscope {

namespace {

// The steps of the flush and what must come before what (SQLAlchemy's postsort actions).
class StepGraph
{
public:
    enum class Kind : quint8 { Save, Delete, Process, Barrier };
    struct Step
    {
        Kind kind;
        ObjectState *state = nullptr;
        const Relationship *relationship = nullptr;
    };

    int add(Kind kind, ObjectState *state = nullptr, const Relationship *relationship = nullptr)
    {
        m_steps.push_back({kind, state, relationship});
        m_next.emplace_back();
        return int(m_steps.size()) - 1;
    }
    void before(int first, int then) { m_next[size_t(first)].push_back(then); }
    const Step &step(int index) const { return m_steps[size_t(index)]; }

    // Each step's round (SQLAlchemy's sort_as_subsets): round 0 takes the steps nothing has to
    // precede, each next round the steps whose predecessors are all done. Steps on a cycle are
    // never done: their round stays -1.
    std::vector<int> rounds() const
    {
        std::vector<int> waiting(m_steps.size(), 0);
        for (const auto &next : m_next) {
            for (int n : next)
                ++waiting[size_t(n)];
        }
        std::vector<int> round(m_steps.size(), -1);
        std::vector<int> ready;
        for (size_t i = 0; i < m_steps.size(); ++i) {
            if (waiting[i] == 0)
                ready.push_back(int(i));
        }
        for (int r = 0; !ready.empty(); ++r) {
            std::vector<int> following;
            for (int s : ready)
                round[size_t(s)] = r;
            for (int s : ready) {
                for (int n : m_next[size_t(s)]) {
                    if (--waiting[size_t(n)] == 0)
                        following.push_back(n);
                }
            }
            ready = std::move(following);
        }
        return round;
    }

    // A cycle among the steps without a round: walking back from any of them always finds a
    // predecessor without one, so the walk comes round to a step it met. In forward order.
    std::vector<int> cycle(const std::vector<int> &round) const
    {
        std::vector<std::vector<int>> previous(m_steps.size());
        for (size_t s = 0; s < m_steps.size(); ++s) {
            for (int n : m_next[s])
                previous[size_t(n)].push_back(int(s));
        }
        const auto start = std::find(round.cbegin(), round.cend(), -1);
        std::vector<int> walk{int(start - round.cbegin())};
        std::vector<int> seenAt(m_steps.size(), -1);
        seenAt[size_t(walk.back())] = 0;
        for (;;) {
            int back = -1;
            for (int p : previous[size_t(walk.back())]) {
                if (round[size_t(p)] < 0) {
                    back = p;
                    break;
                }
            }
            Q_ASSERT(back >= 0);
            if (seenAt[size_t(back)] >= 0) {
                std::vector<int> loop(walk.begin() + seenAt[size_t(back)], walk.end());
                std::reverse(loop.begin(), loop.end());
                return loop;
            }
            seenAt[size_t(back)] = int(walk.size());
            walk.push_back(back);
        }
    }

private:
    std::vector<Step> m_steps;
    std::vector<std::vector<int>> m_next;
};

// How the refusal names an object: its key, or while it has none a value people recognise.
QString describeRow(const ObjectState &state)
{
    if (state.hasIdentity())
        return describeObject(state);
    const EntityType &entity = state.entity();
    for (int c = 0; c < entity.columnCount(); ++c) {
        const Column &column = entity.column(c);
        if (entity.isPrimaryKey(c) || column.sensitive || !state.isLoaded(c) ||
            !state.loadedValue(c).isValid())
            continue;
        return QStringLiteral("%1 (%2, %3 = %4)")
            .arg(entity.name(), lifecycleName(state.lifecycle()), column.name,
                 QString::fromUtf8(values::jsonText(values::toJson(state.loadedValue(c)))));
    }
    return describeObject(state);
}

[[noreturn]] void refuseCycle(const EntityType &entity, const StepGraph &graph,
                              const std::vector<int> &cycle)
{
    QStringList objects;
    QStringList relationships;
    for (int s : cycle) {
        const StepGraph::Step &step = graph.step(s);
        if (step.state && step.kind != StepGraph::Kind::Process &&
            (objects.isEmpty() || objects.last() != describeRow(*step.state)))
            objects.append(describeRow(*step.state));
        if (step.relationship) {
            const QString name = entity.name() + u'.' + step.relationship->name;
            if (!relationships.contains(name))
                relationships.append(name);
        }
    }
    if (!objects.isEmpty())
        objects.append(objects.first()); // round to where it began
    throw SessionError(
        ErrorKind::InvalidRequest,
        QStringLiteral("circular dependency: through %1 the rows of %2 depend on each other "
                       "(%3), so none of them can be written first; nothing was written. "
                       "Mark the relationship post_update to write its foreign key with a "
                       "second UPDATE")
            .arg(relationships.join(QStringLiteral(", ")), entity.table(),
                 objects.join(QStringLiteral(" -> "))));
}

// `rows` sorted by round, keeping their order within one.
QList<ObjectState *> byRound(const QList<ObjectState *> &rows,
                             const QHash<ObjectState *, int> &step, const std::vector<int> &round)
{
    std::vector<std::pair<int, qsizetype>> order;
    order.reserve(size_t(rows.size()));
    for (qsizetype i = 0; i < rows.size(); ++i)
        order.emplace_back(round[size_t(step.value(rows[i]))], i);
    std::stable_sort(order.begin(), order.end());
    QList<ObjectState *> out;
    out.reserve(rows.size());
    for (const auto &[r, i] : order)
        out.append(rows[i]);
    return out;
}

} // namespace

RowOrder orderSelfReferentialRows(const EntityType &entity, const QList<ObjectState *> &saves,
                                  const QList<ObjectState *> &deletes,
                                  const RelatedObjects &related)
{
    StepGraph graph;
    QHash<ObjectState *, int> save;
    QHash<ObjectState *, int> remove;
    for (ObjectState *state : saves)
        save.insert(state, graph.add(StepGraph::Kind::Save, state));
    for (ObjectState *state : deletes)
        remove.insert(state, graph.add(StepGraph::Kind::Delete, state));
    const auto stepOf = [&](ObjectState *state) {
        const auto s = save.constFind(state);
        if (s != save.cend())
            return *s;
        return remove.value(state, -1);
    };

    QList<ObjectState *> held;
    for (const Relationship &relationship : entity.relationships()) {
        if (relationship.target != &entity || relationship.postUpdate)
            continue;
        const Relationship *r = &relationship;
        // dependency.py's per_state_dependencies, one object at a time.
        for (ObjectState *state : saves) {
            held.clear();
            if (!related(*state, relationship, false, &held))
                continue;
            const int self = save.value(state);
            const int process = graph.add(StepGraph::Kind::Process, state, r);
            if (relationship.isCollection()) {
                // A parent: its row, then its children's (the foreign keys they take).
                graph.before(self, process);
                for (ObjectState *child : std::as_const(held)) {
                    const int next = stepOf(child);
                    if (next < 0)
                        continue;
                    graph.before(process, next);
                    graph.before(self, next);
                }
            } else {
                // A child: the parent's row, then its own.
                graph.before(process, self);
                for (ObjectState *parent : std::as_const(held)) {
                    if (const int first = save.value(parent, -1); first >= 0)
                        graph.before(first, process);
                }
            }
        }
        for (ObjectState *state : deletes) {
            held.clear();
            if (!related(*state, relationship, true, &held))
                continue;
            const int self = remove.value(state);
            if (relationship.isCollection()) {
                const int process = graph.add(StepGraph::Kind::Process, state, r);
                for (ObjectState *child : std::as_const(held)) {
                    const int next = stepOf(child);
                    if (next < 0)
                        continue;
                    graph.before(process, next);
                    graph.before(next, self);
                }
            } else {
                for (ObjectState *parent : std::as_const(held)) {
                    if (const int after = remove.value(parent, -1); after >= 0)
                        graph.before(self, after);
                }
            }
        }
    }
    // Every row saved before any row deleted (SaveUpdateAll before DeleteAll, per object).
    if (!saves.isEmpty() && !deletes.isEmpty()) {
        const int barrier = graph.add(StepGraph::Kind::Barrier);
        for (ObjectState *state : saves)
            graph.before(save.value(state), barrier);
        for (ObjectState *state : deletes)
            graph.before(barrier, remove.value(state));
    }

    const std::vector<int> round = graph.rounds();
    if (std::find(round.cbegin(), round.cend(), -1) != round.cend())
        refuseCycle(entity, graph, graph.cycle(round));
    QHash<ObjectState *, int> step = save;
    step.insert(remove);
    return {byRound(saves, step, round), byRound(deletes, step, round)};
}

} // namespace sessionscope
