import SibylAnalysis
package import SibylWire

/// Turns time-series metadata into the `sibyl_adf_*`, `sibyl_stationary`, `sibyl_acf` and `sibyl_seasonal_*`
/// families, keeping each source series' labels (``SourceLabels``).
package struct MetadataSeries: Sendable {
    /// The p-value below which `sibyl_stationary` is 1.
    package let alpha: Double
    /// The ACF lags exposed, from 1.
    package let exportedLags: Int

    /// Creates a builder.
    /// - Parameters:
    ///   - alpha: the stationarity threshold on the ADF p-value.
    ///   - exportedLags: how many ACF lags are exposed.
    package init(alpha: Double, exportedLags: Int) {
        self.alpha = alpha
        self.exportedLags = exportedLags
    }

    /// Builds the families of one metadata run.
    /// - Parameter results: per series, its metadata.
    /// - Returns: the families (empty ones included; the writer leaves them out).
    package func families(for results: [SeriesMetadataResult]) -> [MetricFamily] {
        typealias Families = MetadataFamilies
        var families = Dictionary(uniqueKeysWithValues: Families.all.map { ($0, $0.family()) })
        func add(_ family: FamilyDescriptor, _ labels: RenderedLabels?, _ value: Double) {
            guard let labels else { return }
            families[family]?.append(labels, value)
        }
        for result in results {
            guard let metadata = result.metadata else { continue }
            let base = SourceLabels.base(result.labels)
            guard let plain = try? RenderedLabels(base) else { continue }
            if case .success(let adf) = metadata.stationarity {
                add(Families.adfStatistic, plain, adf.statistic)
                add(Families.adfPValue, plain, adf.pValue)
                add(Families.adfUsedLags, plain, Double(adf.usedLag))
                add(Families.adfObservations, plain, Double(adf.observationCount))
                add(Families.stationary, plain, adf.pValue < alpha ? 1 : 0)
                if let criterion = adf.bestInformationCriterion {
                    add(Families.adfInformationCriterion, plain, criterion)
                }
                let critical = adf.criticalValues
                let levels = SourceLabels.blocks(base, "level", ["1%", "5%", "10%"]) ?? []
                for (labels, value) in zip(levels, [critical.onePercent, critical.fivePercent, critical.tenPercent]) {
                    add(Families.adfCriticalValue, labels, value)
                }
            }
            if case .success(let acf) = metadata.autocorrelation {
                let lags = min(exportedLags, acf.lagCount)
                if lags > 0, let blocks = SourceLabels.blocks(base, "lag", (1...lags).map(String.init)) {
                    for (lag, labels) in blocks.enumerated() { add(Families.acf, labels, acf.values[lag + 1]) }
                }
            }
            if case .success(let seasonality) = metadata.seasonality {
                let cycle = seasonality.decomposition.seasonalCycle
                if let blocks = SourceLabels.blocks(base, "phase", cycle.indices.map(String.init)) {
                    for (phase, labels) in blocks.enumerated() { add(Families.seasonalComponent, labels, cycle[phase]) }
                }
                if let strength = seasonality.decomposition.strength { add(Families.seasonalStrength, plain, strength) }
            }
        }
        return Families.all.compactMap { families[$0] }
    }
}
