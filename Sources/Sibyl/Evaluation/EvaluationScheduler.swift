import Glibc
public import Logging
public import ServiceLifecycle

/// The evaluation loop: one cycle at start, then one every interval, each published to `/metrics`.
public struct EvaluationScheduler: Service {
    /// The state's configuration.
    public let configuration: EvaluationState.Configuration
    /// The time between cycle starts.
    public let interval: Duration
    /// The source.
    public let client: RemoteReadClient
    /// Where each cycle's exposition goes.
    public let publisher: ExpositionPublisher
    /// The logger.
    public let logger: Logger
    /// The evaluation time of a cycle, in Unix milliseconds (the wall clock unless a test says otherwise).
    public let now: @Sendable () -> Int64

    /// Creates the loop.
    /// - Parameters:
    ///   - configuration: what each cycle reads and computes.
    ///   - interval: the time between cycle starts.
    ///   - client: the remote-read client.
    ///   - publisher: where results go.
    ///   - logger: the logger.
    ///   - now: the clock giving each cycle's T.
    public init(
        configuration: EvaluationState.Configuration, interval: Duration, client: RemoteReadClient,
        publisher: ExpositionPublisher, logger: Logger, now: @escaping @Sendable () -> Int64 = wallClockMilliseconds
    ) {
        self.configuration = configuration
        self.interval = interval
        self.client = client
        self.publisher = publisher
        self.logger = logger
        self.now = now
    }

    /// Runs cycles until graceful shutdown.
    public func run() async throws {
        var state = EvaluationState(configuration: configuration)
        publisher.publish(state.render(), succeeded: false)
        let clock = ContinuousClock()
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let started = clock.now
            let time = now()
            let outcome = await state.runCycle(at: time, client: client)
            publisher.publish(state.render(), succeeded: outcome == .succeeded)
            switch outcome {
            case .succeeded:
                logger.debug(
                    "cycle done",
                    metadata: [
                        "cycle.time": "\(time)", "cycle.series": "\(state.metrics.series)",
                        "cycle.duration_seconds": "\(state.metrics.lastDuration)",
                    ])
            case .failed(let reason):
                logger.warning("cycle failed", metadata: ["cycle.time": "\(time)", "cycle.reason": "\(reason)"])
            }
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(until: started + interval, clock: clock) }
            } catch {
                return
            }
        }
    }
}

/// The wall clock in Unix milliseconds.
@Sendable
public func wallClockMilliseconds() -> Int64 {
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
}
