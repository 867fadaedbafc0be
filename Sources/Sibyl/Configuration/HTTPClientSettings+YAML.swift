import Foundation

extension HTTPClientSettings {
    /// The keys this adds to a section.
    static let keys = ["headers", "basic_auth", "authorization", "tls_config"]
    /// Headers Sibyl sets itself, which `headers` may not replace (as Prometheus refuses them in `remote_read`).
    static let reservedHeaders: Set<String> = [
        "authorization", "host", "content-encoding", "content-length", "content-type", "user-agent", "connection",
        "keep-alive", "proxy-authenticate", "proxy-authorization", "www-authenticate", "accept-encoding",
        "x-prometheus-remote-read-version", "x-prometheus-remote-write-version", "retry-after", "transfer-encoding",
        "upgrade", "te",
    ]

    /// Reads the keys from a section's mapping; paths are resolved against `folder`.
    mutating func decode(_ mapping: ConfigurationMapping, folder: URL, with decoder: inout ConfigurationDecoder) {
        if let field = mapping["headers"], let entries = decoder.entries(field) {
            for (name, value) in entries {
                guard let text = decoder.scalar(value) else { continue }
                guard !Self.reservedHeaders.contains(name.lowercased()) else {
                    decoder.report(
                        .invalidValue, at: value.keyPosition,
                        "\(value.path): Sibyl sets this header itself (use basic_auth or authorization for credentials)"
                    )
                    continue
                }
                headers[name] = text
            }
        }
        func secret(_ mapping: ConfigurationMapping, _ inline: String, _ file: String) -> Secret? {
            switch (mapping[inline], mapping[file]) {
            case (let field?, nil): return decoder.scalar(field).map(Secret.inline)
            case (nil, let field?):
                return decoder.scalar(field, expected: "a file path").map { .file(Self.resolve($0, in: folder)) }
            case (_?, let field?):
                decoder.report(.invalidValue, at: field.keyPosition, "\(mapping.path): \(inline) and \(file) both set")
                return nil
            case (nil, nil): return nil
            }
        }
        if let field = mapping["basic_auth"],
            let auth = decoder.mapping(field, keys: ["username", "password", "password_file"])
        {
            if let user = auth["username"].flatMap({ decoder.scalar($0) }) {
                basicAuth = BasicAuth(
                    username: user, password: secret(auth, "password", "password_file") ?? .inline(""))
            } else {
                decoder.reportMissing("username", in: auth)
            }
        }
        if let field = mapping["authorization"],
            let auth = decoder.mapping(field, keys: ["type", "credentials", "credentials_file"])
        {
            let type = auth["type"].flatMap { decoder.scalar($0) } ?? "Bearer"
            if type.lowercased() == "basic", let field = auth["type"] {
                decoder.report(
                    .invalidValue, at: field.valuePosition, "\(field.path): use basic_auth for the Basic scheme")
            }
            if let credentials = secret(auth, "credentials", "credentials_file") {
                authorization = Authorization(type: type, credentials: credentials)
            } else {
                decoder.report(.missingKey, at: auth.position, "\(auth.path): credentials or credentials_file needed")
            }
            if basicAuth != nil {
                decoder.report(
                    .invalidValue, at: field.keyPosition, "\(mapping.path): basic_auth and authorization both set")
            }
        }
        if let field = mapping["tls_config"],
            let tlsMapping = decoder.mapping(
                field, keys: ["ca_file", "cert_file", "key_file", "insecure_skip_verify", "min_version"])
        {
            var tls = TLS()
            func path(_ key: String) -> String? {
                tlsMapping[key].flatMap { decoder.scalar($0, expected: "a file path") }.map {
                    Self.resolve($0, in: folder)
                }
            }
            tls.caFile = path("ca_file")
            tls.certFile = path("cert_file")
            tls.keyFile = path("key_file")
            if let field = tlsMapping["insecure_skip_verify"] {
                tls.insecureSkipVerify = decoder.choice(field, ["false": false, "true": true]) ?? false
            }
            if let field = tlsMapping["min_version"] {
                tls.minVersion = decoder.named(field, WebConfigFile.TLSVersion.self) ?? tls.minVersion
            }
            if (tls.certFile == nil) != (tls.keyFile == nil) {
                decoder.report(
                    .missingKey, at: tlsMapping.position, "\(tlsMapping.path): cert_file and key_file go together")
            }
            self.tls = tls
        }
    }

    private static func resolve(_ path: String, in folder: URL) -> String {
        path.hasPrefix("/") ? path : folder.appendingPathComponent(path).path
    }
}
