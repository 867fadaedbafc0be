public import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Plain HTTP calls for tests (readiness probes, Prometheus' JSON API, raw POSTs).
public enum TestHTTP {
    /// A response: status, headers and body.
    public struct Response: Sendable {
        /// The HTTP status code.
        public var status: Int
        /// Header values by lower-cased name.
        public var headers: [String: String]
        /// The body.
        public var body: Data

        /// The body as UTF-8 text.
        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// Sends one request.
    /// - Parameters:
    ///   - headers: request headers.
    ///   - body: the request body.
    ///   - timeout: seconds before giving up; five minutes by default, because in the parallel suite CPU-bound
    ///     tests can hold every thread of the cooperative pool that serves the request for minutes.
    /// - Returns: the response.
    /// - Throws: transport errors.
    public static func send(
        _ url: String, method: String = "GET", headers: [String: String] = [:], body: Data? = nil,
        timeout: TimeInterval = 300
    ) async throws -> Response {
        guard let target = URL(string: url) else { throw FixtureError("bad URL \(url)") }
        var request = URLRequest(url: target, timeoutInterval: timeout)
        request.httpMethod = method
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = body
        let (data, response) = try await URLSession.shared.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw FixtureError("not an HTTP response from \(url)") }
        var lowered: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { lowered[name.lowercased()] = value }
        }
        return Response(status: http.statusCode, headers: lowered, body: data)
    }

    /// `GET url`.
    /// - Returns: the response.
    /// - Throws: transport errors.
    public static func get(_ url: String) async throws -> Response {
        try await send(url)
    }

    /// Polls `url` until it answers 200, or throws after `timeout` seconds.
    /// - Parameters:
    ///   - url: the URL to probe.
    ///   - timeout: seconds to wait.
    ///   - stillRunning: checked between attempts; returning `false` stops waiting at once.
    /// - Throws: ``FixtureError`` on timeout or when `stillRunning` turns false.
    public static func waitUntilOK(
        _ url: String, timeout: TimeInterval = 60, stillRunning: @Sendable () -> Bool = { true }
    ) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            guard stillRunning() else { throw FixtureError("process exited while waiting for \(url)") }
            if let response = try? await send(url, timeout: 2), response.status == 200 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw FixtureError("\(url) did not answer 200 within \(Int(timeout)) s")
    }
}
