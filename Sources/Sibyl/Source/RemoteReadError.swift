package import SibylWire

/// A remote-read call that failed: the HTTP exchange, the response's type, or its bytes.
///
/// `shortDescription` is a bounded reason, safe as a metric label (`http_500`, `truncated`, …).
package struct RemoteReadError: Error, Sendable, CustomStringConvertible {
    private enum Code: Sendable, Hashable {
        case status(Int)
        case contentType
        case transport
        case timeout
        case redirect
        case credentials
        case wire(String)
    }

    private let code: Code
    /// What went wrong, with the server's error text where it sent one.
    package let message: String

    private init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The server answered with a non-200 status; `body` is its (plain-text) error message.
    package static func status(_ status: Int, body: String) -> Self {
        Self(.status(status), "HTTP \(status): \(body)")
    }

    /// The response's Content-Type is neither remote-read type.
    package static func unsupportedContentType(_ contentType: String) -> Self {
        Self(.contentType, "unsupported content type \"\(contentType)\"")
    }

    /// The request could not be sent or the response not received (connection refused, reset, …).
    /// - Parameters:
    ///   - error: what the HTTP client threw.
    ///   - url: the endpoint's URL, whose host and port the message names.
    package static func transport(_ error: any Error, url: String) -> Self {
        Self(.transport, TransportFailure(error, endpoint: TransportFailure.endpoint(of: url)).description)
    }

    /// The whole exchange, headers and body, did not end within `timeout`.
    package static func timeout(_ timeout: Duration) -> Self {
        Self(.timeout, "no complete response within \(timeout)")
    }

    /// The server answered with a redirect, which a remote read does not follow: the configured URL is wrong.
    package static func redirect(_ status: Int, location: String?) -> Self {
        Self(.redirect, "HTTP \(status) redirect to \(location.map { "\"\($0)\"" } ?? "nowhere"), not followed")
    }

    /// A password or credentials file of the source's `basic_auth` or `authorization` could not be read.
    package static func credentials(_ message: String) -> Self {
        Self(.credentials, message)
    }

    /// The response body is malformed.
    package static func wire(_ error: WireError) -> Self {
        Self(.wire(error.shortDescription), error.description)
    }

    /// The HTTP status, when the server answered with an error status.
    package var httpStatus: Int? {
        if case .status(let status) = code { return status }
        return nil
    }

    /// A bounded reason, usable as a metric label value.
    package var shortDescription: String {
        switch code {
        case .status(let status): "http_\(status)"
        case .contentType: "content_type"
        case .transport: "unreachable"
        case .timeout: "timeout"
        case .redirect: "redirect"
        case .credentials: "credentials"
        case .wire(let reason): reason
        }
    }

    /// The reasons a failed read can have other than an HTTP status (`http_<status>`), and `internal` for an error
    /// that is not a ``RemoteReadError``: the label values `sibyl_evaluation_failures_total{reason}` starts at 0.
    package static let boundedReasons =
        ["unreachable", "timeout", "redirect", "content_type", "internal"] + WireError.reasons

    /// The reason and the message.
    package var description: String { "remote read failed (\(shortDescription)): \(message)" }
}
