import Foundation
package import Logging
import NIOCore
package import NIOSSL
import ServiceLifecycle
import Synchronization

/// The web config file in force: its basic-auth users, its headers, and the server certificate, re-read when the
/// file or the certificate files change, so that a rotated certificate is used without a restart.
///
/// A changed file that does not load is refused with its `file:line:column` errors and the one in force stays.
/// Whether TLS is on at all, and the client CA, are fixed at start (the listening socket is built once).
package final class WebSecurity: Sendable {
    private struct Current {
        var file: WebConfigFile
        var users: BasicAuthUsers
        var certificates: [NIOSSLCertificate]
        var key: NIOSSLPrivateKey?
        var modified: [String: Date]
    }

    private let current: Mutex<Current>
    package let path: String
    private let logger: Logger

    /// Loads the file and, with TLS, its certificate and key.
    /// - Throws: ``ConfigurationErrors`` naming the file, line and column, or the certificate file that fails.
    package init(path: String, logger: Logger) throws(ConfigurationErrors) {
        self.path = path
        self.logger = logger
        current = Mutex(try Self.load(path))
    }

    private static func load(_ path: String) throws(ConfigurationErrors) -> Current {
        let file = try WebConfigFile.load(contentsOf: path)
        var certificates: [NIOSSLCertificate] = []
        var key: NIOSSLPrivateKey?
        if let tls = file.tls {
            func failure(_ file: String, _ what: String, _ error: Any) -> ConfigurationErrors {
                ConfigurationErrors([
                    ConfigurationError(
                        .unreadableFile, file: file, line: 0, column: 0, message: "cannot load the \(what): \(error)")
                ])
            }
            do {
                certificates = try NIOSSLCertificate.fromPEMFile(tls.certFile)
            } catch {
                throw failure(tls.certFile, "certificate", error)
            }
            do {
                key = try NIOSSLPrivateKey(file: tls.keyFile, format: .pem)
            } catch {
                throw failure(tls.keyFile, "private key", error)
            }
            if let ca = tls.clientCAFile {
                do {
                    _ = try NIOSSLCertificate.fromPEMFile(ca)
                } catch {
                    throw failure(ca, "client CA", error)
                }
            }
            if certificates.isEmpty {
                throw failure(tls.certFile, "certificate", "no certificate in the file")
            }
        }
        return Current(
            file: file, users: BasicAuthUsers(file.users), certificates: certificates, key: key,
            modified: modificationDates(file))
    }

    private static func modificationDates(_ file: WebConfigFile) -> [String: Date] {
        let paths = [file.path] + (file.tls.map { [$0.certFile, $0.keyFile] } ?? [])
        var dates: [String: Date] = [:]
        for path in paths {
            dates[path] = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
        }
        return dates
    }

    /// The file in force.
    package var file: WebConfigFile { current.withLock { $0.file } }
    /// Its users.
    package var users: BasicAuthUsers { current.withLock { $0.users } }

    /// Re-reads the file when it or a certificate file changed; keeps the one in force when the new one fails.
    /// - Returns: whether a new file is now in force.
    @discardableResult
    package func reloadIfChanged() -> Bool {
        let (file, dates) = current.withLock { ($0.file, $0.modified) }
        guard Self.modificationDates(file) != dates else { return false }
        do {
            let loaded = try Self.load(path)
            if (loaded.file.tls == nil) != (file.tls == nil) || loaded.file.tls?.clientCAFile != file.tls?.clientCAFile
            {
                logger.warning(
                    "web config: turning TLS on or off, or changing the client CA, takes a restart",
                    metadata: ["web.config_file": "\(path)"])
            }
            current.withLock { $0 = loaded }
            logger.info("web config reloaded", metadata: ["web.config_file": "\(path)"])
            return true
        } catch {
            // Remember the failed version so that it is reported once, not every poll.
            current.withLock { $0.modified = Self.modificationDates(file) }
            logger.error(
                "web config not reloaded, the previous one stays",
                metadata: ["web.config_file": "\(path)", "error": "\(error)"])
            return false
        }
    }

    /// The server's TLS configuration, `nil` without TLS. The certificate and key of each handshake are the ones in
    /// force then.
    package func tlsConfiguration() -> TLSConfiguration? {
        let (file, certificates, key) = current.withLock { ($0.file, $0.certificates, $0.key) }
        guard let tls = file.tls, let key else { return nil }
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: certificates.map { .certificate($0) }, privateKey: .privateKey(key))
        switch tls.clientAuth {
        case .noClientCert, .requestClientCert:
            configuration.certificateVerification = .none
        case .requireAnyClientCert, .requireAndVerifyClientCert:
            configuration.certificateVerification = .noHostnameVerification
        case .verifyClientCertIfGiven:
            configuration.certificateVerification = .optionalVerification
        }
        if let ca = tls.clientCAFile { configuration.trustRoots = .file(ca) }
        configuration.minimumTLSVersion = tls.minVersion.nioVersion
        configuration.maximumTLSVersion = tls.maxVersion?.nioVersion
        if !tls.cipherSuites.isEmpty {
            configuration.cipherSuiteValues = tls.cipherSuites.map { NIOTLSCipher(rawValue: $0.codePoint) }
        }
        if !tls.curves.isEmpty { configuration.curves = tls.curves.map { NIOTLSCurve(rawValue: $0.codePoint) } }
        configuration.sslContextCallback = { [self] _, promise in
            let (certificates, key) = current.withLock { ($0.certificates, $0.key) }
            var override = NIOSSLContextConfigurationOverride()
            override.certificateChain = certificates.map { .certificate($0) }
            override.privateKey = key.map { .privateKey($0) }
            promise.succeed(override)
        }
        return configuration
    }
}

/// Polls the web config file and its certificate files every ``interval`` and reloads them when they change.
package struct WebSecurityReloader: Service {
    package let security: WebSecurity
    package var interval: Duration = .seconds(2)

    package init(security: WebSecurity, interval: Duration = .seconds(2)) {
        self.security = security
        self.interval = interval
    }

    package func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            security.reloadIfChanged()
        }
    }
}
