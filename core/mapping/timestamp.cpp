#include "timestamp.h"

#include <QDateTime>
#include <QHashFunctions>

namespace sessionscope {

namespace {

constexpr qint64 kMicrosPerSecond = 1000000;
constexpr qint64 kMicrosPerDay = 86400 * kMicrosPerSecond;

// Reads exactly `count` ASCII digits at `at`; -1 otherwise.
int digits(QStringView text, qsizetype at, qsizetype count)
{
    if (at + count > text.size())
        return -1;
    int value = 0;
    for (qsizetype i = at; i < at + count; ++i) {
        const char16_t c = text[i].unicode();
        if (c < u'0' || c > u'9')
            return -1;
        value = value * 10 + int(c - u'0');
    }
    return value;
}

} // namespace

Timestamp::Timestamp(QDate date, qint64 microsecondsOfDay)
{
    if (date.isValid() && microsecondsOfDay >= 0 && microsecondsOfDay < kMicrosPerDay) {
        m_julianDay = date.toJulianDay();
        m_micros = microsecondsOfDay;
    }
}

Timestamp::Timestamp(int year, int month, int day, int hour, int minute, int second,
                     int microsecond)
{
    const QDate d(year, month, day);
    const bool timeOk = hour >= 0 && hour < 24 && minute >= 0 && minute < 60 && second >= 0 &&
                        second < 60 && microsecond >= 0 && microsecond < kMicrosPerSecond;
    if (d.isValid() && timeOk) {
        m_julianDay = d.toJulianDay();
        m_micros = ((hour * 60 + minute) * 60 + second) * kMicrosPerSecond + microsecond;
    }
}

Timestamp Timestamp::fromDateTime(const QDateTime &dateTime)
{
    if (!dateTime.isValid())
        return {};
    const QTime t = dateTime.time();
    return Timestamp(dateTime.date(), qint64(t.msecsSinceStartOfDay()) * 1000);
}

Timestamp Timestamp::parse(QStringView text)
{
    if (text.size() < 10 || text[4] != u'-' || text[7] != u'-')
        return {};
    const int year = digits(text, 0, 4);
    const int month = digits(text, 5, 2);
    const int day = digits(text, 8, 2);
    if (year < 0 || month < 0 || day < 0)
        return {};
    if (text.size() == 10)
        return Timestamp(year, month, day);
    if ((text[10] != u'T' && text[10] != u' ') || text.size() < 16 || text[13] != u':')
        return {};
    const int hour = digits(text, 11, 2);
    const int minute = digits(text, 14, 2);
    int second = 0;
    int micro = 0;
    qsizetype at = 16;
    if (at < text.size() && text[at] == u':') {
        second = digits(text, at + 1, 2);
        at += 3;
        if (at < text.size() && text[at] == u'.') {
            const qsizetype count = text.size() - at - 1;
            if (count < 1 || count > 9)
                return {};
            for (qsizetype i = at + 1; i < text.size(); ++i) {
                if (text[i] < u'0' || text[i] > u'9')
                    return {};
            }
            // Up to six digits are kept; more are truncated like a clock reading.
            const QString fraction = text.mid(at + 1, std::min<qsizetype>(count, 6)).toString();
            micro = fraction.leftJustified(6, u'0').toInt();
            at = text.size();
        }
    }
    if (hour < 0 || minute < 0 || second < 0 || at != text.size())
        return {};
    return Timestamp(year, month, day, hour, minute, second, micro);
}

QDateTime Timestamp::toDateTime() const
{
    if (!isValid())
        return {};
    return QDateTime(date(), QTime::fromMSecsSinceStartOfDay(int(m_micros / 1000)), Qt::UTC);
}

QString Timestamp::format(QChar separator, bool alwaysFraction) const
{
    if (!isValid())
        return {};
    const QDate d = date();
    const qint64 seconds = m_micros / kMicrosPerSecond;
    QString text = QStringLiteral("%1-%2-%3%4%5:%6:%7")
                       .arg(d.year(), 4, 10, QLatin1Char('0'))
                       .arg(d.month(), 2, 10, QLatin1Char('0'))
                       .arg(d.day(), 2, 10, QLatin1Char('0'))
                       .arg(separator)
                       .arg(seconds / 3600, 2, 10, QLatin1Char('0'))
                       .arg(seconds / 60 % 60, 2, 10, QLatin1Char('0'))
                       .arg(seconds % 60, 2, 10, QLatin1Char('0'));
    if (alwaysFraction || microsecond() != 0)
        text += QStringLiteral(".%1").arg(microsecond(), 6, 10, QLatin1Char('0'));
    return text;
}

QString Timestamp::toIsoString() const
{
    return format(u'T', false);
}

QString Timestamp::toSqlText() const
{
    return format(u' ', true);
}

size_t qHash(const Timestamp &timestamp, size_t seed)
{
    return qHashMulti(seed, timestamp.date().toJulianDay(), timestamp.microsecondsOfDay());
}

} // namespace sessionscope
