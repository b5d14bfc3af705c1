#pragma once

#include "mapping/mapping.h"

#include <QHash>
#include <QString>

#include <vector>

namespace sessionscope {

// The mapping as a trace reader sees it: every attribute an object's "attrs" may name, in the
// order run --states lists them (columns, relationships, composites), and what it holds.
class TraceSchema
{
public:
    enum class SlotKind : quint8 { Column, Reference, Collection, Composite };
    struct Slot
    {
        QString name;
        QByteArray utf8Name;
        SlotKind kind;
        int index; // attribute index (columns, relationships) or composite index
    };
    struct Entity
    {
        const EntityType *type;
        QByteArray utf8Name;
        std::vector<Slot> attributes;
        QHash<QString, int> attributeByName;
        // By UTF-8 name, as a trace spells it; -1 when there is none. (Entities have few
        // attributes: a scan beats hashing.)
        int attributeIndex(QByteArrayView utf8Name) const;
    };

    explicit TraceSchema(MappingPtr mapping);

    const Mapping &mapping() const { return *m_mapping; }
    const MappingPtr &mappingPtr() const { return m_mapping; }
    int entityIndex(QStringView name) const { return m_entityByName.value(name.toString(), -1); }
    int entityIndex(QByteArrayView utf8Name) const;
    const Entity &entity(int index) const { return m_entities[size_t(index)]; }
    int entityCount() const { return int(m_entities.size()); }

private:
    MappingPtr m_mapping;
    std::vector<Entity> m_entities;
    QHash<QString, int> m_entityByName;
    QHash<QByteArray, int> m_entityByUtf8Name;
};

} // namespace sessionscope
