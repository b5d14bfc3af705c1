#include "tracesource.h"

#include "traceerror.h"

#include <QFile>
#include <QFileInfo>

namespace sessionscope {

namespace {

constexpr qint64 kBlockSize = 64 * 1024;
constexpr qint64 kCachedReadLimit = 8 * 1024; // larger reads bypass the cache
constexpr int kCachedBlocks = 64;             // 4 MiB

} // namespace

TraceSource::TraceSource(QString name)
    : m_name(std::move(name))
    , m_blocks(kCachedBlocks)
{}

TraceSource::~TraceSource()
{
    if (m_mapped)
        m_file->unmap(m_mapped);
}

QByteArrayView TraceSource::view(qint64 offset, qint64 length)
{
    if (!m_file) {
        if (offset < 0 || offset + length > m_data.size())
            throw TraceError(QStringLiteral("%1: read past the end of the trace").arg(m_name));
        return QByteArrayView(m_data).sliced(offset, length);
    }
    if (m_mapped) {
        m_file->unmap(m_mapped);
        m_mapped = nullptr;
    }
    if (length > 0 && offset + length <= m_file->size()) {
        m_mapped = m_file->map(offset, length);
        if (m_mapped)
            return QByteArrayView(m_mapped, length);
    }
    m_viewBuffer = readUncached(offset, length); // a file system that cannot map
    return QByteArrayView(m_viewBuffer);
}

std::unique_ptr<TraceSource> TraceSource::openFile(const QString &path)
{
    std::unique_ptr<TraceSource> source(new TraceSource(path));
    source->m_file = std::make_unique<QFile>(path);
    // Unbuffered: reads are positioned and large, and the file may grow under us.
    if (!source->m_file->open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        throw TraceError(
            QStringLiteral("%1: cannot open: %2").arg(path, source->m_file->errorString()));
    if (QFileInfo(path).isDir())
        throw TraceError(QStringLiteral("%1: is a directory, not a trace").arg(path));
    return source;
}

std::unique_ptr<TraceSource> TraceSource::fromData(QByteArray data, QString name)
{
    std::unique_ptr<TraceSource> source(new TraceSource(std::move(name)));
    source->m_data = std::move(data);
    return source;
}

qint64 TraceSource::size() const
{
    if (!m_file)
        return m_data.size();
    return m_file->size();
}

void TraceSource::append(QByteArrayView data)
{
    Q_ASSERT(!m_file);
    m_data.append(data);
}

QByteArray TraceSource::readUncached(qint64 offset, qint64 length) const
{
    if (!m_file) {
        if (offset < 0 || offset + length > m_data.size())
            throw TraceError(QStringLiteral("%1: read past the end of the trace").arg(m_name));
        return m_data.mid(offset, length);
    }
    QByteArray out(length, Qt::Uninitialized);
    if (!m_file->seek(offset))
        throw TraceError(QStringLiteral("%1: cannot read: %2").arg(m_name, m_file->errorString()));
    qint64 done = 0;
    while (done < length) {
        const qint64 got = m_file->read(out.data() + done, length - done);
        if (got <= 0)
            throw TraceError(QStringLiteral("%1: cannot read %2 bytes at offset %3 (was the file "
                                            "truncated?)")
                                 .arg(m_name)
                                 .arg(length)
                                 .arg(offset));
        done += got;
    }
    return out;
}

QByteArray TraceSource::read(qint64 offset, qint64 length) const
{
    if (!m_file) // already in memory
        return readUncached(offset, length);
    const qint64 block = offset / kBlockSize;
    if (length > kCachedReadLimit || (offset + length - 1) / kBlockSize != block)
        return readUncached(offset, length);
    const QByteArray *cached = m_blocks.object(block);
    if (!cached) {
        // Only whole blocks are cached: the last one may still grow.
        if ((block + 1) * kBlockSize > size())
            return readUncached(offset, length);
        auto *bytes = new QByteArray(readUncached(block * kBlockSize, kBlockSize));
        m_blocks.insert(block, bytes);
        cached = bytes;
    }
    return cached->mid(offset - block * kBlockSize, length);
}

} // namespace sessionscope
