// libFuzzer target for the trace reader: any bytes, read the way `sessionscope-cli inspect`
// reads a trace. A malformed trace must end in a TraceError; any other exception, a crash, a
// hang, a leak or undefined behaviour is a bug. Built with the fuzz preset (tests/fuzz/).

#include "trace/timeline.h"
#include "trace/traceerror.h"
#include "trace/traceinspection.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>

using namespace sessionscope;
using namespace Qt::StringLiterals;

namespace {

// Small limits keep each input fast and let the fuzzer reach them; a short checkpoint interval
// makes seeks start from checkpoints as well as from the beginning and keyframes.
Timeline::Options fuzzOptions()
{
    Timeline::Options options;
    options.limits.fileSize = qint64(1) << 20;
    options.limits.lineLength = qint64(64) << 10;
    options.limits.nesting = 16;
    options.limits.stringLength = qint64(16) << 10;
    options.checkpointInterval = 4;
    return options;
}

// Runs `step`, swallowing the TraceError it may throw.
template<typename Step>
void attempt(Step &&step)
{
    try {
        step();
    } catch (const TraceError &) {
    }
}

void inspect(Timeline &timeline)
{
    // Everything below also runs when verify() failed: a reader may show the part of a trace
    // before its first malformed line, and must fail cleanly past it.
    attempt([&] { timeline.verify(); });
    (void)timeline.truncation();
    attempt([&] { (void)traceSummary(timeline); });

    const int operations = timeline.operationCount();
    for (const int op : {0, 1, operations / 2, operations - 1, operations, operations + 1}) {
        if (op >= 0)
            attempt([&] { (void)stateAfterOperation(timeline, op); });
    }
    const qint64 events = timeline.eventCount();
    for (const qint64 seq : {qint64(0), qint64(1), events / 2, events - 1, events})
        attempt([&] { (void)stateAfterEvent(timeline, seq); });
    attempt([&] { (void)traceDiff(timeline, operations, operations / 2); });
}

// Seeking starts from checkpoints, from the cursor or from the beginning, and states share their
// objects copy-on-write; whichever way it goes, the state after an operation must be the same as
// a fresh replay's. (Only without keyframes: a reader takes a keyframe's state as given.)
void compareWithFreshReplay(Timeline &timeline, const QByteArray &bytes,
                            const Timeline::Options &options)
{
    if (!timeline.isVerified() || timeline.stats().keyframes != 0)
        return;
    const std::unique_ptr<Timeline> fresh = Timeline::fromData(bytes, u"fuzz.jsonl"_s, options);
    const int operations = timeline.operationCount();
    auto outcome = [](Timeline &reader, int op) {
        try {
            return QJsonDocument(stateAfterOperation(reader, op)).toJson();
        } catch (const TraceError &error) {
            return QByteArray(error.what());
        }
    };
    for (const int op : {operations, operations / 2, 1}) {
        if (outcome(timeline, op) != outcome(*fresh, op)) {
            std::fprintf(stderr, "the state after operation %d depends on how it was reached\n",
                         op);
            std::abort();
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const Timeline::Options options = fuzzOptions();

    std::unique_ptr<Timeline> timeline;
    try {
        timeline = Timeline::fromData(bytes, u"fuzz.jsonl"_s, options);
    } catch (const TraceError &) {
        return 0;
    }
    inspect(*timeline);
    compareWithFreshReplay(*timeline, bytes, options);

    // The same bytes arriving in two parts (a live trace): indexing must resume where it stopped
    // and end up with the same index. Only the first part may fail (its header can be cut short).
    const qsizetype half = bytes.size() / 2;
    std::unique_ptr<Timeline> live;
    try {
        live = Timeline::fromData(bytes.first(half), u"fuzz.jsonl"_s, options);
    } catch (const TraceError &) {
        return 0;
    }
    try {
        live->appendData(QByteArrayView(bytes).sliced(half));
        live->refresh();
    } catch (const TraceError &error) {
        std::fprintf(stderr, "indexing in two parts failed where indexing at once did not: %s\n",
                     error.what());
        std::abort();
    }
    if (live->eventCount() != timeline->eventCount() ||
        live->operationCount() != timeline->operationCount() ||
        live->truncation() != timeline->truncation()) {
        std::fprintf(stderr, "indexing in two parts gave another index than indexing at once\n");
        std::abort();
    }
    attempt([&] { (void)stateAfterOperation(*live, live->operationCount()); });
    return 0;
}
