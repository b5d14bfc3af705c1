#pragma once

#include "rowdependencies.h"
#include "state/history.h"
#include "state/objectstate.h"
#include "state/passive.h"
#include "valuerows.h"

#include <QHash>
#include <QList>
#include <QSet>

#include <functional>
#include <vector>

namespace sessionscope {

class Session;
struct StatementDetails;
struct StatementShape;

// One flush: decides which objects are saved and deleted (with the orphan and cascade rules of
// each relationship), then sends INSERT / UPDATE / DELETE statements in an order the foreign
// keys accept:
//
//   for each entity, parents first:    set foreign keys from parents, then UPDATE, then INSERT
//   for each entity, children first:   DELETE
//
// Rows of a self-referential entity are ordered one by one (a parent row before its children).
// This follows SQLAlchemy's unit of work (orm/unitofwork.py, dependency.py, persistence.py).
class UnitOfWork
{
public:
    explicit UnitOfWork(Session &session);
    ~UnitOfWork();
    UnitOfWork(const UnitOfWork &) = delete;
    UnitOfWork &operator=(const UnitOfWork &) = delete;

    // Registers what the session holds and runs the dependency rules until nothing new is
    // registered. Returns false when there is nothing to flush.
    bool plan();
    // Sends the statements. Throws SessionError on the first failure.
    void execute();
    // After success: deleted objects leave the identity map, saved ones become persistent.
    void finalize();

private:
    // A foreign-key assignment to make on `dest` before its row is written.
    struct SyncTask
    {
        ObjectState *dest = nullptr;
        ObjectState *source = nullptr; // null: clear the foreign key
        const Relationship *relationship = nullptr;
    };

    bool registerObject(ObjectState *state, bool isDelete = false, bool cancelDelete = false);
    // registerObject() for an object known to be in the session.
    void registerMember(ObjectState *state, bool isDelete = false, bool cancelDelete = false);
    bool isDeleted(const ObjectState *state) const;
    QList<ObjectState *> registered(const EntityType &entity, bool deletes) const;
    History attributeHistory(ObjectState &state, int attribute, Passive passive);

    bool presortPass();
    void presortOneToMany(const Relationship &relationship, const QList<ObjectState *> &saves,
                          const QList<ObjectState *> &deletes);
    void presortManyToOne(const Relationship &relationship, const QList<ObjectState *> &deletes);
    bool relationshipHasChanges(const Relationship &relationship,
                                const QList<ObjectState *> &states, bool deletes);

    QList<SyncTask> syncTasksFor(const EntityType &entity);
    void applySync(const SyncTask &task);

    // Whether rows of the entity may depend on other rows of it: a relationship to itself that
    // is not post_update.
    static bool isSelfReferential(const EntityType &entity);
    // The rows of `entity` to save and delete, in order (rowdependencies.h for an entity that
    // refers to itself); with `findRowSwitches`, finds the row switches among the new ones.
    RowOrder orderRows(const EntityType &entity, bool findRowSwitches);
    // Throws when rows of an entity refer to each other in a cycle, before anything is sent.
    void refuseRowCycles();
    // For a new object, the object deleted in this flush whose row it takes over (its key
    // is theirs): SQLAlchemy's "row switch", an UPDATE of that row instead of a DELETE and an
    // INSERT. Loads that object if it is expired, as SQLAlchemy does to see whether its row is
    // still there.
    ObjectState *rowToTakeOver(ObjectState &state);
    // Foreign keys of post_update relationships (SQLAlchemy's PostUpdateAll): once every row
    // is saved, the assignments are made and the rows they changed get a second UPDATE; before
    // the DELETEs, rows about to be deleted have such foreign keys set to NULL.
    void sendPostUpdates();
    void sendPreDeleteUpdates();
    // An UPDATE of the given columns of each row, in key order within each entity.
    void sendColumnUpdates(QList<ObjectState *> rows,
                           const QHash<ObjectState *, QList<int>> &columns);

    // New rows of one entity with the same columns, sent together: one multi-row INSERT, or
    // one INSERT executed per row. The batches keep their parameter memory from one batch to
    // the next.
    struct PendingInsert
    {
        ObjectState *state = nullptr;
        QList<std::pair<int, QVariant>> prefetched; // defaults and version, stored after it
    };
    // How a batch's rows go to the database.
    enum class InsertForm {
        // One INSERT with a VALUES tuple per row; generated keys come back through RETURNING.
        ManyRowsReturning,
        // A one-row INSERT executed per row; the connection tells each row's generated key.
        RowByRow,
        // SQLite, nobody watching: one INSERT with a VALUES tuple per row, which costs SQLite
        // about half of what a row of RowByRow does. Without RETURNING (it buffers every row):
        // generated keys are counted back from the last one. Rows go RowByRow instead when the
        // keys cannot be counted (Connection::insertsConsecutiveKeys()) and when one of them
        // breaks a constraint, so that the error names that row.
        ManyRowsCountingKeys,
    };
    struct InsertBatch
    {
        QList<int> columns; // the column of each parameter of a row
        bool needsKey = false;
        // The columns a row leaves out unless it has a value of its own (the generated key, a
        // key column without default), with whether this batch's rows have one: what tells
        // one batch's rows from the next's.
        QList<std::pair<int, bool>> omissible;
        InsertForm form = InsertForm::ManyRowsReturning;
        qsizetype perStatement = 1; // rows sent (or reported) together
        std::vector<PendingInsert> rows;
        ValueRows parameters; // one row per entry of `rows`, in the order of `columns`
    };
    // Changed rows of one entity with the same changed columns, sent as one statement executed
    // per row.
    struct UpdateBatch
    {
        QList<int> columns;
        // One UPDATE ... FROM (VALUES ...) for many rows (SQLite, nobody watching), else one
        // UPDATE executed per row.
        bool manyRows = false;
        qsizetype perStatement = 1; // rows sent (or reported) together
        std::vector<ObjectState *> states;
        ValueRows parameters; // per state: the values of `columns`, then the key
    };
    enum class UpdatePlan { Nothing, Batched, Alone };
    // Whether `state` needs an UPDATE, and whether it can share one (no version column, no key
    // change). `columns` receives the columns assigned; its capacity serves every row of a
    // flush.
    UpdatePlan prepareUpdate(ObjectState &state, QList<int> &columns) const;
    // Adds `state`'s row to the batch, whose columns prepareUpdate() gave.
    void addUpdateRow(UpdateBatch &batch, ObjectState &state) const;
    // Rows of `width` parameters one multi-row statement takes at most.
    qsizetype rowsPerSharedStatement(qsizetype width) const;
    // Starts a batch of rows changing `columns`, deciding how it is sent.
    void startUpdateBatch(const EntityType &entity, const QList<int> &columns, UpdateBatch &batch);
    // Sends the batch's rows (each must match exactly one row) and empties it.
    void sendUpdates(const EntityType &entity, UpdateBatch &batch);
    // Sends all of the batch's rows in one statement: an UPDATE ... FROM (VALUES ...) when
    // `manyRows`, else one UPDATE executed per row.
    void sendUpdateStatement(const EntityType &entity, UpdateBatch &batch, bool manyRows);
    // The many-row UPDATE for the batch; false when the rows must go one at a time instead, to
    // name the row that broke a constraint or matched nothing.
    bool sendUpdateFromValues(const EntityType &entity, const UpdateBatch &batch,
                              const StatementDetails &details);

    // The shape of `state`'s INSERT, for a batch that starts with it: the columns it sends
    // and whether it fetches a generated key.
    void insertShape(const ObjectState &state, InsertBatch &batch) const;
    // Whether `state`'s INSERT has the shape of the batch's rows.
    bool fitsInsertBatch(const ObjectState &state, const InsertBatch &batch) const;
    // What `state`'s INSERT sends for `columns` (its shape), written into `row`.
    PendingInsert insertParameters(ObjectState &state, const QList<int> &columns,
                                   std::span<QVariant> row) const;
    // Sends the batch's rows and empties it.
    void sendInserts(const EntityType &entity, InsertBatch &batch);
    // Sends all of the batch's rows in one statement of `form`.
    void sendInsertStatement(const EntityType &entity, InsertBatch &batch, InsertForm form);
    // The ManyRowsCountingKeys statement for the batch; false, with nothing written, when the
    // rows must go one at a time instead.
    bool sendCountingKeys(const EntityType &entity, InsertBatch &batch, StatementDetails &details,
                          QList<qlonglong> &keys);
    // The form of the INSERTs that send new rows of `entity` with `columns`.
    InsertForm insertForm(const EntityType &entity, const QList<int> &columns, bool needsKey);
    // After a batch's INSERT: the generated keys (one per row, in order), defaults and versions,
    // of its first `rows` rows (all when negative: those written before a failure keep theirs).
    void storeGenerated(const EntityType &entity, const InsertBatch &batch,
                        const QList<qlonglong> &keys, qsizetype rows = -1) const;
    // An UPDATE of what changed in `state` (or of the `only` columns); of the row `replaced`
    // had, for a row switch.
    void updateRow(ObjectState &state, ObjectState *replaced = nullptr,
                   const QList<int> *only = nullptr);
    void deleteRow(ObjectState &state);
    // Sends a statement that writes `state`'s row; `afterSuccess` stores what it produced.
    qint64 run(const QString &sql, const QVariantList &parameters, const StatementShape &shape,
               ObjectState &state, const QList<int> &columns, QVariantList *returned,
               const std::function<void(qint64)> &afterSuccess);
    // The SQL of an INSERT of `rows` rows with these columns; the last one is kept.
    const QString &insertSql(const EntityType &entity, const QList<int> &columns, bool needsKey,
                             qsizetype rows);

    Session &m_session;
    // What is registered, in registration order. Each object also carries its registration
    // (ObjectState::isRegisteredForFlush()), so a look-up is a flag, not a hash probe.
    std::vector<ObjectState *> m_registered;
    // Row switches: the new object and the deleted one whose row it takes over, and those rows.
    QHash<ObjectState *, ObjectState *> m_rowSwitches;
    QSet<ObjectState *> m_replacedRows;
    // Each entity's rows to delete, in order, decided with its saves.
    QHash<const EntityType *, QList<ObjectState *>> m_deleteOrder;
    // Foreign-key assignments of post_update relationships, made after every row is saved.
    QList<SyncTask> m_postUpdates;
    // Which relationship rules have seen which objects (SQLAlchemy's Preprocess.processed).
    QHash<const Relationship *, QSet<ObjectState *>> m_presorted;
    // Relationships whose changes have been looked for (SQLAlchemy's setup_flush_actions).
    QSet<const Relationship *> m_changesChecked;
    // Children added to collections in this flush, per relationship.
    QHash<const Relationship *, QSet<ObjectState *>> m_childrenAdded;
    struct CachedHistory
    {
        History history;
        Passive passive;
    };
    QHash<std::pair<ObjectState *, int>, CachedHistory> m_histories;
    struct InsertSqlCache
    {
        const EntityType *entity = nullptr;
        QList<int> columns;
        bool needsKey = false;
        qsizetype rows = 0;
        QString sql;
    } m_insertSql;
};

} // namespace sessionscope
