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

    /// Sends passes until cancelled; an archive error is logged and the next pass tries again.
    package func run() async {
        var cursor: Int64?
        var loaded = false
        while !Task.isCancelled {
            do {
                if !loaded {
                    cursor = try store.remoteWriteCursor(configuration.name)
                    loaded = true
                }
                try await pass(cursor: &cursor)
            } catch is CancellationError {
                return
            } catch {
                logger.error("remote write cannot read the archive", metadata: ["remote_write.error": "\(error)"])
            }
            guard (try? await Task.sleep(for: pollInterval)) != nil else { return }
        }
    }

    /// Sends every cycle after the cursor, moving it.
    /// - Throws: `CancellationError`, or ``ArchiveError`` when the archive cannot be read or the cursor written.
    func pass(cursor: inout Int64?) async throws {
        guard let newest = try store.newestCycleTime() else { return }
        let oldestKept =
            max(newest, .min + configuration.queue.maxBacklog.milliseconds)
            - configuration.queue.maxBacklog.milliseconds
        var from = oldestKept - 1
        if let current = cursor {
            if current < from {
                let skipped = try store.sampleCount(after: current, before: oldestKept)
                counters.withLock { $0.dropped["backlog", default: 0] += skipped }
                logger.warning(
                    "remote write skips cycles older than queue.max_backlog",
                    metadata: ["remote_write.cursor": "\(current)", "remote_write.samples": "\(skipped)"])
                try await moveCursor(&cursor, to: from)
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
                for batch in batcher.add(snapshot) { try await deliver(batch, cursor: &cursor) }
            }
            from = last
        }
        if let batch = batcher.flush() { try await deliver(batch, cursor: &cursor) }
        let pending = try store.cycleCount(after: cursor ?? from)
        counters.withLock { $0.pendingCycles = pending }
    }

    /// Sends a batch, then moves the cursor to the newest cycle it completes.
    private func deliver(_ batch: RemoteWriteBatch, cursor: inout Int64?) async throws {
        if !batch.isEmpty { try await send(batch) }
        if let time = batch.completedThrough { try await moveCursor(&cursor, to: time) }
    }

    private func moveCursor(_ cursor: inout Int64?, to time: Int64) async throws {
        try await store.setRemoteWriteCursor(configuration.name, to: time)
        cursor = time
        let pending = try store.cycleCount(after: time)
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
