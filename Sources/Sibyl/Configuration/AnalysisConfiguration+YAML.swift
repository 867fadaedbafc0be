import SibylAnalysis

extension AnalysisConfiguration: ConfigurationSection {
    static let keys = ["stationarity", "acf", "seasonality", "histograms"]

    mutating func decode(_ mapping: ConfigurationMapping, with decoder: inout ConfigurationDecoder) {
        if let field = mapping["stationarity"],
            let section = decoder.mapping(field, keys: ["regression", "autolag", "max_lag", "alpha"])
        {
            decodeStationarity(section, with: &decoder)
        }
        if let field = mapping["acf"], let section = decoder.mapping(field, keys: ["exported_lags"]),
            let lags = section["exported_lags"]
        {
            exportedLags = decoder.integer(lags, in: 0...10_000) ?? exportedLags
        }
        if let field = mapping["histograms"], let section = decoder.mapping(field, keys: ["quantiles", "thresholds"]) {
            if let field = section["quantiles"], let items = decoder.list(field, expected: "a list of quantiles") {
                histogramQuantiles = Array(Set(items.compactMap { decoder.number($0, in: .openUnit) })).sorted()
            }
            if let field = section["thresholds"], let items = decoder.list(field, expected: "a list of numbers") {
                histogramThresholds = Array(Set(items.compactMap { decoder.number($0, in: .finite) })).sorted()
            }
        }
        if let field = mapping["seasonality"], let section = decoder.mapping(field, keys: ["period", "stride"]) {
            if let period = section["period"] {
                seasonalPeriod = decoder.integer(period, in: 2...100_000) ?? seasonalPeriod
            }
            if let stride = section["stride"] {
                seasonalStride = decoder.integer(stride, in: 1...100_000) ?? seasonalStride
            }
        }
    }

    private mutating func decodeStationarity(_ section: ConfigurationMapping, with decoder: inout ConfigurationDecoder)
    {
        if let field = section["regression"] {
            regression =
                decoder.choice(
                    field, ["n": .noConstant, "c": .constant, "ct": .constantTrend, "ctt": .constantQuadraticTrend])
                ?? regression
        }
        if let field = section["autolag"] {
            lagSelection =
                decoder.choice(field, ["aic": .aic, "bic": .bic, "t-stat": .tStatistic, "none": .fixed])
                ?? lagSelection
        }
        if let field = section["max_lag"] {
            maximumLag = decoder.integer(field, in: 0...10_000) ?? maximumLag
        }
        if lagSelection == .fixed, maximumLag == nil, let field = section["autolag"] {
            decoder.report(
                .missingKey, at: field.valuePosition,
                "\(section.path): autolag none tests at max_lag exactly, so max_lag is required")
        }
        if let field = section["alpha"] {
            stationarityAlpha = decoder.number(field, in: .openUnit) ?? stationarityAlpha
        }
    }
}
