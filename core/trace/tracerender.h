#pragma once

#include "tracestate.h"

#include <QJsonObject>
#include <QJsonValue>

#include <vector>

namespace sessionscope {

// Reads back the values a TraceState points at.
class TraceBytes
{
public:
    virtual ~TraceBytes() = default;
    virtual QByteArray read(TraceSpan span) const = 0;
    // "FILE:LINE" of the line the span lies in, for error messages.
    virtual QString location(TraceSpan span) const = 0;
};

// The `transaction` member of a run --states element: active, nested_depth, status, and while
// the transaction needs a rollback, the cause ({"kind", "message"}).
QJsonObject transactionSnapshot(bool active, int nestedDepth, TransactionStatus status,
                                const QString &causeKind, const QString &causeMessage);
QJsonObject transactionSnapshot(const TraceState &state);

// Turns a TraceState into what people and tools read: the names run --states gives objects, and
// the state in its JSON shape (docs/trace-format.md, "What a reader derives"). Throws TraceError
// ("FILE:LINE: ...") when a value in the trace is malformed (a reference to an object the trace
// never described, an attribute value of the wrong shape).
class TraceRenderer
{
public:
    TraceRenderer(const TraceState &state, const TraceSchema &schema, const TraceIds &ids,
                  const TraceBytes &bytes);

    // "u1" (the first alias), "User#1" (from the key), "User#?".
    QString nameOf(int slot) const;
    const QString &entityName(int slot) const;
    QJsonValue key(int slot) const; // null or an array
    // {"loaded": false} or {"loaded": true, "value": ..., "history": {...}}, references by name.
    QJsonObject attribute(int slot, int attribute) const;
    // entity, state, key, modified, expired, attrs: one entry of run --states' "objects".
    QJsonObject object(int slot) const;
    // transaction, identity_map, new, dirty, deleted, objects: one element of run --states
    // without the step's own fields.
    QJsonObject session() const;
    // Slots of the objects in the identity map, in the order run --states lists them.
    std::vector<int> identityMapOrder() const;

private:
    QJsonValue parse(TraceSpan span) const;
    QJsonValue reference(const QJsonValue &value, TraceSpan where) const;
    QJsonArray references(const QJsonValue &value, TraceSpan where) const;
    [[noreturn]] void fail(TraceSpan where, const QString &message) const;

    const TraceState &m_state;
    const TraceSchema &m_schema;
    const TraceIds &m_ids;
    const TraceBytes &m_bytes;
    mutable std::vector<QString> m_names; // by slot, computed on first use
};

} // namespace sessionscope
