package import SibylAnalysis
package import SibylWire

/// The budgeted objectives' histories under Sloth's recording-rule names and labels (``SlothFamilies``), for
/// `slo.sloth_compatible`: the values Sloth's rules would record, per objective and indicator group, at a judgement.
///
/// - `slo:sli_error:ratio_rate<window>`: the window's bad events over all (Sloth's `errors / total` rate ratio), for
///   the budget windows 5m … 3d. For the period, Sloth's optimised rule: the mean, over the period's cycles, of each
///   cycle's 5m error ratio (``SLIHistory/meanErrorRatio(endingAt:length:window:)``), not the period's own ratio. A
///   period equal to a budget window gives that name this mean.
/// - `slo:objective:ratio`, `slo:error_budget:ratio` (1 − target) and `slo:time_period:days` per objective;
///   `slo:current_burn_rate:ratio` (the 5m ratio over the budget ratio, `sloth_window="5m"`),
///   `slo:period_burn_rate:ratio` and `slo:period_error_budget_remaining:ratio` (1 − the period burn rate,
///   `sloth_window` the period's) per group, as Sloth's `group_left` division keeps the left side's labels.
/// - `sloth_slo_info`, 1 per objective.
///
/// A window without events has no value (Sloth's rule would give NaN, and its period mean would be NaN for a
/// period). A group's labels are kept (a range objective's as its `sibyl_slo_*` series carry them); one named like
/// a Sloth label becomes `exported_<name>`.
package struct SlothSeries: Sendable {
    /// Sloth's `service`: `sloth_service`, and the start of `sloth_id`.
    package let service: String
    /// The `sloth_version` of `sloth_slo_info`.
    package let version: String

    /// Creates a builder.
    /// - Parameters:
    ///   - service: Sloth's service.
    ///   - version: the version the info series names.
    package init(service: String, version: String = SibylVersion.version) {
        self.service = service
        self.version = version
    }

    /// The builder `configuration` asks for, `nil` when it does not.
    package init?(_ configuration: SLOConfiguration) {
        guard configuration.slothCompatible else { return nil }
        self.init(service: configuration.slothService)
    }

    /// The short window every cycle's ratio is averaged over for the period, as Sloth's `PageQuick` short window.
    static let shortWindow = ErrorBudgetLedger.windows[0]

    /// The families at `time`, only those with samples.
    /// - Parameters:
    ///   - judged: each budgeted objective with its groups' histories (which hold ``shortWindow`` more than the
    ///     period, for the period's first cycles).
    ///   - time: the end of the judged span, Unix milliseconds.
    package func families(
        _ judged: [(ObjectiveSpecification, [[Label]: SLIHistory])], at time: Int64
    ) -> [MetricFamily] {
        var families: [String: (FamilyDescriptor, MetricFamily)] = [:]
        func add(_ descriptor: FamilyDescriptor, _ labels: [(name: String, value: String)], _ value: Double?) {
            guard let value, value.isFinite, let rendered = try? RenderedLabels(labels) else { return }
            families[descriptor.name, default: (descriptor, descriptor.family())].1.append(rendered, value)
        }
        for (specification, histories) in judged {
            guard let budget = specification.budget else { continue }
            let target = budget.errorBudget.target
            let budgetRatio = 1 - target
            let period = budget.period.milliseconds
            let periodLabel = SlothFamilies.duration(period)
            let objective = [
                (name: "sloth_id", value: "\(service)-\(specification.name)"),
                (name: "sloth_service", value: service), (name: "sloth_slo", value: specification.name),
            ]
            add(SlothFamilies.objective, objective, target)
            add(SlothFamilies.errorBudget, objective, budgetRatio)
            add(SlothFamilies.timePeriod, objective, Self.days(period))
            add(
                SlothFamilies.info,
                objective + [
                    (name: "sloth_mode", value: "sibyl"), (name: "sloth_objective", value: Self.percent(target)),
                    (name: "sloth_spec", value: "sibyl/v1"), (name: "sloth_version", value: version),
                ], 1)
            for (group, history) in histories.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
                let labels = Self.groupLabels(group, isRange: !specification.countsEvents) + objective
                func window(_ label: String) -> [(name: String, value: String)] {
                    labels + [(name: "sloth_window", value: label)]
                }
                for length in ErrorBudgetLedger.windows where length != period {
                    let events = history.events(endingAt: time, length: length)
                    let label = SlothFamilies.duration(length)
                    let ratio = events.total > 0 ? events.bad / events.total : nil
                    add(SlothFamilies.sliError(label), window(label), ratio)
                    if length == Self.shortWindow {
                        add(SlothFamilies.currentBurnRate, window(label), ratio.map { $0 / budgetRatio })
                    }
                }
                let mean = history.meanErrorRatio(endingAt: time, length: period, window: Self.shortWindow)
                add(SlothFamilies.sliError(periodLabel), window(periodLabel), mean)
                let burnRate = mean.map { $0 / budgetRatio }
                add(SlothFamilies.periodBurnRate, window(periodLabel), burnRate)
                add(SlothFamilies.periodBudgetRemaining, window(periodLabel), burnRate.map { 1 - $0 })
            }
        }
        return families.values.sorted { $0.0.name < $1.0.name }.map(\.1)
    }

    /// A group's labels beside Sloth's: a ratio or latency objective's `by` labels as they are, a range objective's
    /// series labels as its `sibyl_slo_*` series carry them; a name Sloth uses gets `exported_` before it.
    static func groupLabels(_ group: [Label], isRange: Bool) -> [(name: String, value: String)] {
        let reserved = Set(SlothFamilies.info.labels + ["sloth_window"])
        let labels = isRange ? SourceLabels.base(group) : group.map { (name: $0.name, value: $0.value) }
        return labels.map { reserved.contains($0.name) ? (name: "exported_" + $0.name, value: $0.value) : $0 }
    }

    /// The period in days as Sloth's `slo:time_period:days` computes it: Go's `Duration.Hours()` (whole hours plus
    /// the remainder's fraction) over 24.
    static func days(_ milliseconds: Int64) -> Double {
        (Double(milliseconds / 3_600_000) + Double(milliseconds % 3_600_000) / 3_600_000) / 24
    }

    /// The target in percent as `sloth_objective` spells Sloth's objective (`99.9`, `99`): at most 10 decimals,
    /// trailing zeros dropped, so that `0.999 × 100`'s rounding does not show.
    static func percent(_ target: Double) -> String {
        // A target is in (0, 1): its percent in 10⁻¹⁰ units fits an Int64.
        let units = Int64((target * 100 * 1e10).rounded())
        var fraction = String(units % 10_000_000_000)
        fraction = String(repeating: "0", count: 10 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(units / 10_000_000_000)" + (fraction.isEmpty ? "" : "." + fraction)
    }
}
