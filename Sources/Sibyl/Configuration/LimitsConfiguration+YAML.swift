import SibylWire

extension LimitsConfiguration: ConfigurationSection {
    static let keys = [
        "max_series", "max_bytes", "max_samples_per_series", "max_samples_per_read", "max_labels_per_series",
        "max_label_bytes_per_series", "max_frame_bytes",
    ]

    mutating func decode(_ mapping: ConfigurationMapping, with decoder: inout ConfigurationDecoder) {
        if let field = mapping["max_series"] {
            maxSeries = decoder.integer(field, in: 1...Int.max) ?? maxSeries
        }
        if let field = mapping["max_bytes"] {
            maxBytes = decoder.byteSize(field).map { Int(clamping: $0.bytes) } ?? maxBytes
        }
        if let field = mapping["max_samples_per_series"] {
            read.samplesPerSeries = decoder.integer(field, in: 1...Int.max) ?? read.samplesPerSeries
        }
        if let field = mapping["max_samples_per_read"] {
            read.samplesPerRead = decoder.integer(field, in: 1...Int.max) ?? read.samplesPerRead
        }
        if let field = mapping["max_labels_per_series"] {
            read.labelsPerSeries = decoder.integer(field, in: 1...Int.max) ?? read.labelsPerSeries
        }
        if let field = mapping["max_label_bytes_per_series"] {
            read.labelBytesPerSeries =
                decoder.byteSize(field).map { Int(clamping: $0.bytes) } ?? read.labelBytesPerSeries
        }
        if let field = mapping["max_frame_bytes"] {
            maxFrameBytes = decoder.byteSize(field).map { Int(clamping: $0.bytes) } ?? maxFrameBytes
        }
    }
}
