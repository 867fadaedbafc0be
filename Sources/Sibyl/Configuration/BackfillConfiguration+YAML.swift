extension BackfillConfiguration: ConfigurationSection {
    static let keys = ["range", "analyses"]

    mutating func decode(_ mapping: ConfigurationMapping, with decoder: inout ConfigurationDecoder) {
        if let field = mapping["range"], let value = decoder.duration(field) {
            if let retention = decoder.archiveRetention, value.milliseconds > retention.milliseconds {
                decoder.report(
                    .invalidValue, at: field.valuePosition,
                    "\(field.path): \(value) is longer than archive.retention (\(retention)): the archive would "
                        + "delete the backfilled cycles as it writes them")
            } else {
                range = value
            }
        }
        if let field = mapping["analyses"] {
            analyses = decoder.choice(field, ["false": false, "true": true]) ?? analyses
        }
    }
}
