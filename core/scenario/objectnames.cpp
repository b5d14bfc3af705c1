#include "objectnames.h"

#include "mapping/values.h"

namespace sessionscope {

bool ObjectNames::bind(const QString &alias, const Object &object)
{
    if (m_byAlias.contains(alias))
        return false;
    m_byAlias.insert(alias, object);
    m_order.append({alias, object});
    if (!m_firstAlias.contains(object.state()))
        m_firstAlias.insert(object.state(), alias);
    return true;
}

QString ObjectNames::nameOf(const ObjectState *state) const
{
    if (!state)
        return {};
    const auto it = m_firstAlias.constFind(state);
    if (it != m_firstAlias.cend())
        return it.value();
    QStringList parts;
    for (const QVariant &v : state->key().toList()) {
        const QJsonValue json = values::toJson(v);
        parts.append(json.isString() ? json.toString() : QString::fromUtf8(values::jsonText(json)));
    }
    if (parts.isEmpty())
        return state->entity().name() + QStringLiteral("#?");
    return state->entity().name() + u'#' + parts.join(u',');
}

} // namespace sessionscope
