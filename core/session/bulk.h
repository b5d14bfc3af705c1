#pragma once

#include "session.h"

#include <QList>
#include <QVariantMap>

namespace sessionscope {

// ---- bulk writes --------------------------------------------------------------------------------
//
// SQLAlchemy 1.4's Session.bulk_save_objects / bulk_insert_mappings / bulk_update_mappings: plain
// INSERT and UPDATE statements with none of the unit of work's bookkeeping. No autoflush, no
// relationships, no cascades; objects are not added to the session and their History is left as
// it was. Statements go through the session's connection (listeners see them) inside its
// transaction, which begins on first use. Consecutive rows of one table with the same columns
// share one multi-row INSERT; an UPDATE is one statement per row.
//
// A request that cannot be sent (unknown column, bad value, missing key) is refused with an
// InvalidRequest before anything is sent. A statement the database refuses rolls the
// transaction back: the session then waits for rollback() (pending_rollback), as after a failed
// flush.

// Objects without an identity are INSERTed (their loaded columns, defaults for the rest, the
// version column at 1); objects with one (persistent, detached, even deleted) are UPDATEd with
// the columns changed since their last load or flush (set-and-set-back included), located by
// their identity. Objects keep their lifecycle and History, so a later flush sends their changes
// again. Consecutive objects of one entity and kind (insert / update) form a group.
void bulkSaveObjects(Session &session, const QList<Object> &objects);

// One INSERT row per map (column name -> value, converted like Object::set). A None value is
// left out so the column's default applies (json columns store JSON null instead).
void bulkInsertMappings(Session &session, const EntityType &entity, const QList<QVariantMap> &rows);

// One UPDATE per map: the primary key columns (required) locate the row, every other column
// given is SET (None sets NULL). A versioned entity's rows must give the version they expect;
// it is checked and incremented. A row matching no row is StaleData.
void bulkUpdateMappings(Session &session, const EntityType &entity, const QList<QVariantMap> &rows);

// ---- bulk resolution ----------------------------------------------------------------------------

// Resolves many transient objects against their rows with one SELECT per entity, e.g. the
// objects an import builds from a payload:
//
//     BulkResolver resolver(session);
//     Object ann = resolver.addReference(u"User", {{"name", "ann"}});
//     resolver.addValue(importedUser);                // identified by its key or a unique column
//     const auto result = resolver.resolve(BulkResolver::Strategy::Hydrate);
//     address.setReference(u"user", result.canonical(ann));
//
// An object's identity is its primary key when every key column has a value, otherwise the
// unique columns it has non-null values for (all of them must match). Only columns take part;
// relationships the objects hold are left as they are, and nothing is cascaded into the session.
//
// A *reference* stands for its row: the row wins, so its other column values are replaced (or
// expired). A *value* brings data for its row: the columns it holds (other than the identifying,
// key and version columns) stay as pending changes that the next flush UPDATEs, like
// Session.merge() of the object would.
//
// A registered object whose row already has an object in the session (or resolved earlier in the
// same call) is not bound: it resolves *to* that canonical object and is left untouched; a
// value's columns are then set on the canonical object instead. Resolution::canonical says which
// object stands for the row; use it to wire relationships.
class BulkResolver
{
public:
    enum class Role : quint8 { Reference, Value };
    enum class Strategy : quint8 {
        // Only the identity: key columns and identifying columns are loaded; the registered
        // object gets its key and becomes persistent, its other columns expired (they load on
        // access). SQLAlchemy's make_transient_to_detached() followed by add(), without cascades.
        Bind,
        // All columns are loaded as committed values (an object already in the session only gets
        // its unloaded columns filled, as for any query).
        Hydrate,
    };
    enum class Scope : quint8 { All, References, Values };

    struct Options
    {
        // Unresolvable objects are an InvalidRequest listing them, raised before any object
        // changes; otherwise they are reported in the result and the rest is resolved.
        bool raiseErrors = true;
        // Which registered objects this call resolves; the others stay registered.
        Scope scope = Scope::All;
    };

    struct Resolution
    {
        Object registered;
        Object canonical; // the session's object for the row; null when unresolved
        Role role = Role::Reference;

        bool isResolved() const { return !canonical.isNull(); }
        // Another object already stood for the row; `registered` stayed transient.
        bool isRedirected() const { return isResolved() && !(canonical == registered); }
    };

    struct Result
    {
        QList<Resolution> resolutions; // in registration order

        bool isComplete() const;
        QList<Object> unresolved() const;
        // The canonical object for a registered one; null when unresolved or not part of it.
        Object canonical(const Object &registered) const;
    };

    explicit BulkResolver(Session &session);

    // Registers a transient object of the session. A second registration in the same role is
    // ignored; in the other role, or of an object that is not transient or has no identity, it
    // is an InvalidRequest.
    void addReference(const Object &object);
    void addValue(const Object &object);
    // Creates a transient object with the given column values and registers it.
    Object addReference(QStringView entityName, const QVariantMap &values);
    Object addValue(QStringView entityName, const QVariantMap &values);

    qsizetype size() const { return m_entries.size(); }
    bool isEmpty() const { return m_entries.isEmpty(); }
    void clear() { m_entries.clear(); }

    // Autoflushes, runs one SELECT per entity (WHERE key IN (...) OR unique IN (...), values
    // bound; split only past the driver's parameter limit), then binds or hydrates. Resolved and
    // reported-unresolved objects leave the resolver. After an error no registered or session
    // object has changed (the autoflush aside) and everything stays registered.
    Result resolve(Strategy strategy, Options options);
    Result resolve(Strategy strategy = Strategy::Bind) { return resolve(strategy, Options()); }

private:
    struct Entry
    {
        Object object;
        Role role;
    };
    void add(const Object &object, Role role);
    Object addNew(QStringView entityName, const QVariantMap &values, Role role);

    Session &m_session;
    QList<Entry> m_entries;
};

} // namespace sessionscope
