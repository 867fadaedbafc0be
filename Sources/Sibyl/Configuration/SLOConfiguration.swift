/// How the error budgets are exposed besides Sibyl's own `sibyl_slo_*` families (the `slo` section).
package struct SLOConfiguration: Sendable, Hashable {
    /// Whether every budgeted objective's indicator, burn rates and budget are also exposed under the names and
    /// labels of Sloth's recording rules (`slo:sli_error:ratio_rate5m`, `sloth_slo_info`, …), so that Sloth's
    /// Grafana dashboards work on Sibyl (default `false`).
    package var slothCompatible: Bool
    /// Sloth's `service`: the `sloth_service` label, and the first part of `sloth_id` (default `sibyl`).
    package var slothService: String

    /// Creates an SLO configuration.
    /// - Parameters:
    ///   - slothCompatible: whether to expose Sloth's series too.
    ///   - slothService: their `sloth_service`.
    package init(slothCompatible: Bool = false, slothService: String = "sibyl") {
        self.slothCompatible = slothCompatible
        self.slothService = slothService
    }
}
