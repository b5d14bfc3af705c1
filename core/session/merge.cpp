// Session::merge: copies an object's state onto the object with the same identity in this
// session (loading it if needed) or onto a new pending one, following merge cascades.
// Follows SQLAlchemy's Session._merge and the merge() of column and relationship properties.

#include "session.h"

#include "loader.h"
#include "mapping/values.h"
#include "sessionoperation.h"
#include "state/attributes.h"
#include "state/objectpool.h"

#include <QSet>

namespace sessionscope {

class Merger
{
public:
    Merger(Session &session, bool load)
        : m_session(session)
        , m_load(load)
    {}

    ObjectState *merge(ObjectState &source);

private:
    void mergeColumn(ObjectState &source, ObjectState &merged, int column);
    void mergeRelationship(ObjectState &source, ObjectState &merged,
                           const Relationship &relationship);

    Session &m_session;
    bool m_load;
    QHash<ObjectState *, ObjectState *> m_merged;    // source -> merged
    QHash<IdentityKey, ObjectState *> m_mergedByKey; // identity -> merged
    QSet<std::pair<ObjectState *, const Relationship *>> m_reachedVia;
};

ObjectState *Merger::merge(ObjectState &source)
{
    if (ObjectState *done = m_merged.value(&source))
        return done;
    const EntityType &entity = source.entity();

    // The identity the source has, or would have from its key attributes.
    QVariantList key = source.key().toList();
    bool keyIsPersistent = source.hasIdentity();
    if (!source.hasIdentity()) {
        if (!m_load)
            throwInvalidRequest(QStringLiteral("merge() without loading cannot take a transient "
                                               "%1; flush it first")
                                    .arg(entity.name()));
        bool complete = true;
        bool anyValue = false;
        for (int k : entity.primaryKey()) {
            const QVariant v = source.isLoaded(k) ? source.loadedValue(k) : QVariant();
            complete = complete && source.isLoaded(k);
            anyValue = anyValue || v.isValid();
            key.append(v);
        }
        keyIsPersistent = complete && anyValue;
    }
    const IdentityKey identity{&entity, key};

    ObjectState *merged = keyIsPersistent ? m_session.m_identityMap.find(entity, key) : nullptr;
    if (!merged) {
        if (keyIsPersistent && m_mergedByKey.contains(identity)) {
            merged = m_mergedByKey.value(identity);
        } else if (!m_load) {
            if (source.isModified())
                throwInvalidRequest(QStringLiteral("merge() without loading cannot take a "
                                                   "modified %1; flush it first")
                                        .arg(entity.name()));
            merged = m_session.m_pool->create(entity);
            merged->setKey(key);
            m_session.updateImpl(*merged, false);
        } else if (keyIsPersistent) {
            merged = m_session.m_loader->get(entity, key);
        }
    }
    if (!merged) {
        merged = m_session.m_pool->create(entity);
        m_session.saveOrUpdateState(*merged);
    }
    m_merged.insert(&source, merged);
    m_mergedByKey.insert(identity, merged);

    if (&source != merged) {
        if (const int version = entity.versionColumn(); version >= 0) {
            if (source.isLoaded(version) && merged->isLoaded(version) &&
                !values::equal(source.loadedValue(version), merged->loadedValue(version)))
                throw SessionError(ErrorKind::StaleData,
                                   QStringLiteral("version %1 of the merged %2 does not match the "
                                                  "version %3 in the session; leave the version "
                                                  "unset to merge onto the latest one")
                                       .arg(source.loadedValue(version).toString(), entity.name(),
                                            merged->loadedValue(version).toString()));
        }
        for (int c = 0; c < entity.columnCount(); ++c)
            mergeColumn(source, *merged, c);
        for (const Relationship &relationship : entity.relationships())
            mergeRelationship(source, *merged, relationship);
    }
    if (!m_load) {
        merged->commitAll();
        m_session.m_identityMap.unmarkModified(*merged);
    }
    return merged;
}

void Merger::mergeColumn(ObjectState &source, ObjectState &merged, int column)
{
    if (source.isLoaded(column)) {
        if (m_load)
            attributes::set(merged, column, source.loadedValue(column));
        else
            merged.store(column, source.loadedValue(column));
    } else if (merged.hasIdentity() && !merged.isLoaded(column)) {
        merged.expireAttributes({column});
    }
}

void Merger::mergeRelationship(ObjectState &source, ObjectState &merged,
                               const Relationship &relationship)
{
    // Reached through the other side of this pair: that side already set this one.
    if (m_load && relationship.backIndex >= 0) {
        const Relationship &reverse = relationship.target->relationship(relationship.backIndex);
        if (m_reachedVia.contains({&source, &reverse}))
            return;
    }
    if (!relationship.cascades(CascadeOption::Merge) || !source.isLoaded(relationship.index))
        return;
    const int attribute = relationship.index;
    if (relationship.isCollection()) {
        const ObjectList members = source.loadedCollection(attribute);
        if (m_load)
            attributes::get(merged, attribute, kPassiveOff | NoRaise); // the old list, loaded
        ObjectList mergedMembers;
        for (ObjectState *member : members) {
            m_reachedVia.insert({member, &relationship});
            if (ObjectState *result = merge(*member))
                mergedMembers.append(result);
        }
        if (m_load)
            attributes::set(merged, attribute, QVariant::fromValue(mergedMembers));
        else
            merged.store(attribute, QVariant::fromValue(mergedMembers));
        return;
    }
    ObjectState *target = source.loadedReference(attribute);
    ObjectState *result = nullptr;
    if (target) {
        m_reachedVia.insert({target, &relationship});
        result = merge(*target);
    }
    if (m_load)
        attributes::set(merged, attribute, referenceValue(result));
    else
        merged.store(attribute, referenceValue(result));
}

Object Session::merge(const Object &object, bool load)
{
    if (!object)
        throwInvalidRequest(QStringLiteral("cannot merge a null object"));
    ObjectState &source = *object.state();
    if (m_mapping->entity(source.entity().name()) != &source.entity())
        throwInvalidRequest(
            QStringLiteral("cannot merge a %1 of another mapping").arg(source.entity().name()));
    return detail::guarded(*this, detail::operation(OperationKind::Merge, &source), [&] {
        if (load)
            autoflush(); // loading is about to happen; what is pending goes first
        NoAutoflush noAutoflush(*this);
        Merger merger(*this, load);
        return Object(merger.merge(source));
    });
}

} // namespace sessionscope
