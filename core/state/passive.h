#pragma once

#include <QVariant>

namespace sessionscope {

// How far an attribute read may go to produce a value; SQLAlchemy's "passive" flags. Loads that
// happen inside other operations (backrefs, history, flush) use the restrictive combinations.
enum PassiveFlag : unsigned {
    NoChange = 0,
    CallablesOk = 1u << 0,          // loader callables may run
    SqlOk = 1u << 1,                // they may emit SQL
    RelatedObjectOk = 1u << 2,      // related objects may be loaded
    InitOk = 1u << 3,               // an unloaded attribute may produce its empty default
    NonPersistentOk = 1u << 4,      // callables may run on pending objects
    LoadAgainstCommitted = 1u << 5, // foreign keys are read from committed values
    NoAutoflush = 1u << 6,          // loads must not autoflush
    NoRaise = 1u << 7,              // detached objects yield "no result" instead of an error
};
using Passive = unsigned;

inline constexpr Passive kPassiveOff =
    RelatedObjectOk | NonPersistentOk | InitOk | CallablesOk | SqlOk;
inline constexpr Passive kPassiveReturnNoValue = kPassiveOff ^ InitOk;
inline constexpr Passive kPassiveNoInitialize = kPassiveReturnNoValue ^ CallablesOk;
inline constexpr Passive kPassiveNoFetch = kPassiveOff ^ SqlOk;
inline constexpr Passive kPassiveNoFetchRelated = kPassiveOff ^ RelatedObjectOk;
inline constexpr Passive kPassiveOnlyPersistent = kPassiveOff ^ NonPersistentOk;

// The outcome of reading or loading an attribute.
struct LoadResult
{
    enum Kind : quint8 {
        Value,      // `value` holds the value (an invalid QVariant is None)
        NoValue,    // the attribute has no value and may not be initialised
        NoResult,   // producing a value would need what `passive` forbids
        AttrEmpty,  // a loader had nothing to offer; fall back to the empty default
        AttrWasSet, // a loader populated the attribute in place
    };
    Kind kind = NoValue;
    QVariant value;

    static LoadResult of(QVariant v) { return {Value, std::move(v)}; }
    static LoadResult noValue() { return {NoValue, {}}; }
    static LoadResult noResult() { return {NoResult, {}}; }
    static LoadResult attrEmpty() { return {AttrEmpty, {}}; }
    static LoadResult wasSet() { return {AttrWasSet, {}}; }
    bool isValue() const { return kind == Value; }
};

} // namespace sessionscope
