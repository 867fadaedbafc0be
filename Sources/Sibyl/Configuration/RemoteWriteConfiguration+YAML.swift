import Foundation

extension RemoteWriteConfiguration {
    /// The keys of one entry of the `remote_write` list.
    static let keys = ["url", "name", "timeout", "protocol", "queue"] + HTTPClientSettings.keys
    /// The keys of an entry's `queue`.
    static let queueKeys = [
        "max_samples_per_send", "batch_send_deadline", "min_backoff", "max_backoff", "max_backlog",
    ]
}

extension ConfigurationDecoder {
    /// The `remote_write` list: each entry a mapping with a `url` and optional settings; names (the URL when no
    /// `name` is given) must be unique, since each keeps its own cursor in the archive.
    /// - Parameter field: the `remote_write` field, if present (absent or empty means none).
    /// - Returns: the entries that are valid.
    mutating func remoteWrite(_ field: ConfigurationField?) -> [RemoteWriteConfiguration] {
        guard let field, !field.isNull,
            let elements = list(field, expected: "a list of remote-write endpoints, each a mapping with a url")
        else { return [] }
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent()
        var endpoints: [RemoteWriteConfiguration] = []
        var firstLines: [String: Int] = [:]
        for (index, element) in elements.enumerated() {
            let entry = ConfigurationField(
                path: "\(field.path)[\(index)]", keyPosition: element.keyPosition, value: element.value)
            guard let mapping = mapping(entry, keys: RemoteWriteConfiguration.keys) else { continue }
            guard let urlField = mapping["url"] else {
                reportMissing("url", in: mapping)
                continue
            }
            guard let url = httpURL(urlField) else { continue }
            var endpoint = RemoteWriteConfiguration(url: url)
            if let nameField = mapping["name"], let name = scalar(nameField, expected: "a name such as vm") {
                if name.isEmpty || name.count > 128 {
                    report(.invalidValue, at: nameField.valuePosition, "\(nameField.path): 1 to 128 characters")
                } else {
                    endpoint.name = name
                }
            }
            if let timeout = mapping["timeout"] {
                endpoint.timeout = positiveDuration(timeout) ?? endpoint.timeout
            }
            if let version = mapping["protocol"] {
                endpoint.protocolVersion =
                    choice(version, ["v1": .v1, "v2": .v2, "auto": .auto]) ?? endpoint.protocolVersion
            }
            if let queue = mapping["queue"],
                let queueMapping = self.mapping(queue, keys: RemoteWriteConfiguration.queueKeys)
            {
                decodeQueue(queueMapping, into: &endpoint.queue)
            }
            endpoint.client.decode(mapping, folder: folder, with: &self)
            let position = (mapping["name"] ?? urlField).valuePosition
            if let first = firstLines[endpoint.name] {
                report(
                    .duplicateValue, at: position,
                    "\(entry.path): duplicate endpoint \(Self.quoted(endpoint.name)) (first on line \(first)); "
                        + "give each a different name")
                continue
            }
            firstLines[endpoint.name] = entry.valuePosition.line
            endpoints.append(endpoint)
        }
        return endpoints
    }

    private mutating func decodeQueue(_ mapping: ConfigurationMapping, into queue: inout RemoteWriteConfiguration.Queue)
    {
        if let field = mapping["max_samples_per_send"] {
            queue.maxSamplesPerSend = integer(field, in: 1...1_000_000) ?? queue.maxSamplesPerSend
        }
        if let field = mapping["batch_send_deadline"] {
            queue.batchSendDeadline = positiveDuration(field) ?? queue.batchSendDeadline
        }
        if let field = mapping["min_backoff"] {
            queue.minBackoff = positiveDuration(field) ?? queue.minBackoff
        }
        if let field = mapping["max_backoff"] {
            queue.maxBackoff = positiveDuration(field) ?? queue.maxBackoff
        }
        if let field = mapping["max_backlog"] {
            queue.maxBacklog = positiveDuration(field) ?? queue.maxBacklog
        }
        if queue.minBackoff.milliseconds > queue.maxBackoff.milliseconds {
            report(
                .invalidValue,
                at: (mapping["min_backoff"] ?? mapping["max_backoff"])?.valuePosition ?? mapping.position,
                "\(mapping.path): min_backoff (\(queue.minBackoff)) is longer than max_backoff (\(queue.maxBackoff))")
        }
    }
}
