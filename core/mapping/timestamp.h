#pragma once

#include <QDate>
#include <QMetaType>
#include <QString>

#include <compare>
#include <limits>

class QDateTime;

namespace sessionscope {

// A date and time without a zone, to the microsecond: the canonical value of a datetime column
// (SQLAlchemy's naive DateTime). QDateTime keeps only milliseconds, so it cannot be canonical.
class Timestamp
{
public:
    Timestamp() = default;
    Timestamp(QDate date, qint64 microsecondsOfDay);
    Timestamp(int year, int month, int day, int hour = 0, int minute = 0, int second = 0,
              int microsecond = 0);

    // The wall-clock reading of a QDateTime, whatever its zone.
    static Timestamp fromDateTime(const QDateTime &dateTime);
    // "YYYY-MM-DD", optionally followed by 'T' or ' ' and "HH:MM[:SS[.fraction]]"; every field
    // is ASCII digits. Invalid when the text is anything else.
    static Timestamp parse(QStringView text);

    bool isValid() const { return m_julianDay != kInvalid; }
    QDate date() const { return QDate::fromJulianDay(m_julianDay); }
    qint64 microsecondsOfDay() const { return m_micros; }
    int microsecond() const { return int(m_micros % 1000000); }

    // A QDateTime with Qt::UTC as its spec, truncated to milliseconds.
    QDateTime toDateTime() const;
    // "2024-03-01T09:30:00", with ".ffffff" only when there are fractional seconds (isoformat).
    QString toIsoString() const;
    // "2024-03-01 09:30:00.000000": how SQLite stores it (SQLAlchemy's format).
    QString toSqlText() const;

    friend bool operator==(const Timestamp &, const Timestamp &) = default;
    friend auto operator<=>(const Timestamp &, const Timestamp &) = default;

private:
    QString format(QChar separator, bool alwaysFraction) const;

    static constexpr qint64 kInvalid = std::numeric_limits<qint64>::min();
    qint64 m_julianDay = kInvalid;
    qint64 m_micros = 0;
};

size_t qHash(const Timestamp &timestamp, size_t seed = 0);

} // namespace sessionscope

Q_DECLARE_METATYPE(sessionscope::Timestamp)
