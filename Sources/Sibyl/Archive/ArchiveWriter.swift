import Foundation
package import Logging
import ServiceLifecycle
import Synchronization

/// Writes every cycle handed to it into the archive, off the evaluation path, and applies retention.
///
/// ``submit(_:)`` never blocks: it puts the snapshot in a queue of ``capacity`` snapshots, dropping (and counting)
/// the oldest waiting one when the queue is full. ``run()`` writes the snapshots in order, each in one transaction,
/// and logs `cycle archived` with `cycle.time` at info level after each commit. A failed write (disk full, read-only
/// file, lock timeout) is counted by reason in `sibyl_archive_errors_total`, logged, and the loop goes on with the
/// next snapshot; nothing ever stops the evaluation or the server. Retention runs at start and then after a commit
/// once ``retentionInterval`` has passed since the last pass, with the committed cycle's time as T.
///
/// Each cycle's transaction also takes the forecast scorecard's changes since the previous one
/// (``ForecastScorecard/takeJournal()``); changes whose transaction fails are lost with the cycle.
///
/// On graceful shutdown the snapshots already queued are written, and the scorecard's changes made since the last of
/// them in a transaction of their own, then ``run()`` returns; on cancellation it returns at once (a transaction
/// in progress rolls back). Run it once.
package final class ArchiveWriter: Service, Sendable {
    /// The default queue length.
    package static let defaultCapacity = 8
    /// The default time between retention passes (10 minutes).
    package static let defaultRetentionInterval = Duration.seconds(600)

    /// The store the cycles go to.
    package let store: ResultStore
    /// What retention keeps.
    package let retention: ArchiveRetention
    /// The time between retention passes.
    package let retentionInterval: Duration
    /// How many snapshots may wait to be written.
    package let capacity: Int
    /// The logger.
    package let logger: Logger
    /// The forecast scorecard whose changes each cycle's transaction takes, if one is kept in the archive.
    package let scorecard: ForecastScorecard?
    /// The reference time of the retention pass at start, in Unix milliseconds.
    let now: @Sendable () -> Int64
    /// Where the archive's files are, for their size.
    let path: String

    private let snapshots: AsyncStream<CycleSnapshot>
    private let continuation: AsyncStream<CycleSnapshot>.Continuation
    private let counters = Mutex(Statistics())

    /// Creates a writer for an archive.
    /// - Parameters:
    ///   - archive: the open archive.
    ///   - retention: what to keep.
    ///   - capacity: how many snapshots may wait (at least 1).
    ///   - retentionInterval: the time between retention passes.
    ///   - scorecard: the forecast scorecard kept in the archive, if any.
    ///   - now: the clock giving T for the retention pass at start (the wall clock unless a test says otherwise).
    package init(
        archive: Archive, retention: ArchiveRetention, capacity: Int = defaultCapacity,
        retentionInterval: Duration = defaultRetentionInterval, logger: Logger, scorecard: ForecastScorecard? = nil,
        now: @escaping @Sendable () -> Int64 = wallClockMilliseconds
    ) {
        store = archive.results
        path = archive.path
        self.retention = retention
        self.capacity = max(1, capacity)
        self.retentionInterval = retentionInterval
        self.logger = logger
        self.scorecard = scorecard
        self.now = now
        (snapshots, continuation) = AsyncStream.makeStream(
            of: CycleSnapshot.self, bufferingPolicy: .bufferingNewest(max(1, capacity)))
    }

    /// Queues a cycle for writing without waiting; when the queue is full the oldest waiting cycle is dropped and
    /// counted in `sibyl_archive_dropped_total` (as is a cycle submitted after shutdown).
    /// - Parameter snapshot: the cycle.
    package func submit(_ snapshot: CycleSnapshot) {
        switch continuation.yield(snapshot) {
        case .enqueued: break
        case .dropped, .terminated: counters.withLock { $0.dropped += 1 }
        @unknown default: break
        }
    }

    /// Stops taking snapshots: ``run()`` writes those queued, then returns; later submissions are dropped.
    package func finish() {
        continuation.finish()
    }

    /// The counts so far.
    package var statistics: Statistics { counters.withLock { $0 } }

    /// Writes queued cycles until graceful shutdown (after writing those queued) or cancellation.
    package func run() async {
        var cache = SeriesCache()
        var held: HeldValues?
        var lastRetention = ContinuousClock.now
        await applyRetention(at: now(), cache: &cache)
        await withGracefulShutdownHandler {
            for await snapshot in snapshots {
                await write(snapshot, cache: &cache, held: &held)
                if ContinuousClock.now - lastRetention >= retentionInterval {
                    lastRetention = ContinuousClock.now
                    await applyRetention(at: snapshot.time, cache: &cache)
                }
            }
        } onGracefulShutdown: { [continuation] in
            continuation.finish()
        }
        await writeForecastChanges()
    }

    /// Writes the scorecard's changes since the last cycle in a transaction of their own (at shutdown).
    private func writeForecastChanges() async {
        guard !Task.isCancelled, let changes = scorecard?.takeJournal(), !changes.isEmpty else { return }
        do {
            try await store.appendForecastChanges(changes)
        } catch {
            record(error, "forecast scores not archived", [:])
        }
    }

    /// Writes a cycle; `held` is what the archive holds, `nil` until the first cycle reads it from the file.
    private func write(_ snapshot: CycleSnapshot, cache: inout SeriesCache, held: inout HeldValues?) async {
        let clock = ContinuousClock()
        let started = clock.now
        do {
            let written = try await store.write(
                snapshot, known: cache, held: held, forecasts: scorecard?.takeJournal() ?? [])
            cache.merge(written.added)
            held = written.held
            let elapsed = clock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            let size = fileSize()
            counters.withLock {
                $0.cycles += 1
                $0.lastWriteDuration = seconds
                $0.sizeBytes = size
            }
            logger.info(
                "cycle archived",
                metadata: ["cycle.time": "\(snapshot.time)", "archive.write_seconds": "\(seconds)"])
        } catch {
            record(error, "cycle not archived", ["cycle.time": "\(snapshot.time)"])
        }
    }

    private func applyRetention(at time: Int64, cache: inout SeriesCache) async {
        do {
            let outcome = try await store.applyRetention(retention, now: time)
            if outcome.series > 0 {
                cache = SeriesCache()
            } else {
                // A series written at T has last_time_ms ≥ T − seriesRefresh: older entries stopped being written.
                cache.forget(writtenBefore: max(time, .min + ResultStore.seriesRefresh) - ResultStore.seriesRefresh)
            }
            let size = fileSize()
            counters.withLock { $0.sizeBytes = size }
            if outcome.evaluations > 0 || outcome.series > 0 {
                logger.info(
                    "archive retention",
                    metadata: [
                        "archive.deleted_cycles": "\(outcome.evaluations)",
                        "archive.deleted_series": "\(outcome.series)",
                        "archive.size_bytes": "\(size)",
                    ])
            }
        } catch {
            // Series may have been deleted before the failure: forget them all, the next cycle looks them up again.
            cache = SeriesCache()
            record(error, "archive retention failed", [:])
        }
    }

    private func record(_ error: ArchiveError, _ message: Logger.Message, _ metadata: Logger.Metadata) {
        counters.withLock { $0.errors[error.shortDescription, default: 0] += 1 }
        var metadata = metadata
        metadata["archive.reason"] = "\(error.shortDescription)"
        metadata["archive.error"] = "\(error.message)"
        logger.error(message, metadata: metadata)
    }

    /// The bytes of the database file and its WAL on disk.
    private func fileSize() -> Int64 {
        [path, path + "-wal"].reduce(Int64(0)) { total, file in
            let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.int64Value
            return total + (size ?? 0)
        }
    }
}
