#include "traceschema.h"

namespace sessionscope {

TraceSchema::TraceSchema(MappingPtr mapping)
    : m_mapping(std::move(mapping))
{
    for (const auto &type : m_mapping->entities()) {
        Entity entity{type.get(), type->name().toUtf8(), {}, {}};
        for (int a = 0; a < type->attributeCount(); ++a) {
            SlotKind kind = SlotKind::Column;
            if (type->isRelationship(a))
                kind = type->isCollection(a) ? SlotKind::Collection : SlotKind::Reference;
            entity.attributes.push_back(
                {type->attributeName(a), type->attributeName(a).toUtf8(), kind, a});
        }
        for (int c = 0; c < int(type->composites().size()); ++c)
            entity.attributes.push_back({type->composites()[size_t(c)].name,
                                         type->composites()[size_t(c)].name.toUtf8(),
                                         SlotKind::Composite, c});
        for (int s = 0; s < int(entity.attributes.size()); ++s)
            entity.attributeByName.insert(entity.attributes[size_t(s)].name, s);
        m_entityByName.insert(type->name(), int(m_entities.size()));
        m_entityByUtf8Name.insert(entity.utf8Name, int(m_entities.size()));
        m_entities.push_back(std::move(entity));
    }
}

int TraceSchema::Entity::attributeIndex(QByteArrayView name) const
{
    for (size_t s = 0; s < attributes.size(); ++s) {
        if (attributes[s].utf8Name == name)
            return int(s);
    }
    return -1;
}

int TraceSchema::entityIndex(QByteArrayView name) const
{
    // fromRawData: a lookup key without copying the bytes.
    return m_entityByUtf8Name.value(QByteArray::fromRawData(name.data(), name.size()), -1);
}

} // namespace sessionscope
