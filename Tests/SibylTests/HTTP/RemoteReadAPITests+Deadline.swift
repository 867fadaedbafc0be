import Hummingbird
import SibylWire
import Testing

@testable import Sibyl

/// Regular expressions that a backtracking engine takes minutes over, and the request deadline.
extension RemoteReadAPITests {
    @Test("a nested repetition over long label values selects in linear time (RE2), both response types")
    func nestedRepetition() async throws {
        let snapshots = [try QueryAPITests.longLabelCycle(time: Self.first)]
        let query = RemoteReadQuery(
            start: Self.first, end: Self.first, matchers: [.init("instance", .regexMatch, "(.*)*Q")])
        try await Self.withAPI(snapshots) { api throws in
            for types in [[RemoteReadResponseType.samples], [.streamedXORChunks]] {
                let request = RemoteReadRequest(queries: [query], acceptedResponseTypes: types)
                let answer: [[TimeSeries]]
                if types == [.samples] {
                    answer = try await Self.samples(api, request)
                } else {
                    answer = try await Self.streamed(api, request)
                }
                let instances = answer.first?.map { $0.labels.first { $0.name == "instance" }?.value ?? "" }
                #expect(instances.map(Set.init) == Set(QueryAPITests.longInstances.suffix(2)), "\(types)")
                #expect(answer.first?.allSatisfy { $0.samples.map(\.value) == [1] } == true, "\(types)")
            }
        }
    }

    @Test("a request still reading at its deadline stops: 503 timeout, or a streamed answer cut short")
    func deadline() async throws {
        let fixture = try ArchiveFixture()
        defer { fixture.remove() }
        await fixture.write(try Self.cycles(3))
        let api = RemoteReadAPI(store: fixture.archive.results, timeout: .zero)
        await #expect {
            try await api.answer(RemoteReadRequest(queries: [Self.all], acceptedResponseTypes: []).encoded())
        } throws: { error in
            (error as? APIError)?.status == .serviceUnavailable && (error as? APIError)?.errorType == "timeout"
        }
        let streamed = RemoteReadRequest(queries: [Self.all], acceptedResponseTypes: [.streamedXORChunks])
        await #expect {
            try await Self.streamedBody(api, streamed)
        } throws: { error in
            (error as? ArchiveError)?.code == .timedOut
        }
        let inTime = RemoteReadAPI(store: fixture.archive.results)
        let answer = try await Self.samples(inTime, RemoteReadRequest(queries: [Self.all], acceptedResponseTypes: []))
        #expect(answer.first?.isEmpty == false)
    }
}
