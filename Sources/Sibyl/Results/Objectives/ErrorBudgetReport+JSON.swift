import SibylWire

/// The `budget` section of an objective's status (`GET /api/v1/objectives/{name}/status`):
///
/// ```json
/// {"target": 0.99, "period": "30d", "groups": [{"labels": {"job": "api"},
///   "windows": [{"window": "5m", "sli": 0.995, "burn_rate": 0.5}, …],
///   "remaining": 0.4, "eta_seconds": {"period": 1728000, "forecast": 864000}}]}
/// ```
///
/// Values that do not exist (a window without events, a budget outlasting the period) are left out.
extension ErrorBudgetReport: Encodable {
    private enum CodingKeys: String, CodingKey {
        case target, period, groups
    }

    private enum GroupKeys: String, CodingKey {
        case labels, windows, remaining
        case etaSeconds = "eta_seconds"
    }

    private enum WindowKeys: String, CodingKey {
        case window, sli
        case burnRate = "burn_rate"
    }

    private enum BasisKeys: String, CodingKey {
        case period, forecast
    }

    /// Encodes the report, windows as `window` labels (`5m`, `30d`).
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(target, forKey: .target)
        try container.encode(ErrorBudgetSeries.windowLabel(period.milliseconds), forKey: .period)
        var groups = container.nestedUnkeyedContainer(forKey: .groups)
        for group in self.groups {
            var encoded = groups.nestedContainer(keyedBy: GroupKeys.self)
            try encoded.encode(group.labels.dictionary, forKey: .labels)
            var windows = encoded.nestedUnkeyedContainer(forKey: .windows)
            for window in group.windows {
                var entry = windows.nestedContainer(keyedBy: WindowKeys.self)
                try entry.encode(window.label, forKey: .window)
                try entry.encodeIfPresent(Self.finite(window.sli), forKey: .sli)
                try entry.encodeIfPresent(Self.finite(window.burnRate), forKey: .burnRate)
            }
            try encoded.encodeIfPresent(Self.finite(group.remaining), forKey: .remaining)
            let period = Self.finite(group.periodEtaSeconds)
            let forecast = Self.finite(group.forecastEtaSeconds)
            if period != nil || forecast != nil {
                var eta = encoded.nestedContainer(keyedBy: BasisKeys.self, forKey: .etaSeconds)
                try eta.encodeIfPresent(period, forKey: .period)
                try eta.encodeIfPresent(forecast, forKey: .forecast)
            }
        }
    }

    /// `value` when it is finite (JSON has no NaN or infinity).
    private static func finite(_ value: Double?) -> Double? { value.flatMap { $0.isFinite ? $0 : nil } }
}
