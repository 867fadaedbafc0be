extension WebConfiguration: ConfigurationSection {
    static let keys = [
        "listen_address", "telemetry_path", "admin_token_file", "remote_read_sample_limit", "remote_read_max_bytes",
        "remote_read_concurrent_limit", "idle_timeout", "max_connections", "query_timeout",
    ]

    mutating func decode(_ mapping: ConfigurationMapping, with decoder: inout ConfigurationDecoder) {
        if let field = mapping["listen_address"],
            let text = decoder.scalar(field, expected: "an address such as \":9798\"")
        {
            if let address = ListenAddress(parsing: text) {
                listenAddress = address
            } else {
                decoder.report(
                    .invalidValue, at: field.valuePosition,
                    "\(field.path): not a listen address: \(ConfigurationDecoder.quoted(text)) "
                        + "(use host:port, :port or [ipv6]:port, e.g. \":9798\")")
            }
        }
        if let field = mapping["telemetry_path"], let path = decoder.scalar(field, expected: "a path such as /metrics")
        {
            if Self.isValidTelemetryPath(path) {
                telemetryPath = path
            } else {
                decoder.report(
                    .invalidValue, at: field.valuePosition,
                    "\(field.path): must start with \"/\" and hold no space, \"?\" or \"#\", got "
                        + ConfigurationDecoder.quoted(path))
            }
        }
        if let field = mapping["admin_token_file"],
            let text = decoder.scalar(field, expected: "a file path such as /etc/sibyl/admin-token")
        {
            if text.isEmpty {
                decoder.report(.invalidValue, at: field.valuePosition, "\(field.path): must be a file path")
            } else {
                adminTokenFile = text
            }
        }
        if let field = mapping["remote_read_sample_limit"] {
            remoteReadSampleLimit = decoder.integer(field, in: 0...Int.max) ?? remoteReadSampleLimit
        }
        if let field = mapping["remote_read_max_bytes"] {
            remoteReadMaxBytes = decoder.byteSize(field) ?? remoteReadMaxBytes
        }
        if let field = mapping["query_timeout"] {
            queryTimeout = decoder.positiveDuration(field) ?? queryTimeout
        }
        if let field = mapping["idle_timeout"] {
            idleTimeout = decoder.positiveDuration(field) ?? idleTimeout
        }
        if let field = mapping["max_connections"] {
            maxConnections = decoder.integer(field, in: 1...1_000_000) ?? maxConnections
        }
        if let field = mapping["remote_read_concurrent_limit"] {
            remoteReadConcurrentLimit = decoder.integer(field, in: 0...10_000) ?? remoteReadConcurrentLimit
        }
    }
}
