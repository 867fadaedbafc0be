import Foundation
import Hummingbird
import SibylTestSupport
import SibylWire
import Testing

@testable import Sibyl

/// The sender against an in-process receiver: batching, the cursor, retries, refusals and the 2.0 fallback.
struct RemoteWriteEndpointTests {
    static let start: Int64 = 1_800_000_000_000
    static let step: Int64 = 15_000

    /// A sender of the archive's cycles to `url`, with short backoffs and a quick poll.
    static func endpoint(
        _ url: String, _ fixture: ArchiveFixture, version: RemoteWriteConfiguration.ProtocolVersion = .v1,
        maxSamples: Int = 2000, maxBacklog: Int64 = 3_600_000
    ) -> RemoteWriteEndpoint {
        var configuration = RemoteWriteConfiguration(url: url, name: "test")
        configuration.protocolVersion = version
        configuration.timeout = PrometheusDuration(milliseconds: 10_000)
        configuration.queue.minBackoff = PrometheusDuration(milliseconds: 5)
        configuration.queue.maxBackoff = PrometheusDuration(milliseconds: 100)
        configuration.queue.maxSamplesPerSend = maxSamples
        configuration.queue.maxBacklog = PrometheusDuration(milliseconds: maxBacklog)
        return RemoteWriteEndpoint(
            configuration: configuration, store: fixture.archive.results,
            httpClient: RemoteReadClient.defaultHTTPClient, logger: ArchiveFixture.quiet,
            pollInterval: .milliseconds(10))
    }

    /// Runs the sender until `done` holds (looked at every 10 ms, for at most 60 s), then stops it.
    static func run(_ endpoint: RemoteWriteEndpoint, until done: @escaping @Sendable () throws -> Bool) async throws {
        let task = Task { await endpoint.run() }
        defer { task.cancel() }
        let deadline = ContinuousClock.now + .seconds(60)
        while try !done() {
            guard ContinuousClock.now < deadline else {
                throw FixtureError("the sender did not get there in 60 s: \(endpoint.statistics)")
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        task.cancel()
        await task.value
    }

    /// `count` cycles of three series each, `step` apart from `first`.
    static func cycles(_ count: Int, from first: Int64 = start) throws -> [CycleSnapshot] {
        try (0..<count).map { index in
            try ArchiveFixture.windowCycle(
                time: first + Int64(index) * step, series: 0..<3, base: Double(index) * 10 + 1 / 3)
        }
    }

    /// Each stored sample as `name{labels} time value-bits`, for comparing with what was archived.
    static func keys(_ samples: [(labels: [Label], sample: Sample)]) -> [String] {
        samples.map { "\($0.labels) \($0.sample.timestamp) \($0.sample.value.bitPattern)" }
    }

    /// The archived cycles as the receiver should store them: per series, oldest first.
    static func expected(_ cycles: [CycleSnapshot]) -> [String] {
        cycles.flatMap { cycle in
            cycle.families.flatMap { family in
                family.samples.map { sample in
                    let labels =
                        ([Label("__name__", family.name.rawValue)]
                        + sample.labels.labels.map {
                            Label($0.name, $0.value)
                        }).sorted { $0.name < $1.name }
                    return "\(labels) \(cycle.time) \(sample.value.bitPattern)"
                }
            }
        }
    }

    @Test("every archived cycle arrives once, in order, with the archived values bit for bit; the cursor follows")
    func sendsEveryCycle() async throws {
        let fixture = try ArchiveFixture()
        defer { fixture.remove() }
        let cycles = try Self.cycles(4)
        await fixture.write(cycles)
        try await RemoteWriteReceiver.with(kind: .v1Strict) { receiver, url in
            // Three samples a request: one cycle each, so the order of the requests is the order of the cycles.
            let endpoint = Self.endpoint(url, fixture, maxSamples: 3)
            try await Self.run(endpoint) {
                try fixture.archive.results.remoteWriteCursor("test") == cycles.last?.time
            }
            #expect(Set(Self.keys(receiver.stored)) == Set(Self.expected(cycles)))
            #expect(receiver.stored.count == 12)
            #expect(receiver.stored.map(\.sample.timestamp) == cycles.flatMap { Array(repeating: $0.time, count: 3) })
            #expect(receiver.requests.allSatisfy { $0.version == "0.1.0" && !$0.v2 })
            #expect(try fixture.archive.results.remoteWriteCursor("test") == cycles.last?.time)
            let statistics = endpoint.statistics
            #expect(statistics.sent == 12)
            #expect(statistics.pendingCycles == 0)
            #expect(statistics.highestSentTime == cycles.last?.time)
        }
    }

    @Test("a 400 is not retried: counted as failed and dropped, and the cursor moves on")
    func refusalIsNotRetried() async throws {
        let fixture = try ArchiveFixture()
        defer { fixture.remove() }
        let cycles = try Self.cycles(1)
        await fixture.write(cycles)
        try await RemoteWriteReceiver.with(script: [.init(status: .badRequest, body: "label name invalid")]) {
            receiver, url in
            let endpoint = Self.endpoint(url, fixture)
            try await Self.run(endpoint) { try fixture.archive.results.remoteWriteCursor("test") == cycles[0].time }
            #expect(receiver.requests.count == 1)
            let statistics = endpoint.statistics
            #expect(statistics.failed == 3)
            #expect(statistics.dropped["rejected"] == 3)
            #expect(statistics.retried == 0)
            #expect(statistics.sent == 0)
        }
    }

    @Test("a refusal as too old is counted under too_old")
    func tooOldIsCounted() async throws {
        let fixture = try ArchiveFixture()
        defer { fixture.remove() }
        let cycles = try Self.cycles(1)
        await fixture.write(cycles)
        try await RemoteWriteReceiver.with(script: [.init(status: .badRequest, body: "out of bounds")]) { _, url in
            let endpoint = Self.endpoint(url, fixture)
            try await Self.run(endpoint) { try fixture.archive.results.remoteWriteCursor("test") == cycles[0].time }
            #expect(endpoint.statistics.dropped["too_old"] == 3)
        }
    }

    @Test("a 503 then a 200: the batch is stored once, counted as retried")
    func retriesA503() async throws {
        let fixture = try ArchiveFixture()
        defer { fixture.remove() }
        let cycles = try Self.cycles(1)
        await fixture.write(cycles)
        try await RemoteWriteReceiver.with(script: [.init(status: .serviceUnavailable, body: "busy")]) {
            receiver, url in
            let endpoint = Self.endpoint(url, fixture)
            try await Self.run(endpoint) { try fixture.archive.results.remoteWriteCursor("test") == cycles[0].time }
            #expect(receiver.requests.map(\.status) == [503, 204])
            #expect(Self.keys(receiver.stored) == Self.expected(cycles))
            #expect(endpoint.statistics.retried == 3)
            #expect(endpoint.statistics.sent == 3)
        }
    }

    @Test("a 429 with Retry-After is retried")
    func retriesA429() async throws {
        let fixture = try ArchiveFixture()
        defer { fixture.remove() }
        let cycles = try Self.cycles(1)
        await fixture.write(cycles)
        let answer = RemoteWriteReceiver.Answer(
            status: .tooManyRequests, headers: [.retryAfter: "1"], body: "slow down")
        try await RemoteWriteReceiver.with(script: [answer]) { receiver, url in
            let endpoint = Self.endpoint(url, fixture)
            try await Self.run(endpoint) { try fixture.archive.results.remoteWriteCursor("test") == cycles[0].time }
            #expect(receiver.requests.map(\.status) == [429, 204])
            #expect(receiver.stored.count == 3)
        }
    }

    @Test("Retry-After reads seconds and HTTP dates")
    func retryAfter() throws {
        #expect(RemoteWriteEndpoint.retryAfter("7") == .seconds(7))
        #expect(RemoteWriteEndpoint.retryAfter(nil) == nil)
        #expect(RemoteWriteEndpoint.retryAfter("soon") == nil)
        let now = Date(timeIntervalSince1970: 1_445_412_480)
        #expect(RemoteWriteEndpoint.retryAfter("Wed, 21 Oct 2015 07:28:30 GMT", now: now) == .seconds(30))
    }

    @Test("protocol auto: a 415 switches to 1.0 and the batch is sent again as 1.0")
    func autoFallsBackOn415() async throws {
        let fixture = try ArchiveFixture()
        defer { fixture.remove() }
        let cycles = try Self.cycles(2)
        await fixture.write(cycles)
        try await RemoteWriteReceiver.with(kind: .v1Strict) { receiver, url in
            let endpoint = Self.endpoint(url, fixture, version: .auto)
            try await Self.run(endpoint) { try fixture.archive.results.remoteWriteCursor("test") == cycles[1].time }
            #expect(receiver.requests.map(\.status) == [415, 204])
            #expect(receiver.requests.map(\.v2) == [true, false])
            #expect(Set(Self.keys(receiver.stored)) == Set(Self.expected(cycles)))
            #expect(endpoint.statistics.protocolVersion == "v1")
        }
    }

    @Test("protocol auto: a 2xx without the written headers switches to 1.0 and the batch is sent again")
    func autoFallsBackWithoutWrittenHeaders() async throws {
        let fixture = try ArchiveFixture()
        defer { fixture.remove() }
        let cycles = try Self.cycles(1)
        await fixture.write(cycles)
        try await RemoteWriteReceiver.with(kind: .v1Lenient) { receiver, url in
            let endpoint = Self.endpoint(url, fixture, version: .auto)
            try await Self.run(endpoint) { try fixture.archive.results.remoteWriteCursor("test") == cycles[0].time }
            #expect(receiver.requests.map(\.v2) == [true, false])
            #expect(Self.keys(receiver.stored) == Self.expected(cycles))
        }
    }

    @Test("2.0 carries the symbols, the values bit for bit and each series' type, help and unit")
    func sendsV2() async throws {
        let fixture = try ArchiveFixture()
        defer { fixture.remove() }
        let counter = try ArchiveFixture.family(
            "sibyl_forecast_runs_total", kind: .counter, help: "Runs.", [([("metric", "up")], 3)])
        var written = try Self.cycles(2)
        written[1].families.append(counter)
        let cycles = written
        await fixture.write(cycles)
        try await RemoteWriteReceiver.with(kind: .v2) { receiver, url in
            let endpoint = Self.endpoint(url, fixture, version: .auto)
            try await Self.run(endpoint) { try fixture.archive.results.remoteWriteCursor("test") == cycles[1].time }
            #expect(receiver.requests.allSatisfy { $0.v2 && $0.version == "2.0.0" })
            #expect(Set(Self.keys(receiver.stored)) == Set(Self.expected(cycles)))
            let series = receiver.requests.flatMap(\.series)
            let average = try #require(series.first { $0.metricName == "sibyl_window_avg" })
            #expect(average.metadata.kind == .gauge)
            #expect(average.metadata.help == "Help of sibyl_window_avg.")
            #expect(endpoint.statistics.protocolVersion == "v2")
        }
    }

    @Test("receiver down for three cycles: after it returns they arrive in order, none twice")
    func outage() async throws {
        let fixture = try ArchiveFixture()
        defer { fixture.remove() }
        let cycles = try Self.cycles(5)
        await fixture.write(Array(cycles[0..<2]))
        try await RemoteWriteReceiver.with(kind: .v1Strict) { receiver, url in
            let endpoint = Self.endpoint(url, fixture, maxSamples: 3)
            let task = Task { await endpoint.run() }
            defer { task.cancel() }
            try await Self.waitUntil { receiver.stored.count == 6 }
            receiver.isUp = false
            await fixture.write(Array(cycles[2..<5]))
            try await Self.waitUntil { endpoint.statistics.retried > 0 }
            receiver.isUp = true
            try await Self.waitUntil { try fixture.archive.results.remoteWriteCursor("test") == cycles[4].time }
            task.cancel()
            await task.value
            #expect(Self.keys(receiver.stored) == Self.expected(cycles))
            #expect(receiver.stored.map(\.sample.timestamp) == cycles.flatMap { Array(repeating: $0.time, count: 3) })
        }
    }

    @Test("a new sender over the same file resumes after the cursor")
    func resumesFromCursor() async throws {
        let fixture = try ArchiveFixture()
        defer { fixture.remove() }
        let cycles = try Self.cycles(4)
        await fixture.write(Array(cycles[0..<2]))
        try await RemoteWriteReceiver.with(kind: .v1Strict) { receiver, url in
            try await Self.run(Self.endpoint(url, fixture)) {
                try fixture.archive.results.remoteWriteCursor("test") == cycles[1].time
            }
            await fixture.write(Array(cycles[2..<4]))
            let reopened = try Archive(path: fixture.path)
            defer { try? reopened.close() }
            var configuration = Self.endpoint(url, fixture).configuration
            configuration.name = "test"
            let restarted = RemoteWriteEndpoint(
                configuration: configuration, store: reopened.results, httpClient: RemoteReadClient.defaultHTTPClient,
                logger: ArchiveFixture.quiet, pollInterval: .milliseconds(10))
            try await Self.run(restarted) { try reopened.results.remoteWriteCursor("test") == cycles[3].time }
            #expect(Set(Self.keys(receiver.stored)) == Set(Self.expected(cycles)))
            #expect(receiver.stored.count == 12)
            #expect(restarted.statistics.sent == 6)
        }
    }

    @Test("a sender stopped while retrying, as by SIGKILL, and started again sends what it missed, once, in order")
    func restartDuringOutage() async throws {
        let fixture = try ArchiveFixture()
        defer { fixture.remove() }
        let cycles = try Self.cycles(5)
        await fixture.write(Array(cycles[0..<2]))
        try await RemoteWriteReceiver.with(kind: .v1Strict) { receiver, url in
            let first = Self.endpoint(url, fixture, maxSamples: 3)
            let task = Task { await first.run() }
            defer { task.cancel() }
            try await Self.waitUntil { try fixture.archive.results.remoteWriteCursor("test") == cycles[1].time }
            receiver.isUp = false
            await fixture.write(Array(cycles[2..<5]))
            try await Self.waitUntil { first.statistics.retried > 0 }
            // Stopped mid-retry: nothing but the archive's cursor survives.
            task.cancel()
            await task.value
            receiver.isUp = true
            let reopened = try Archive(path: fixture.path)
            defer { try? reopened.close() }
            let restarted = RemoteWriteEndpoint(
                configuration: first.configuration, store: reopened.results,
                httpClient: RemoteReadClient.defaultHTTPClient, logger: ArchiveFixture.quiet,
                pollInterval: .milliseconds(10))
            try await Self.run(restarted) { try reopened.results.remoteWriteCursor("test") == cycles[4].time }
            let accepted = receiver.requests.filter { $0.status == 204 }.flatMap(\.series)
            #expect(accepted.flatMap(\.samples).count == 15)
            #expect(Self.keys(receiver.stored) == Self.expected(cycles))
            #expect(restarted.statistics.sent == 9)
        }
    }

    @Test("cycles older than max_backlog before the newest are skipped and counted")
    func backlogIsBounded() async throws {
        let fixture = try ArchiveFixture()
        defer { fixture.remove() }
        let old = try Self.cycles(2)
        let recent = try Self.cycles(2, from: Self.start + 3_600_000)
        await fixture.write(old)
        try await fixture.archive.results.setRemoteWriteCursor("test", to: Self.start - 1)
        await fixture.write(recent)
        try await RemoteWriteReceiver.with(kind: .v1Strict) { receiver, url in
            let endpoint = Self.endpoint(url, fixture, maxBacklog: 600_000)
            try await Self.run(endpoint) { try fixture.archive.results.remoteWriteCursor("test") == recent[1].time }
            #expect(Set(Self.keys(receiver.stored)) == Set(Self.expected(recent)))
            #expect(receiver.stored.count == 6)
            #expect(endpoint.statistics.dropped["backlog"] == 6)
        }
    }

    /// Waits until `done` holds, looking every 10 ms for at most 60 s.
    static func waitUntil(_ done: @Sendable () throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while try !done() {
            guard ContinuousClock.now < deadline else { throw FixtureError("not reached in 60 s") }
            try await Task.sleep(for: .milliseconds(10))
        }
    }
}
