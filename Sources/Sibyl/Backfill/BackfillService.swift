package import Logging
import ServiceLifecycle
package import SibylWire

/// Fills the archive with the derived history of the time before Sibyl started (`backfill.range`), beside the live
/// cycles.
///
/// At start it records in the archive's ledger which selectors live cycles read from now on (always, so that a
/// later start with a backfill knows where live history begins), plans the past cycles the archive lacks for them
/// (``BackfillPlan``) and computes them (``BackfillRun``) on a ``ComputeLane`` — one core, at a lower priority than
/// the live cycles — writing each into the archive with its ledger rows (``ResultStore/writeBackfilled(_:selectors:known:)``),
/// so a restart goes on where it stopped. Selectors that appear later (an objective created through the API) get
/// the same treatment once seen. A block the source cannot be read for is tried three times, then its cycles count
/// as failed until the next start. Progress goes to ``BackfillProgress`` and, every ``logInterval``, to the log.
package struct BackfillService: Service {
    /// What the service needs beyond the run.
    package struct Settings: Sendable {
        /// How far back before the start, in milliseconds (0: record the ledger only).
        package var range: Int64
        /// The evaluation interval, in milliseconds: the grid of the past cycles.
        package var interval: Int64
        /// The longest time one block spans, in milliseconds.
        package var blockLength: Int64
        /// The waits before the second and third try of a block that failed.
        package var retryDelays: [Duration] = [.seconds(10), .seconds(60)]
        /// The time between two progress lines in the log.
        package var logInterval: Duration = .seconds(30)
        /// The time between two refreshes of the exposition (`sibyl_backfill_cycles`), which otherwise shows the
        /// progress only when a cycle republishes it.
        package var refreshInterval: Duration = .seconds(5)

        /// Creates settings.
        package init(range: Int64, interval: Int64, blockLength: Int64) {
            self.range = range
            self.interval = interval
            self.blockLength = blockLength
        }
    }

    /// The shortest time a block spans (one hour): a block reads the longest window before its first cycle, so
    /// blocks shorter than that window would read the same samples several times.
    package static let minimumBlockLength: Int64 = 3_600_000

    /// The settings.
    package let settings: Settings
    /// Computes the cycles.
    package let run: BackfillRun
    /// Where the cycles and the ledger go.
    let store: ResultStore
    /// The selectors live cycles read, asked at start and then every interval.
    package let selectors: @Sendable () -> [SeriesSelector]
    /// How far the backfill has come.
    package let progress: BackfillProgress
    /// The logger.
    package let logger: Logger
    /// The wall clock in Unix milliseconds.
    package let now: @Sendable () -> Int64
    /// Republishes the exposition with the progress as it is now.
    package let refresh: @Sendable () -> Void

    /// Creates the service.
    init(
        settings: Settings, run: BackfillRun, store: ResultStore, selectors: @escaping @Sendable () -> [SeriesSelector],
        progress: BackfillProgress, logger: Logger, now: @escaping @Sendable () -> Int64,
        refresh: @escaping @Sendable () -> Void = {}
    ) {
        self.settings = settings
        self.run = run
        self.store = store
        self.selectors = selectors
        self.progress = progress
        self.logger = logger
        self.now = now
        self.refresh = refresh
    }

    /// Records and backfills the selectors in force, then those that appear, until shutdown.
    package func run() async {
        await cancelWhenGracefulShutdown {
            var recorded: Set<String> = []
            while !Task.isCancelled {
                let new = selectors().filter { !recorded.contains($0.description) }
                if !new.isEmpty {
                    let time = now()
                    do {
                        try await store.recordLiveSelectors(new.map(\.description), from: time)
                        recorded.formUnion(new.map(\.description))
                        if settings.range > 0 { try await backfill(new, at: time) }
                    } catch is CancellationError {
                        return
                    } catch {
                        logger.error("backfill stopped", metadata: ["backfill.error": "\(error)"])
                    }
                }
                try? await Task.sleep(for: .milliseconds(settings.interval))
            }
        }
    }

    /// Plans and computes the past cycles of `selectors`, whose live cycles begin at `time`.
    package func backfill(_ selectors: [SeriesSelector], at time: Int64) async throws {
        let ledger = try store.backfillLedger(
            selectors.map(\.description), in: (time - settings.range)...time)
        let plan = BackfillPlan(
            selectors: selectors, ledger: ledger, start: time, range: settings.range, interval: settings.interval,
            blockLength: settings.blockLength)
        guard plan.cycles > 0 else { return }
        progress.plan(plan.cycles)
        logger.info(
            "backfill started",
            metadata: [
                "backfill.cycles": "\(plan.cycles)", "backfill.selectors": "\(selectors.count)",
                "backfill.from": "\(plan.blocks.last?.times.first ?? time)", "backfill.to": "\(time)",
            ])
        let lane = ComputeLane()
        defer { lane.close() }
        let clock = ContinuousClock()
        let started = clock.now
        var lastLog = clock.now
        var lastRefresh = clock.now
        try await ComputeLane.$current.withValue(lane) {
            for block in plan.blocks {
                // The series ids of this block's writes; a new cache per block, so that ids of series retention
                // deleted meanwhile are looked up again.
                var cache = SeriesCache()
                var remaining = block
                for (attempt, delay) in (settings.retryDelays.map(Optional.some) + [nil]).enumerated() {
                    do {
                        try await run.run(remaining) { snapshot in
                            let keys = block.selectors.map(\.description)
                            cache.merge(try await store.writeBackfilled(snapshot, selectors: keys, known: cache))
                            remaining.times.removeFirst()
                            progress.done(seconds: snapshot.duration)
                            if clock.now - lastRefresh >= settings.refreshInterval {
                                lastRefresh = clock.now
                                refresh()
                            }
                            if clock.now - lastLog >= settings.logInterval {
                                lastLog = clock.now
                                log("backfill progress")
                            }
                        }
                        break
                    } catch let error as BackfillError {
                        guard let delay else {
                            progress.failed(remaining.times.count)
                            logger.error(
                                "backfill block given up",
                                metadata: [
                                    "backfill.cycles": "\(remaining.times.count)", "backfill.error": "\(error)",
                                    "backfill.attempts": "\(attempt + 1)",
                                ])
                            break
                        }
                        logger.warning(
                            "backfill block failed, trying again",
                            metadata: ["backfill.error": "\(error)", "backfill.retry_in": "\(delay)"])
                        try await Task.sleep(for: delay)
                    }
                }
            }
        }
        refresh()
        log("backfill done", seconds: AnalysisRunner.seconds(clock.now - started))
    }

    /// A progress line: cycles done of the total, failed, and the time left at the pace so far.
    private func log(_ message: Logger.Message, seconds: Double? = nil) {
        let counts = progress.counts
        var metadata: Logger.Metadata = [
            "backfill.done": "\(counts.done)", "backfill.total": "\(counts.total)",
            "backfill.failed": "\(counts.failed)",
        ]
        if let eta = counts.remainingSeconds, counts.pending > 0 { metadata["backfill.eta_seconds"] = "\(Int(eta))" }
        if let seconds { metadata["backfill.seconds"] = "\(seconds)" }
        logger.info(message, metadata: metadata)
    }
}
