extension ShardingConfiguration: ConfigurationSection {
    static let keys = ["count", "index", "source_labels", "refresh_interval"]

    mutating func decode(_ mapping: ConfigurationMapping, with decoder: inout ConfigurationDecoder) {
        if let field = mapping["count"] {
            count = decoder.integer(field, in: 1...Int(Int32.max)) ?? count
        }
        if let field = mapping["index"], let value = decoder.integer(field, in: 0...Int(Int32.max)) {
            if value < count {
                index = value
            } else {
                decoder.report(
                    .invalidValue, at: field.valuePosition,
                    "\(field.path): must be less than sharding.count (\(count)), got \(value)")
            }
        }
        if let field = mapping["source_labels"], let elements = decoder.list(field, expected: "a list of label names") {
            var names: [String] = []
            for element in elements {
                guard let name = decoder.scalar(element, expected: "a label name") else { continue }
                if name.isEmpty {
                    decoder.report(
                        .invalidValue, at: element.valuePosition, "\(field.path): a label name must not be empty")
                } else {
                    names.append(name)
                }
            }
            if elements.isEmpty {
                decoder.report(.invalidValue, at: field.valuePosition, "\(field.path): name at least one label")
            } else if names.count == elements.count {
                sourceLabels = names
            }
        }
        if let field = mapping["refresh_interval"] {
            refreshInterval = decoder.positiveDuration(field) ?? refreshInterval
        }
    }
}
