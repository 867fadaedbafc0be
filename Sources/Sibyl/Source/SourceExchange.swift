import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import ServiceLifecycle

/// The HTTP steps every source read shares: the headers it sends, the status it accepts, and how a failed exchange
/// is reported.
enum SourceExchange {
    /// Adds Sibyl's `User-Agent`, the configured headers (sorted by name) and the `Authorization` header.
    /// - Throws: ``RemoteReadError/credentials(_:)`` when a password or credentials file cannot be read.
    static func addHeaders(_ settings: HTTPClientSettings, to request: inout HTTPClientRequest) throws {
        request.headers.add(name: "User-Agent", value: "Sibyl/\(SibylVersion.version)")
        for (name, value) in settings.headers.sorted(by: { $0.key < $1.key }) {
            request.headers.add(name: name, value: value)
        }
        do {
            if let authorization = try settings.authorizationHeader() {
                request.headers.add(name: "Authorization", value: authorization)
            }
        } catch {
            throw RemoteReadError.credentials("\(error)")
        }
    }

    /// Sends `request` with the deadline `timeout` from now and returns the response if its status is 200.
    /// - Throws: ``RemoteReadError`` for a redirect (never followed) or another status, with the start of the
    ///   body; what the HTTP client throws.
    static func execute(
        _ request: HTTPClientRequest, httpClient: HTTPClient, timeout: Duration
    ) async throws -> HTTPClientResponse {
        let deadline = NIODeadline.now() + TimeAmount.nanoseconds(timeout.nanoseconds)
        let response = try await httpClient.execute(request, deadline: deadline)
        guard response.status == .ok else {
            let status = Int(response.status.code)
            if (300..<400).contains(status) {
                throw RemoteReadError.redirect(status, location: response.headers.first(name: "Location"))
            }
            let text = (try? await response.body.collect(upTo: 4096)).map { String(buffer: $0) } ?? ""
            throw RemoteReadError.status(status, body: text)
        }
        return response
    }

    /// What a read reports for `error`, thrown while sending or receiving: a ``RemoteReadError`` as it is, the
    /// deadline as `timeout`, cancellation as such, anything else as `unreachable` naming `url`'s host and port.
    static func failure(_ error: any Error, timeout: Duration, url: String) -> any Error {
        switch error {
        case let error as RemoteReadError: error
        case let error as HTTPClientError where error == .deadlineExceeded: RemoteReadError.timeout(timeout)
        default: Task.isCancelled ? CancellationError() : RemoteReadError.transport(error, url: url)
        }
    }

    /// Runs `receive` (the network side) in a child task and `decode` in the caller's, joined by a hand-over that
    /// `timeout` after the start, or a graceful shutdown, ends with a failure, so neither side can wait forever.
    /// - Parameters:
    ///   - timeout: the whole exchange's deadline.
    ///   - receive: sends the request and hands the response over, then finishes the hand-over.
    ///   - decode: takes what is handed over.
    /// - Returns: what `decode` returns.
    /// - Throws: what `decode` throws: ``RemoteReadError/timeout(_:)`` at the deadline, `CancellationError` at
    ///   shutdown.
    static func run<Element: Sendable, Result>(
        timeout: Duration, receive: @escaping @Sendable (BodyHandoff<Element>) async -> Void,
        decode: (BodyHandoff<Element>) async throws -> Result
    ) async throws -> Result {
        let handoff = BodyHandoff<Element>()
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await receive(handoff) }
            group.addTask {
                guard (try? await Task.sleep(for: timeout)) != nil else { return }
                handoff.finish(.failure(RemoteReadError.timeout(timeout)))
            }
            defer { group.cancelAll() }
            return try await withGracefulShutdownHandler {
                try await decode(handoff)
            } onGracefulShutdown: {
                handoff.finish(.failure(CancellationError()))
            }
        }
    }
}
