import Foundation

/// An objective's error budget as the status API shows it (`budget`), for `sibyl slo status`.
struct ObjectiveBudgetView: Decodable {
    struct Group: Decodable {
        struct Window: Decodable {
            var window: String
            var sli: Double?
            var burnRate: Double?

            private enum CodingKeys: String, CodingKey {
                case window, sli
                case burnRate = "burn_rate"
            }
        }

        struct Exhaustion: Decodable {
            var period: Double?
            var forecast: Double?
        }

        var labels: [String: String]
        var windows: [Window]
        var remaining: Double?
        var etaSeconds: Exhaustion?

        private enum CodingKeys: String, CodingKey {
            case labels, windows, remaining
            case etaSeconds = "eta_seconds"
        }
    }

    var target: Double
    var period: String
    var groups: [Group]

    /// The windows whose burn rates are shown: the SRE workbook's page and ticket windows, then the period.
    var shownWindows: [String] {
        let alerting = ["5m", "1h", "6h", "1d", "3d"]
        return alerting.contains(period) ? alerting : alerting + [period]
    }

    /// A heading line, a table of the budget left and the burn rate of each window per group, and one of the
    /// exhaustion ETAs. A metric name all groups share is left out of their names, to keep the tables narrow.
    var text: String {
        let text = "error budget: target \(Self.percent(target)) over \(period)\n"
        guard !groups.isEmpty else { return text + "no events yet\n" }
        let names = Set(groups.map { $0.labels["__name__"] })
        var rates = ObjectivesTable(header: ["GROUP", "LEFT"] + shownWindows)
        var etas = ObjectivesTable(header: ["GROUP", "ETA_AT_PERIOD_RATE", "ETA_BY_6H_TREND"])
        for group in groups {
            let labels = names.count == 1 ? group.labels.filter { $0.key != "__name__" } : group.labels
            let name = labels.isEmpty ? "-" : ObjectiveStatusView.render(labels)
            rates.rows.append(
                [name, group.remaining.map(Self.percent) ?? "-"]
                    + shownWindows.map { label in
                        group.windows.first { $0.window == label }?.burnRate.map { String(format: "%.2f", $0) } ?? "-"
                    })
            etas.rows.append([
                name, group.etaSeconds?.period.map(Self.duration) ?? "-",
                group.etaSeconds?.forecast.map(Self.duration) ?? "-",
            ])
        }
        return text + "budget left and burn rate per window:\n" + rates.text + "\n" + etas.text
    }

    /// A share as a percentage with up to three decimals: `99.9 %`, `-12.5 %`.
    static func percent(_ share: Double) -> String {
        var text = String(format: "%.3f", share * 100)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text + " %"
    }

    /// Seconds as their two largest units, the second left out when 0: `12d3h`, `5h20m`, `4m10s`, `1d`, `0s`.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "-" }
        let total = Int64(max(0, seconds).rounded())
        let units: [(unit: String, length: Int64)] = [("d", 86_400), ("h", 3600), ("m", 60), ("s", 1)]
        guard let first = units.firstIndex(where: { total >= $0.length }) else { return "0s" }
        var text = "\(total / units[first].length)\(units[first].unit)"
        if first + 1 < units.count {
            let count = total % units[first].length / units[first + 1].length
            if count > 0 { text += "\(count)\(units[first + 1].unit)" }
        }
        return text
    }
}
