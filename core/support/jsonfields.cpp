#include "jsonfields.h"

namespace sessionscope {

QString jsonTypeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

QString JsonFields::pathOf(const QString &key) const
{
    return m_path.isEmpty() ? key : m_path + u'.' + key;
}

void JsonFields::fail(const QString &key, const QString &message) const
{
    const QString where = key.isEmpty() ? m_path : pathOf(key);
    throw InputError(where.isEmpty() ? message : where + QStringLiteral(": ") + message);
}

void JsonFields::allowOnly(const QStringList &allowed) const
{
    for (auto it = m_object.begin(); it != m_object.end(); ++it) {
        if (!allowed.contains(it.key()))
            fail(it.key(), QStringLiteral("unknown field (expected one of: %1)")
                               .arg(allowed.join(QStringLiteral(", "))));
    }
}

QString JsonFields::requiredString(const QString &key) const
{
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined())
        fail(key, QStringLiteral("is required"));
    if (!v.isString())
        fail(key, QStringLiteral("must be a string, not %1").arg(jsonTypeName(v)));
    return v.toString();
}

QString JsonFields::optionalString(const QString &key, const QString &fallback) const
{
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined())
        return fallback;
    if (!v.isString())
        fail(key, QStringLiteral("must be a string, not %1").arg(jsonTypeName(v)));
    return v.toString();
}

bool JsonFields::optionalBool(const QString &key, bool fallback) const
{
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined())
        return fallback;
    if (!v.isBool())
        fail(key, QStringLiteral("must be true or false, not %1").arg(jsonTypeName(v)));
    return v.toBool();
}

QJsonArray JsonFields::requiredArray(const QString &key) const
{
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined())
        fail(key, QStringLiteral("is required"));
    if (!v.isArray())
        fail(key, QStringLiteral("must be an array, not %1").arg(jsonTypeName(v)));
    return v.toArray();
}

QJsonArray JsonFields::optionalArray(const QString &key) const
{
    return has(key) ? requiredArray(key) : QJsonArray();
}

QJsonObject JsonFields::requiredObject(const QString &key) const
{
    const QJsonValue v = m_object.value(key);
    if (v.isUndefined())
        fail(key, QStringLiteral("is required"));
    if (!v.isObject())
        fail(key, QStringLiteral("must be an object, not %1").arg(jsonTypeName(v)));
    return v.toObject();
}

QJsonObject JsonFields::optionalObject(const QString &key) const
{
    return has(key) ? requiredObject(key) : QJsonObject();
}

JsonFields JsonFields::element(const QJsonArray &array, qsizetype index, const QString &arrayPath)
{
    const QString path = QStringLiteral("%1[%2]").arg(arrayPath).arg(index);
    const QJsonValue v = array.at(index);
    if (!v.isObject())
        throw InputError(path + QStringLiteral(": must be an object, not %1").arg(jsonTypeName(v)));
    return JsonFields(v.toObject(), path);
}

} // namespace sessionscope
