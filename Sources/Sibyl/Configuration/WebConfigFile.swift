import Foundation
import Yams

/// The `--web.config.file` of every Prometheus exporter (the exporter toolkit's format): TLS, extra response
/// headers, and basic-auth users with bcrypt hashes.
///
/// ```yaml
/// tls_server_config:
///   cert_file: server.crt
///   key_file: server.key
///   client_auth_type: RequireAndVerifyClientCert   # NoClientCert (default), RequestClientCert,
///   client_ca_file: ca.crt                         #   RequireAnyClientCert, VerifyClientCertIfGiven, …
///   min_version: TLS12                             # TLS10 … TLS13; default TLS12
///   cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]   # TLS 1.2 and below; default BoringSSL's
///   curve_preferences: [X25519, CurveP256]
/// http_server_config:
///   headers: {Strict-Transport-Security: max-age=31536000}
/// basic_auth_users:
///   prometheus: $2y$10$…                            # htpasswd -nBC 10 "" | tr -d ':\n'
/// ```
package struct WebConfigFile: Sendable, Equatable {
    /// How a client certificate is asked for and checked, by the exporter toolkit's names.
    package enum ClientAuth: String, Sendable, CaseIterable {
        case noClientCert = "NoClientCert"
        case requestClientCert = "RequestClientCert"
        case requireAnyClientCert = "RequireAnyClientCert"
        case verifyClientCertIfGiven = "VerifyClientCertIfGiven"
        case requireAndVerifyClientCert = "RequireAndVerifyClientCert"
    }

    /// A TLS protocol version, by the exporter toolkit's names.
    package enum TLSVersion: String, Sendable, CaseIterable, Comparable {
        case tls10 = "TLS10"
        case tls11 = "TLS11"
        case tls12 = "TLS12"
        case tls13 = "TLS13"

        package static func < (lhs: Self, rhs: Self) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// The server's TLS settings; files are resolved against the web config file's folder.
    package struct TLS: Sendable, Equatable {
        package var certFile: String
        package var keyFile: String
        package var clientAuth = ClientAuth.noClientCert
        package var clientCAFile: String?
        package var minVersion = TLSVersion.tls12
        package var maxVersion: TLSVersion?
        /// TLS 1.2 cipher suites allowed, in order; empty means BoringSSL's defaults.
        package var cipherSuites: [CipherSuite] = []
        /// Key-exchange curves, in order of preference; empty means BoringSSL's defaults.
        package var curves: [Curve] = []
    }

    /// The file's path, as given.
    package var path: String
    /// TLS, when the file configures it; plain HTTP otherwise.
    package var tls: TLS?
    /// Headers added to every response.
    package var headers: [(name: String, value: String)] = []
    /// bcrypt hashes by user name; empty means no authentication.
    package var users: [String: String] = [:]

    package static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.path == rhs.path && lhs.tls == rhs.tls && lhs.users == rhs.users
            && lhs.headers.map(\.name) == rhs.headers.map(\.name)
            && lhs.headers.map(\.value) == rhs.headers.map(\.value)
    }

    static let sections = ["tls_server_config", "http_server_config", "basic_auth_users"]
    static let tlsKeys = [
        "cert_file", "key_file", "client_auth_type", "client_ca_file", "min_version", "max_version", "cipher_suites",
        "curve_preferences", "prefer_server_cipher_suites",
    ]

    /// Reads and checks the file.
    /// - Throws: ``ConfigurationErrors`` with every mistake, each with its line and column.
    package static func load(contentsOf path: String) throws(ConfigurationErrors) -> WebConfigFile {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigurationErrors([
                ConfigurationError(.unreadableFile, file: path, line: 0, column: 0, message: "cannot read: \(error)")
            ])
        }
        return try WebConfigFile(yaml: text, path: path)
    }

    /// Parses and checks web configuration text; `path` names it in errors and anchors its relative file names.
    package init(yaml: String, path: String) throws(ConfigurationErrors) {
        self.path = path
        var decoder = ConfigurationDecoder(file: path, text: yaml)
        let document: Node?
        do {
            document = try Yams.compose(yaml: yaml)
        } catch {
            decoder.reportYAMLError(error)
            throw ConfigurationErrors(decoder.errors)
        }
        guard let root = decoder.rootMapping(document, keys: Self.sections) else {
            throw ConfigurationErrors(decoder.errors)
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        func resolve(_ file: String) -> String {
            file.hasPrefix("/") ? file : folder.appendingPathComponent(file).path
        }
        if let field = root["tls_server_config"], let mapping = decoder.mapping(field, keys: Self.tlsKeys),
            !mapping.fields.isEmpty
        {
            let cert = mapping["cert_file"].flatMap { decoder.scalar($0) }
            let key = mapping["key_file"].flatMap { decoder.scalar($0) }
            if cert == nil || key == nil {
                for missing in ["cert_file", "key_file"] where mapping[missing] == nil {
                    decoder.reportMissing(missing, in: mapping)
                }
            }
            var tls = TLS(certFile: resolve(cert ?? ""), keyFile: resolve(key ?? ""))
            if let field = mapping["client_auth_type"] {
                tls.clientAuth = decoder.named(field, ClientAuth.self) ?? tls.clientAuth
            }
            if let field = mapping["client_ca_file"], let file = decoder.scalar(field) {
                tls.clientCAFile = resolve(file)
            }
            if let field = mapping["min_version"] {
                tls.minVersion = decoder.named(field, TLSVersion.self) ?? tls.minVersion
            }
            if let field = mapping["max_version"] {
                tls.maxVersion = decoder.named(field, TLSVersion.self)
            }
            if let max = tls.maxVersion, max < tls.minVersion, let field = mapping["max_version"] {
                decoder.report(
                    .invalidValue, at: field.valuePosition,
                    "\(field.path): \(max.rawValue) is below min_version \(tls.minVersion.rawValue)")
            }
            let verifying: Set<ClientAuth> = [.verifyClientCertIfGiven, .requireAndVerifyClientCert]
            if verifying.contains(tls.clientAuth), tls.clientCAFile == nil, let field = mapping["client_auth_type"] {
                decoder.report(
                    .missingKey, at: field.valuePosition,
                    "\(field.path): \(tls.clientAuth.rawValue) needs client_ca_file, the CA that signs client certificates"
                )
            }
            if let field = mapping["cipher_suites"],
                let items = decoder.list(field, expected: "a list of cipher suite names")
            {
                tls.cipherSuites = items.compactMap { decoder.named($0, CipherSuite.self) }
            }
            if let field = mapping["curve_preferences"], let items = decoder.list(field, expected: "a list of curves") {
                tls.curves = items.compactMap { decoder.named($0, Curve.self) }
            }
            if cert != nil, key != nil { self.tls = tls }
        }
        if let field = root["http_server_config"], let mapping = decoder.mapping(field, keys: ["headers", "http2"]) {
            if let headers = mapping["headers"], let entries = decoder.entries(headers) {
                for (name, value) in entries {
                    guard let text = decoder.scalar(value) else { continue }
                    self.headers.append((name, text))
                }
            }
        }
        if let field = root["basic_auth_users"], let entries = decoder.entries(field) {
            for (user, value) in entries {
                guard let hash = decoder.scalar(value, expected: "a bcrypt hash") else { continue }
                guard BasicAuthUsers.isBcrypt(hash) else {
                    decoder.report(
                        .invalidValue, at: value.valuePosition,
                        "\(value.path): not a bcrypt hash ($2a$, $2b$ or $2y$, as htpasswd -B writes)")
                    continue
                }
                users[user] = hash
            }
        }
        guard decoder.errors.isEmpty else { throw ConfigurationErrors(decoder.errors) }
    }
}

extension ConfigurationDecoder {
    /// One of an enumeration's raw values, or `nil` after reporting the ones allowed.
    mutating func named<Value: RawRepresentable & CaseIterable>(
        _ field: ConfigurationField, _ type: Value.Type
    ) -> Value?
    where Value.RawValue == String {
        guard let text = scalar(field) else { return nil }
        if let value = Value(rawValue: text) { return value }
        let names = Value.allCases.map(\.rawValue).joined(separator: ", ")
        report(
            .invalidValue, at: field.valuePosition, "\(field.path): expected one of \(names), got \(Self.quoted(text))")
        return nil
    }
}
