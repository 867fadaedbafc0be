extension ForecastConfiguration: ConfigurationSection {
    static let keys = ["selectors", "horizon", "season_length", "interval", "level"]

    mutating func decode(_ mapping: ConfigurationMapping, with decoder: inout ConfigurationDecoder) {
        if let field = mapping["selectors"] {
            selectors = decoder.selectorList(field, requireOne: false)
        }
        if let field = mapping["horizon"] {
            horizon = decoder.positiveDuration(field) ?? horizon
        }
        if let field = mapping["season_length"] {
            seasonLength = decoder.integer(field, in: 2...10_000) ?? seasonLength
        }
        if let field = mapping["interval"] {
            interval = decoder.positiveDuration(field) ?? interval
        }
        if let field = mapping["level"] {
            level = decoder.number(field, in: .openUnit) ?? level
        }
    }
}
