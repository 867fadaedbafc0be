import Foundation
import NIOCore

/// The server could not listen on its address, said with the address and what to do:
/// `cannot listen on 127.0.0.1:9798: the address is already in use (…)`.
public struct ListenFailure: Error, CustomStringConvertible, Sendable {
    /// The sentence.
    public let description: String

    /// Describes a failure to listen, or returns `nil` when `error` is not one (the error is then reported as is).
    /// - Parameters:
    ///   - error: what starting the server threw.
    ///   - address: the configured listen address, `host:port`.
    public init?(_ error: any Error, address: String) {
        guard let error = error as? IOError else { return nil }
        let reason: String
        switch error.errnoCode {
        case EADDRINUSE:
            reason =
                "the address is already in use (another process listens there: stop it, or choose another address "
                + "with --web.listen-address or web.listen_address)"
        case EACCES:
            reason = "permission denied (a port below 1024 needs root or the CAP_NET_BIND_SERVICE capability)"
        case EADDRNOTAVAIL:
            reason = "no network interface of this machine has that address"
        default:
            return nil
        }
        description = "cannot listen on \(address): \(reason)"
    }
}
