#pragma once

#include "error.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <exception>
#include <string>

namespace sessionscope {

// A problem in an input document (scenario, schema). The message starts with the path of the
// offending value, e.g. "schema.entities[1].columns[0].type: unknown type \"strng\"".
class InputError : public MessageError
{
public:
    using MessageError::MessageError;
};

// Strict, path-aware accessors over a JSON object: every failure names where it happened.
class JsonFields
{
public:
    JsonFields(const QJsonObject &object, QString path)
        : m_object(object)
        , m_path(std::move(path))
    {}

    const QString &path() const { return m_path; }
    const QJsonObject &object() const { return m_object; }
    QString pathOf(const QString &key) const;

    [[noreturn]] void fail(const QString &key, const QString &message) const;

    // Fails on any key not in `allowed`, so a misspelt field is never silently ignored.
    void allowOnly(const QStringList &allowed) const;

    bool has(const QString &key) const { return m_object.contains(key); }
    QJsonValue value(const QString &key) const { return m_object.value(key); }
    QString requiredString(const QString &key) const;
    QString optionalString(const QString &key, const QString &fallback = {}) const;
    bool optionalBool(const QString &key, bool fallback) const;
    QJsonArray requiredArray(const QString &key) const;
    QJsonArray optionalArray(const QString &key) const;
    QJsonObject requiredObject(const QString &key) const;
    QJsonObject optionalObject(const QString &key) const;

    // The object at `index` of an array field, with its own path.
    static JsonFields element(const QJsonArray &array, qsizetype index, const QString &arrayPath);

private:
    QJsonObject m_object;
    QString m_path;
};

QString jsonTypeName(const QJsonValue &value);

} // namespace sessionscope
