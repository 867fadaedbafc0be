package import AsyncHTTPClient
import NIOSSL
import Synchronization

/// The HTTP clients that read sources over TLS with a `tls_config`: one per distinct setting, made once and kept
/// for the life of the process (an `HTTPClient` must be shut down before it is released).
package enum SourceHTTPClients {
    /// A TLS file that could not be loaded.
    package struct TLSFileError: Error, CustomStringConvertible {
        let key: String
        let path: String
        let reason: String
        /// The configuration section whose `tls_config` names the file.
        var section = "source"
        package var description: String { "\(section).tls_config.\(key) \(path): \(reason)" }
    }

    private static let clients = Mutex<[HTTPClientSettings.TLS: HTTPClient]>([:])

    /// The client for `tls`: the shared default one without TLS settings.
    /// - Throws: ``TLSFileError`` when a certificate or key file cannot be loaded.
    package static func client(for tls: HTTPClientSettings.TLS?) throws -> HTTPClient {
        guard let tls else { return RemoteReadClient.defaultHTTPClient }
        if let client = clients.withLock({ $0[tls] }) { return client }
        var configuration = RemoteReadClient.defaultConfiguration
        configuration.tlsConfiguration = try tlsConfiguration(tls)
        let made = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        return clients.withLock { clients in
            if let existing = clients[tls] {
                try? made.syncShutdown()
                return existing
            }
            clients[tls] = made
            return made
        }
    }

    static func tlsConfiguration(_ tls: HTTPClientSettings.TLS) throws -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = tls.minVersion.nioVersion
        if tls.insecureSkipVerify { configuration.certificateVerification = .none }
        func load<T>(_ key: String, _ path: String, _ body: () throws -> T) throws -> T {
            do { return try body() } catch { throw TLSFileError(key: key, path: path, reason: "\(error)") }
        }
        if let ca = tls.caFile {
            configuration.trustRoots = .certificates(try load("ca_file", ca) { try NIOSSLCertificate.fromPEMFile(ca) })
        }
        if let cert = tls.certFile, let key = tls.keyFile {
            configuration.certificateChain = try load("cert_file", cert) {
                try NIOSSLCertificate.fromPEMFile(cert).map { .certificate($0) }
            }
            configuration.privateKey = .privateKey(
                try load("key_file", key) { try NIOSSLPrivateKey(file: key, format: .pem) })
        }
        return configuration
    }
}
