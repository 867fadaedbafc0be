import Sibyl
import SibylAnalysis
import SibylWire

extension AnalyzeReport {
    /// The report as a JSON array with one object per series; a component that could not be computed is
    /// `{"skipped": "<reason>"}`, and a series skipped as a whole has a top-level `"skipped"` too. `windows` are
    /// `(T − w, T]`; `warnings` holds `last sample 4m12s before T` when the last sample is more than two steps old.
    var json: String {
        AnalyzeJSON.array(series.map(object)).text + "\n"
    }

    private func object(_ one: AnalyzedSeries) -> AnalyzeJSON {
        var members: [(String, AnalyzeJSON)] = [
            ("series", .string(one.name)),
            ("labels", .object(one.labels.map { ($0.name, .string($0.value)) })),
            ("samples", .integer(one.values.count)),
            ("stale_markers", .integer(one.staleMarkers)),
            ("first", one.timestamps.first.map { .string(TimeArgument.rfc3339($0)) } ?? .null),
            ("last", one.timestamps.last.map { .string(TimeArgument.rfc3339($0)) } ?? .null),
            ("last_sample_age_seconds", one.lastSampleAge.map { .number(Double($0) / 1000) } ?? .null),
            ("warnings", .array(one.lastSampleNote(maximumAge: maximumAge).map { [AnalyzeJSON.string($0)] } ?? [])),
        ]
        switch one.metadata {
        case .failure(let skip):
            let reason = AnalyzeJSON.skipped(skip.description)
            members.append(("skipped", .string(skip.description)))
            for component in ["windows", "adf", "acf", "seasonality", "forecast"] {
                members.append((component, reason))
            }
        case .success(let metadata):
            members.append(("windows", windowObject(one.statistics)))
            members.append(("adf", Self.result(metadata.stationarity, Self.adf)))
            members.append(("acf", Self.result(metadata.autocorrelation, Self.acf)))
            members.append(("seasonality", Self.result(metadata.seasonality, Self.seasonality)))
            members.append(("forecast", one.forecast.map { Self.result($0, forecast) } ?? .null))
        }
        return .object(members)
    }

    private func windowObject(_ series: SeriesStatistics) -> AnalyzeJSON {
        .object(
            zip(windows, series.windows).map { window, statistics in
                let name = PrometheusDuration(milliseconds: window).description
                guard let statistics else {
                    return (name, .skipped("no numeric samples in the window"))
                }
                return (
                    name,
                    .object([
                        ("count", .integer(statistics.count)),
                        ("min", .number(statistics.min)),
                        ("max", .number(statistics.max)),
                        ("mean", .number(statistics.mean)),
                        ("std", statistics.standardDeviation.map(AnalyzeJSON.number) ?? .null),
                    ])
                )
            })
    }

    private static func result<Value>(
        _ result: Result<Value, AnalysisError>, _ render: (Value) -> AnalyzeJSON
    ) -> AnalyzeJSON {
        switch result {
        case .success(let value): render(value)
        case .failure(let error): .skipped(error.description)
        }
    }

    private static func adf(_ adf: AugmentedDickeyFuller) -> AnalyzeJSON {
        .object([
            ("stationary", .bool(adf.pValue < stationarityLevel)),
            ("statistic", .number(adf.statistic)),
            ("pvalue", .number(adf.pValue)),
            ("used_lag", .integer(adf.usedLag)),
            ("observations", .integer(adf.observationCount)),
            (
                "critical_values",
                .object([
                    ("1%", .number(adf.criticalValues.onePercent)),
                    ("5%", .number(adf.criticalValues.fivePercent)),
                    ("10%", .number(adf.criticalValues.tenPercent)),
                ])
            ),
            ("icbest", adf.bestInformationCriterion.map(AnalyzeJSON.number) ?? .null),
        ])
    }

    private static func acf(_ acf: Autocorrelation) -> AnalyzeJSON {
        .object([("lags", .integer(acf.lagCount)), ("values", .numbers(acf.values))])
    }

    private static func seasonality(_ seasonality: SeriesMetadata.Seasonality) -> AnalyzeJSON {
        var members: [(String, AnalyzeJSON)] = [
            ("period", .integer(seasonality.decomposition.period)),
            ("used", .string(seasonality.source.rawValue)),
            ("pattern", .numbers(seasonality.decomposition.seasonalCycle)),
            ("strength", seasonality.decomposition.strength.map(AnalyzeJSON.number) ?? .null),
        ]
        if let error = seasonality.stridedError {
            members.append(("every_60th_error", .string(error.description)))
        }
        return .object(members)
    }

    private func forecast(_ output: ForecastPipeline.Output) -> AnalyzeJSON {
        let summary = output.summary
        let resampled = output.resampled
        let last = resampled.startMilliseconds + Int64(resampled.values.count - 1) * resampled.stepMilliseconds
        let path = output.path.values.indices.map { index in
            AnalyzeJSON.object([
                ("time", .string(TimeArgument.rfc3339(last + Int64(index + 1) * resampled.stepMilliseconds))),
                ("value", .number(output.path.values[index])),
                ("lower", .number(output.path.lower[index])),
                ("upper", .number(output.path.upper[index])),
            ])
        }
        let validation = output.choice.validation.map { candidate in
            AnalyzeJSON.object([
                ("model", .string(candidate.model.rawValue)),
                candidate.meanAbsoluteError.map { ("mae", AnalyzeJSON.number($0)) }
                    ?? ("skipped", .string(candidate.failure ?? "no error")),
            ])
        }
        return .object([
            ("model", .string(output.choice.model.rawValue)),
            ("season", output.choice.season.map(AnalyzeJSON.integer) ?? .null),
            ("steps", .integer(summary.steps)),
            ("step", .string(PrometheusDuration(milliseconds: stepMilliseconds).description)),
            ("resampled_n", .integer(output.resampled.values.count)),
            ("resampled_empty_bins", .integer(output.resampled.emptyBinCount)),
            ("max", .number(summary.maximum)),
            ("min", .number(summary.minimum)),
            ("mean", .number(summary.mean)),
            ("lower_min", .number(summary.lowerMinimum)),
            ("upper_max", .number(summary.upperMaximum)),
            ("smoothing_level", summary.smoothing.level.map(AnalyzeJSON.number) ?? .null),
            ("smoothing_trend", summary.smoothing.trend.map(AnalyzeJSON.number) ?? .null),
            ("smoothing_seasonal", summary.smoothing.seasonal.map(AnalyzeJSON.number) ?? .null),
            ("damping_trend", summary.smoothing.damping.map(AnalyzeJSON.number) ?? .null),
            ("sse", .number(summary.sumOfSquaredErrors)),
            ("rmse", .number(summary.rootMeanSquaredError)),
            ("validation", .array(validation)),
            ("path", .array(path)),
        ])
    }
}
