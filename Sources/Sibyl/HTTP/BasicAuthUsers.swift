import HummingbirdBcrypt
import NIOPosix
import Synchronization

/// The basic-auth users of the web config file, checked against their bcrypt hashes.
///
/// bcrypt is slow on purpose (tens of milliseconds at cost 10), so a check runs on NIO's blocking thread pool, never
/// on the cooperative pool that serves the other requests and runs the evaluation. An unknown user costs the same
/// work as a known one (a hash made at start), so that timing does not tell which names exist. A pair that passed
/// is remembered (a Prometheus sends the same one every scrape); at most ``cacheLimit`` of them, all forgotten when
/// the file changes.
package final class BasicAuthUsers: Sendable {
    package let hashes: [String: String]
    private let unknownUserHash: String
    private let passed = Mutex<Set<String>>([])
    static let cacheLimit = 256

    package init(_ hashes: [String: String]) {
        self.hashes = hashes.mapValues(Self.normalized)
        // Same cost as the configured hashes (or 10), so that an unknown name takes as long as a known one.
        let cost = hashes.values.compactMap { UInt8($0.dropFirst(4).prefix(2)) }.max() ?? 10
        unknownUserHash = Bcrypt.hash(String(UInt64.random(in: .min ... .max)), cost: cost)
    }

    /// Whether `hash` looks like a bcrypt hash htpasswd writes: `$2a$`, `$2b$` or `$2y$`, a two-digit cost, 53 more.
    static func isBcrypt(_ hash: String) -> Bool {
        let bytes = Array(hash.utf8)
        guard bytes.count == 60, hash.hasPrefix("$2a$") || hash.hasPrefix("$2b$") || hash.hasPrefix("$2y$"),
            bytes[6] == UInt8(ascii: "$"), let cost = Int(String(decoding: bytes[4..<6], as: UTF8.self)),
            (4...31).contains(cost)
        else { return false }
        return true
    }

    /// `$2y$` (PHP's name for the fixed algorithm) is `$2b$`, which the bcrypt library reads.
    private static func normalized(_ hash: String) -> String {
        hash.hasPrefix("$2y$") ? "$2b$" + hash.dropFirst(4) : hash
    }

    /// Whether `user` and `password` are a configured pair.
    package func check(user: String, password: String) async -> Bool {
        let key = "\(user)\u{0}\(password)"
        if passed.withLock({ $0.contains(key) }) { return true }
        let hash = hashes[user] ?? unknownUserHash
        let verified =
            (try? await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }) ?? false
        guard verified, hashes[user] != nil else { return false }
        passed.withLock { passed in
            if passed.count >= Self.cacheLimit { passed.removeAll() }
            passed.insert(key)
        }
        return true
    }
}
