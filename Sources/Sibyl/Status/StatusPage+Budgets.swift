import Foundation

extension StatusPage {
    /// The error-budget table of the objectives section: per objective with a target, the budget left of its worst
    /// group (in red, and `spent`, once overspent), that group's 1 h and 6 h burn rates, and when its budget runs out
    /// on each basis (``ErrorBudgetReport``). Empty when no objective shown has a budget report.
    /// - Parameter objectives: the objectives in the table.
    /// - Returns: the table's HTML.
    static func budgetsTable(_ objectives: [ObjectiveSummary]) -> String {
        let budgeted = objectives.compactMap { objective in objective.budget.map { (objective.name, $0) } }
        guard !budgeted.isEmpty else { return "" }
        var html = """
            <h3 id="budgets">Error budgets</h3>
            <div class="scroll"><table class="budgets">
            <thead><tr><th>Objective</th><th>Target</th><th>Budget left</th><th>Burn rate 1h</th>\
            <th>Burn rate 6h</th><th>Budget exhausted in</th></tr></thead>
            <tbody>

            """
        for (name, report) in budgeted {
            html += budgetRow(name, report)
        }
        return html + "</tbody></table></div>\n"
    }

    private static func budgetRow(_ name: String, _ report: ErrorBudgetReport) -> String {
        let escaped = HTMLText.escape(name)
        let target =
            "\(percent(report.target, digits: 3)) over \(ErrorBudgetSeries.windowLabel(report.period.milliseconds))"
        guard let worst = report.worstGroup, let remaining = worst.remaining else {
            return """
                <tr id="budget-\(escaped)"><td class="name">\(escaped)</td><td class="num">\(target)</td>\
                <td colspan="4" class="muted">no events yet</td></tr>

                """
        }
        let group =
            report.groups.count > 1
            ? "<br><span class=\"muted\">\(HTMLText.escape(seriesName(worst.labels))), worst of "
                + "\(report.groups.count)</span>" : ""
        let left =
            remaining > 0
            ? percent(remaining, digits: 1) : "<span class=\"error\">\(percent(remaining, digits: 1))</span>"
        return """
            <tr id="budget-\(escaped)"><td class="name">\(escaped)</td><td class="num">\(target)</td>\
            <td class="num">\(left)\(group)</td>\
            <td class="num">\(burnRate(worst.window(3_600_000)?.burnRate))</td>\
            <td class="num">\(burnRate(worst.window(21_600_000)?.burnRate))</td>\
            <td>\(remaining > 0 ? exhaustion(worst) : "<span class=\"error\">spent</span>")</td></tr>

            """
    }

    /// `99.9 %`: a share as a percentage, with up to `digits` decimals and no trailing zeros.
    static func percent(_ share: Double, digits: Int) -> String {
        var text = String(format: "%.\(digits)f", share * 100)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text.replacingOccurrences(of: "-", with: "−") + " %"
    }

    /// A burn rate to two decimals, `—` without events.
    static func burnRate(_ rate: Double?) -> String {
        rate.map { String(format: "%.2f", $0) } ?? "—"
    }

    /// `3d2h at the period's rate, 1d4h by the trend`; `not within the period` when neither basis runs out.
    static func exhaustion(_ group: ErrorBudgetReport.Group) -> String {
        var parts: [String] = []
        if let eta = group.periodEtaSeconds {
            parts.append("<b class=\"eta\">\(duration(eta))</b> at the period's rate")
        }
        if let eta = group.forecastEtaSeconds {
            parts.append("<b class=\"eta\">\(duration(eta))</b> by the 6h trend")
        }
        return parts.isEmpty ? "<span class=\"muted\">not within the period</span>" : parts.joined(separator: ", ")
    }
}
