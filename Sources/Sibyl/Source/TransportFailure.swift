import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Why an exchange with an HTTP endpoint failed below HTTP, in the words an operator searches for:
/// `connection refused to 127.0.0.1:9090`, `cannot resolve host prometheus`, `TLS handshake with … failed: …`.
///
/// SwiftNIO and AsyncHTTPClient describe these failures by the system call that saw them
/// (`connection reset (error set): Connection refused) (errno: 111)`); this names the endpoint and the failure.
package struct TransportFailure: CustomStringConvertible, Sendable {
    /// The sentence.
    package let description: String

    /// Describes `error`, met while talking to `endpoint`.
    /// - Parameters:
    ///   - error: what the HTTP client threw.
    ///   - endpoint: `host:port` of the endpoint.
    package init(_ error: any Error, endpoint: String) {
        description = Self.describe(error, endpoint: endpoint)
    }

    /// `host:port` of a URL, with the scheme's default port when the URL names none.
    package static func endpoint(of url: String) -> String {
        guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty else {
            return url
        }
        let port = components.port ?? (components.scheme?.lowercased() == "https" ? 443 : 80)
        return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    private static func describe(_ error: any Error, endpoint: String) -> String {
        switch error {
        case let error as IOError:
            return describe(errno: error.errnoCode, endpoint: endpoint)
        case let error as NIOConnectionError:
            if let failure = error.connectionErrors.first {
                return describe(failure.error, endpoint: endpoint)
            }
            return "cannot resolve host \(error.host)"
        case let error as SocketAddressError:
            if case .failedToParseIPString(let text) = error { return "not an IP address: \(text)" }
            return "cannot resolve the host of \(endpoint)"
        case let error as SocketAddressError.UnknownHost:
            return "cannot resolve host \(error.host)"
        case let error as HTTPClientError:
            return describe(error, endpoint: endpoint)
        case let error as NIOSSLError:
            return "TLS with \(endpoint) failed: \(error)"
        case let error as BoringSSLError:
            return "TLS with \(endpoint) failed: \(error)"
        case let error as NIOSSLExtraError:
            return "TLS with \(endpoint) failed: \(error)"
        default:
            return "\(endpoint): \(error)"
        }
    }

    private static func describe(errno code: Int32, endpoint: String) -> String {
        switch code {
        case ECONNREFUSED: "connection refused to \(endpoint)"
        case ECONNRESET: "connection reset by \(endpoint)"
        case EHOSTUNREACH: "no route to host \(endpoint)"
        case ENETUNREACH: "network unreachable for \(endpoint)"
        case ETIMEDOUT: "connecting to \(endpoint) timed out"
        case EPIPE: "\(endpoint) closed the connection"
        default: "\(endpoint): \(String(cString: strerror(code)))"
        }
    }

    private static func describe(_ error: HTTPClientError, endpoint: String) -> String {
        switch error {
        case .connectTimeout: "connecting to \(endpoint) timed out"
        case .remoteConnectionClosed: "\(endpoint) closed the connection before answering"
        case .tlsHandshakeTimeout: "TLS handshake with \(endpoint) timed out"
        case .readTimeout: "\(endpoint) sent nothing for too long"
        case .deadlineExceeded: "no complete answer from \(endpoint) in time"
        case .invalidURL: "not a valid URL for \(endpoint)"
        default: "\(endpoint): \(error)"
        }
    }
}
