#pragma once

#include <QByteArray>
#include <QCache>
#include <QString>

#include <memory>

class QFile;

namespace sessionscope {

// The bytes of a trace, read at any offset: a file (which another program may still be
// appending to) or a stream received in memory. A Timeline reads through it rather than keeping
// the trace in memory; small reads (the values a view shows) go through a cache of blocks.
class TraceSource
{
public:
    // Throws TraceError ("FILE: cannot open: ...").
    static std::unique_ptr<TraceSource> openFile(const QString &path);
    static std::unique_ptr<TraceSource> fromData(QByteArray data, QString name);
    ~TraceSource();
    TraceSource(const TraceSource &) = delete;
    TraceSource &operator=(const TraceSource &) = delete;

    const QString &name() const { return m_name; }
    bool isFile() const { return m_file != nullptr; }
    // The current size; a file's is read again, as it may have grown.
    qint64 size() const;
    // Exactly `length` bytes at `offset`. Throws TraceError when they cannot be read (the file
    // shrank or an I/O error).
    QByteArray read(qint64 offset, qint64 length) const;
    // For stream sources: the bytes that arrived.
    void append(QByteArrayView data);
    // `length` bytes at `offset` for one pass over them, valid until the next view() or
    // append(): the file is mapped rather than copied when it can be. Throws like read().
    // (A trace is only ever appended to; one cut shorter while mapped would fault, as with any
    // mapped file.)
    QByteArrayView view(qint64 offset, qint64 length);

private:
    explicit TraceSource(QString name);
    QByteArray readUncached(qint64 offset, qint64 length) const;

    QString m_name;
    std::unique_ptr<QFile> m_file;
    QByteArray m_data; // stream sources
    mutable QCache<qint64, QByteArray> m_blocks;
    uchar *m_mapped = nullptr; // the current view(), when mapped
    QByteArray m_viewBuffer;   // the current view(), when read
};

} // namespace sessionscope
