import Foundation
package import Logging
import ServiceLifecycle
package import SibylWire

/// The evaluation loop: one cycle at start, then one every interval, each published to `/metrics`; after each
/// successful cycle the slower analyses that are due start in the background (``AnalysisRunner``).
package struct EvaluationScheduler: Service {
    /// The state's configuration.
    package let configuration: EvaluationState.Configuration
    /// The time between cycle starts.
    package let interval: Duration
    /// Milliseconds of evaluation time without a successful cycle after which the derived families are withdrawn
    /// and `/-/ready` fails; `nil` to serve the last results however old.
    package let staleAfter: Int64?
    /// The source.
    package let client: any SeriesSource
    /// Where each cycle's families go.
    package let board: ExpositionBoard
    /// The metadata and forecast runs, if any.
    package let analyses: AnalysisRunner?
    /// Requests for a cycle before the interval is over, if any.
    package let trigger: EvaluationTrigger?
    /// Selectors read beside the configured ones, asked at each cycle (the objectives').
    package let extraSelectors: @Sendable () -> [SeriesSelector]
    /// The logger.
    package let logger: Logger
    /// The evaluation time of a cycle, in Unix milliseconds (the wall clock unless a test says otherwise).
    package let now: @Sendable () -> Int64

    /// Creates the loop.
    /// - Parameters:
    ///   - configuration: what each cycle reads and computes.
    ///   - interval: the time between cycle starts.
    ///   - staleAfter: milliseconds without a successful cycle before the results are withdrawn, `nil` for never.
    ///   - client: the source.
    ///   - board: where results go.
    ///   - analyses: the slower analyses started after successful cycles.
    ///   - trigger: requests for an early cycle.
    ///   - extraSelectors: selectors read beside the configured ones, asked at each cycle.
    ///   - now: the clock giving each cycle's T.
    package init(
        configuration: EvaluationState.Configuration, interval: Duration, staleAfter: Int64? = nil,
        client: any SeriesSource, board: ExpositionBoard, analyses: AnalysisRunner? = nil,
        trigger: EvaluationTrigger? = nil, extraSelectors: @escaping @Sendable () -> [SeriesSelector] = { [] },
        logger: Logger,
        now: @escaping @Sendable () -> Int64 = wallClockMilliseconds
    ) {
        self.configuration = configuration
        self.interval = interval
        self.staleAfter = staleAfter
        self.client = client
        self.board = board
        self.analyses = analyses
        self.trigger = trigger
        self.extraSelectors = extraSelectors
        self.logger = logger
        self.now = now
    }

    /// Runs cycles until graceful shutdown.
    package func run() async throws {
        var state = EvaluationState(configuration: configuration)
        board.update([.selfMonitoring: state.metrics.families()], metrics: state.metrics)
        defer { analyses?.cancel() }
        let clock = ContinuousClock()
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let started = clock.now
            let time = now()
            let outcome = await state.runCycle(
                at: time, client: client, extraSelectors: extraSelectors().map(\.matchers))
            switch outcome {
            case .succeeded:
                if let stale = board.staleness {
                    logger.notice("derived series served again after \(stale)")
                }
                board.update(
                    [.windows: state.derivedFamilies, .selfMonitoring: state.metrics.families()], succeeded: true,
                    cycle: (time, state.metrics.lastDuration), metrics: state.metrics)
                analyses?.cycleSucceeded(state.store, histograms: state.histograms, at: time)
                for collision in state.newCollisions {
                    logger.warning(
                        "series dropped: same derived labels as another series",
                        metadata: [
                            "series.dropped": "\(Self.text(collision.dropped))",
                            "series.kept": "\(Self.text(collision.kept))",
                        ])
                }
                for labels in state.newNameCollisions {
                    logger.warning(
                        "series dropped: two of its label names escape to the same name on /metrics",
                        metadata: ["series.dropped": "\(Self.text(labels))"])
                }
                for dropped in state.newUndecodable {
                    logger.warning(
                        "series dropped: a chunk could not be decoded",
                        metadata: [
                            "series.dropped": "\(Self.text(dropped.labels))",
                            "series.reason": "\(dropped.reason.rawValue)", "series.detail": "\(dropped.message)",
                        ])
                }
                logger.debug(
                    "cycle done",
                    metadata: [
                        "cycle.time": "\(time)", "cycle.series": "\(state.metrics.series)",
                        "cycle.duration_seconds": "\(state.metrics.lastDuration)",
                    ])
            case .failed(let reason):
                let wasStale = board.staleness != nil
                let stale = staleness(at: time, reason: reason, lastSuccess: state.metrics.lastEvaluation)
                board.update([.selfMonitoring: state.metrics.families()], metrics: state.metrics, stale: stale)
                logger.warning(
                    "cycle failed",
                    metadata: [
                        "cycle.time": "\(time)", "cycle.reason": "\(reason)",
                        "cycle.error": "\(state.metrics.lastFailure?.message ?? reason)",
                    ])
                if let stale, !wasStale {
                    logger.error("derived series withdrawn from the exposition: \(stale)")
                }
            case .cancelled:
                logger.debug("cycle cancelled", metadata: ["cycle.time": "\(time)"])
            }
            FreedMemory.returnToSystem()
            // Until the interval is over, a cycle is requested, or shutdown begins (the loop condition ends it).
            await cancelWhenGracefulShutdown { [trigger, interval] in
                await withTaskGroup(of: Void.self) { group in
                    group.addTask { try? await Task.sleep(until: started + interval, clock: clock) }
                    if let trigger { group.addTask { await trigger.wait() } }
                    await group.next()
                    group.cancelAll()
                }
            }
        }
        if Task.isShuttingDownGracefully { logger.info("shutting down: no further cycles") }
    }
}

extension EvaluationScheduler {
    /// Whether a cycle failing at `time` leaves the results stale: some cycle has succeeded, but not in the last
    /// ``staleAfter``.
    /// - Parameters:
    ///   - time: the failed cycle's T in milliseconds.
    ///   - reason: its bounded reason.
    ///   - lastSuccess: the last successful cycle's T in milliseconds, 0 for none.
    /// - Returns: the staleness, `nil` while the results may still be served.
    func staleness(at time: Int64, reason: String, lastSuccess: Int64) -> Staleness? {
        guard let staleAfter, lastSuccess > 0, time - lastSuccess >= staleAfter else { return nil }
        return Staleness(since: lastSuccess, reason: reason)
    }

    /// `{a="x",b="y"}`, for the log.
    static func text(_ labels: [Label]) -> String {
        "{" + labels.map(\.description).joined(separator: ",") + "}"
    }
}

/// The wall clock in Unix milliseconds.
@Sendable
public func wallClockMilliseconds() -> Int64 {
    // Foundation's clock rather than clock_gettime: which module defines `timespec` depends on the C modules the
    // rest of the target imports, and a whole-module release build saw it as CDispatch's (MemberImportVisibility).
    Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
}
