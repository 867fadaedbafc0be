package import AsyncHTTPClient
import Foundation
package import Logging
import SibylWire
import Synchronization

/// Sends every archived cycle to one remote-write endpoint, following the archive as a log.
///
/// The endpoint's cursor, the newest cycle it is done with, lives in the archive (`remote_write_cursor`). Each
/// pass reads the cycles after the cursor, oldest first, cuts them into batches of `queue.max_samples_per_send`
/// samples (whole cycles when they fit), sends each batch and moves the cursor past every cycle the batch completes.
/// Backfilled cycles (``ArchiveSchema/storeBackfill(_:)``) lie behind that cursor in time: a second cursor
/// (`remote_write_backfill_cursor`) follows them in the order they were written, and each pass sends them after the
/// live ones, batched, retried and refused alike.
/// A pass starts every `queue.batch_send_deadline` (at most 1 s apart), so a committed cycle waits at most that long.
///
/// Cycles older than `queue.max_backlog` before the newest archived cycle are skipped and counted
/// (`reason="backlog"`); a first start, with no cursor, begins at that bound without counting. A 5xx, a 429, a
/// timeout or a network error is retried until it succeeds, the wait doubling from `queue.min_backoff` to
/// `queue.max_backoff` (a `Retry-After` is honoured up to `queue.max_backoff`); any other 4xx is logged with the
/// receiver's message, counted, and the batch given up. With `protocol: auto` a 415, or a 2xx without the
/// `X-Prometheus-Remote-Write-*-Written` headers a 2.0 receiver sends, switches the endpoint to 1.0 for the life of
/// the process and sends the batch again.
package final class RemoteWriteEndpoint: Sendable {
    /// The endpoint.
    package let configuration: RemoteWriteConfiguration
    /// Where the cycles and the cursor are.
    let store: ResultStore
    let httpClient: HTTPClient
    let logger: Logger
    /// The time between passes.
    let pollInterval: Duration
    let counters: Mutex<RemoteWriteStatistics>
    /// Whether `protocol: auto` fell back to 1.0.
    let fellBack = Atomic(false)

    /// Creates the sender of one endpoint.
    /// - Parameters:
    ///   - configuration: the endpoint.
    ///   - store: the archive's cycles.
    ///   - httpClient: the client (one with the endpoint's `tls_config`).
    ///   - pollInterval: the time between passes; `queue.batch_send_deadline`, at most 1 s, when `nil`.
    package init(
        configuration: RemoteWriteConfiguration, store: ResultStore, httpClient: HTTPClient, logger: Logger,
        pollInterval: Duration? = nil
    ) {
        self.configuration = configuration
        self.store = store
        self.httpClient = httpClient
        var logger = logger
        logger[metadataKey: "remote_write.endpoint"] = "\(configuration.name)"
        self.logger = logger
        self.pollInterval = pollInterval ?? min(configuration.queue.batchSendDeadline.duration, .seconds(1))
        var statistics = RemoteWriteStatistics()
        statistics.protocolVersion = configuration.protocolVersion == .v1 ? "v1" : "v2"
        counters = Mutex(statistics)
    }

    /// The counts so far.
    package var statistics: RemoteWriteStatistics { counters.withLock { $0 } }

    /// Where an endpoint is in the archive: its two cursors, as last stored.
    struct Cursors: Sendable {
        /// The evaluation time of the newest live cycle the endpoint is done with, `nil` before the first.
        var live: Int64?
        /// The id of the newest backfilled cycle the endpoint is done with, 0 before the first.
        var backfill: Int64 = 0
    }

    /// Sends passes until cancelled; an archive error is logged and the next pass tries again.
    package func run() async {
        var cursors = Cursors()
        var loaded = false
        while !Task.isCancelled {
            do {
                if !loaded {
                    cursors.live = try store.remoteWriteCursor(configuration.name)
                    cursors.backfill = try store.remoteWriteCursor(configuration.name, .backfill) ?? 0
                    loaded = true
                }
                try await pass(&cursors)
            } catch is CancellationError {
                return
            } catch {
                logger.error("remote write cannot read the archive", metadata: ["remote_write.error": "\(error)"])
            }
            guard (try? await Task.sleep(for: pollInterval)) != nil else { return }
        }
    }

    /// Sends every live cycle after the live cursor, then every backfilled cycle written after the backfill
    /// cursor, moving them.
    /// - Throws: `CancellationError`, or ``ArchiveError`` when the archive cannot be read or a cursor written.
    func pass(_ cursors: inout Cursors) async throws {
        guard let newest = try store.newestCycleTime() else { return }
        let oldestKept =
            max(newest, .min + configuration.queue.maxBacklog.milliseconds)
            - configuration.queue.maxBacklog.milliseconds
        var from = oldestKept - 1
        if let current = cursors.live {
            if current < from {
                let skipped = try store.sampleCount(after: current, before: oldestKept)
                counters.withLock { $0.dropped["backlog", default: 0] += skipped }
                logger.warning(
                    "remote write skips cycles older than queue.max_backlog",
                    metadata: ["remote_write.cursor": "\(current)", "remote_write.samples": "\(skipped)"])
                try await store.setRemoteWriteCursor(configuration.name, to: from)
                cursors.live = from
            } else {
                from = current
            }
        }
        var batcher = RemoteWriteBatcher(maxSamples: configuration.queue.maxSamplesPerSend)
        while true {
            let times = try store.cycleTimes(after: from, limit: 16)
            guard let last = times.last else { break }
            for time in times {
                guard let snapshot = try store.snapshot(at: time) else { continue }
                for batch in batcher.add(snapshot) { try await deliver(batch, &cursors) }
            }
            from = last
        }
        if let batch = batcher.flush() { try await deliver(batch, &cursors) }
        try await sendBackfilled(&cursors)
        let pending = try store.cycleCount(after: cursors.live ?? from, backfilledAfter: cursors.backfill)
        counters.withLock { $0.pendingCycles = pending }
    }

    /// Sends the backfilled cycles written after the backfill cursor, in the order they were written (they lie
    /// behind the live cursor in time); an endpoint without a backfill cursor yet sends every one the archive
    /// holds. No `queue.max_backlog` applies: they are old by nature, and a receiver that refuses old samples has
    /// them counted as refused (`too_old` or `rejected`). Rows a backfilled cycle adds to a cycle already sent
    /// (one at the same time, ``ResultStore/writeBackfilled(_:selectors:known:)``) are not sent.
    private func sendBackfilled(_ cursors: inout Cursors) async throws {
        var batcher = RemoteWriteBatcher(maxSamples: configuration.queue.maxSamplesPerSend)
        // The ids of the cycles given to the batcher, by time: a batch names the cycles it completes by time.
        var ids: [Int64: Int64] = [:]
        var from = cursors.backfill
        while true {
            let cycles = try store.backfilledCycles(after: from, limit: 16)
            guard let last = cycles.last else { break }
            for cycle in cycles {
                guard let snapshot = try store.snapshot(at: cycle.time) else { continue }
                ids[cycle.time] = cycle.id
                for batch in batcher.add(snapshot) { try await deliver(batch, &cursors, backfilled: ids) }
            }
            from = last.id
        }
        if let batch = batcher.flush() { try await deliver(batch, &cursors, backfilled: ids) }
    }

    /// Sends a batch, then moves a cursor past the newest cycle it completes: the live cursor to its time, or, for
    /// backfilled cycles (`ids`: their ids by time), the backfill cursor to its id.
    private func deliver(
        _ batch: RemoteWriteBatch, _ cursors: inout Cursors, backfilled ids: [Int64: Int64]? = nil
    ) async throws {
        if !batch.isEmpty { try await send(batch) }
        guard let time = batch.completedThrough else { return }
        if let ids {
            guard let id = ids[time] else { return }
            try await store.setRemoteWriteCursor(configuration.name, .backfill, to: id)
            cursors.backfill = id
        } else {
            try await store.setRemoteWriteCursor(configuration.name, to: time)
            cursors.live = time
        }
        let pending = try store.cycleCount(after: cursors.live ?? .min, backfilledAfter: cursors.backfill)
        counters.withLock { $0.pendingCycles = pending }
    }

    /// The batch's series as remote write carries them: `__name__` and the labels `/metrics` shows, sorted by name,
    /// with the samples of one series together, oldest first.
    static func series(_ batch: RemoteWriteBatch) -> [RemoteWriteSeries] {
        var index: [String: Int] = [:]
        var series: [RemoteWriteSeries] = []
        for entry in batch.entries {
            let sample = Sample(timestamp: entry.time, value: entry.value)
            let key = entry.name + entry.labels.description
            if let position = index[key] {
                series[position].samples.append(sample)
                continue
            }
            index[key] = series.count
            let labels = ([Label("__name__", entry.name)] + entry.labels.labels.map { Label($0.name, $0.value) })
                .sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
            let unit = FamilyCatalog.family(named: entry.name)?.unit ?? ""
            series.append(
                RemoteWriteSeries(
                    labels: labels, samples: [sample],
                    metadata: RemoteWriteSeries.Metadata(kind: entry.kind, help: entry.help, unit: unit)))
        }
        return series
    }
}
