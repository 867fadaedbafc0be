extension LimitsConfiguration: ConfigurationSection {
    static let keys = ["max_series"]

    mutating func decode(_ mapping: ConfigurationMapping, with decoder: inout ConfigurationDecoder) {
        if let field = mapping["max_series"] {
            maxSeries = decoder.integer(field, in: 1...Int.max) ?? maxSeries
        }
    }
}
