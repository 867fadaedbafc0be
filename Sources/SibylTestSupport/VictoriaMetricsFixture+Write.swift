import Foundation
public import SibylWire

extension VictoriaMetricsFixture {
    /// Remote-writes `series` (staleness markers included) and flushes, so that reads see them at once.
    /// - Parameter series: the series.
    /// - Throws: ``FixtureError`` for an error answer.
    public func write(_ series: [TimeSeries]) async throws {
        let response = try await TestHTTP.send(
            remoteWriteURL, method: "POST",
            headers: ["Content-Encoding": "snappy", "Content-Type": "application/x-protobuf"],
            body: Data(RemoteWriteRequest(series: series).encoded()))
        guard response.status / 100 == 2 else {
            throw FixtureError("remote write: \(response.status) \(response.text)")
        }
        try await flush()
    }

    /// Makes what VictoriaMetrics buffers searchable.
    /// - Throws: ``FixtureError`` for an error answer.
    public func flush() async throws {
        let response = try await TestHTTP.get("\(baseURL)/internal/force_flush")
        guard response.status == 200 else { throw FixtureError("force_flush: \(response.status) \(response.text)") }
    }
}
