import SibylWire
import Yams

extension ConfigurationDecoder {
    /// An SLO's indicator: `indicator` inline, or `indicatorRef` naming a `kind: SLI` document of the same file.
    /// - Parameters:
    ///   - spec: the SLO's `spec`.
    ///   - indicators: the file's SLI documents by name, or `nil` where references cannot be resolved.
    /// - Returns: the indicator, or `nil` when reported.
    mutating func sloIndicator(
        _ spec: ConfigurationMapping, indicators: [String: OpenSLODocument.Indicator?]?
    ) -> OpenSLODocument.Indicator? {
        switch (spec["indicator"], spec["indicatorRef"]) {
        case (nil, nil):
            report(
                .missingKey, at: spec.position, "\(spec.path): one of \"indicator\" and \"indicatorRef\" is required")
            return nil
        case (.some, .some(let second)):
            report(.invalidValue, at: second.keyPosition, "\(spec.path): give indicator or indicatorRef, not both")
            return nil
        case (.some(let field), nil):
            guard let indicator = mapping(field, keys: OpenSLODocument.indicatorKeys) else { return nil }
            if let metadata = indicator["metadata"] { _ = mapping(metadata, keys: OpenSLODocument.metadataKeys) }
            guard let field = indicator["spec"] else {
                reportMissing("spec", in: indicator)
                return nil
            }
            return indicatorSpec(field)
        case (nil, .some(let field)):
            guard let name = scalar(field, expected: "the name of a kind: SLI document") else { return nil }
            guard let indicators else {
                report(
                    .invalidValue, at: field.valuePosition,
                    "\(field.path): indicatorRef is resolved only in an --openslo.file that holds the kind: SLI "
                        + "document; here, give the indicator inline (spec.indicator)")
                return nil
            }
            guard let indicator = indicators[name] else {
                report(
                    .invalidValue, at: field.valuePosition,
                    "\(field.path): no kind: SLI document named \(Self.quoted(name)) in this file")
                return nil
            }
            // An SLI that did not decode has been reported where it stands.
            return indicator
        }
    }

    /// An indicator's `spec` (inline, or a `kind: SLI` document's): a `ratioMetric` or a `thresholdMetric`.
    /// - Returns: the indicator, or `nil` when reported.
    mutating func indicatorSpec(_ field: ConfigurationField) -> OpenSLODocument.Indicator? {
        guard let spec = mapping(field, keys: OpenSLODocument.indicatorSpecKeys) else { return nil }
        if let field = spec["description"] { _ = scalar(field, expected: "a description") }
        switch (spec["ratioMetric"], spec["thresholdMetric"]) {
        case (nil, nil):
            report(
                .missingKey, at: spec.position,
                "\(spec.path): one of \"ratioMetric\" and \"thresholdMetric\" is required")
            return nil
        case (.some, .some(let second)):
            report(.invalidValue, at: second.keyPosition, "\(spec.path): give ratioMetric or thresholdMetric, not both")
            return nil
        case (.some(let field), nil):
            return ratioMetric(field).map { .ratio($0) }
        case (nil, .some(let field)):
            return metricSelector(field).map { .threshold($0) }
        }
    }

    /// A `ratioMetric`: counters (`counter: true`, the default), `total` and exactly one of `good` and `bad`.
    private mutating func ratioMetric(_ field: ConfigurationField) -> RatioIndicator? {
        guard let ratio = mapping(field, keys: OpenSLODocument.ratioMetricKeys) else { return nil }
        var valid = true
        if let field = ratio["counter"] {
            switch choice(field, ["true": true, "false": false]) {
            case false?:
                report(
                    .invalidValue, at: field.valuePosition,
                    "\(field.path): Sibyl counts a ratio's events from counters; a ratio of gauges is not supported")
                valid = false
            case nil: valid = false
            default: break
            }
        }
        for key in ["raw", "rawType"] {
            guard let field = ratio[key] else { continue }
            report(
                .invalidValue, at: field.keyPosition,
                "\(field.path): precomputed (raw) ratios are not supported; give good or bad, and total, counters")
            valid = false
        }
        let total = ratio["total"].flatMap { metricSelector($0) }
        if ratio["total"] == nil { reportMissing("total", in: ratio) }
        let good = ratio["good"].flatMap { metricSelector($0) }
        let bad = ratio["bad"].flatMap { metricSelector($0) }
        switch (ratio["good"], ratio["bad"]) {
        case (nil, nil):
            report(.missingKey, at: ratio.position, "\(ratio.path): one of \"good\" and \"bad\" is required")
            return nil
        case (.some, .some(let second)):
            report(.invalidValue, at: second.keyPosition, "\(ratio.path): give good or bad, not both")
            return nil
        default: break
        }
        guard valid, let total, let events = good ?? bad else { return nil }
        return RatioIndicator(counted: good != nil ? .good : .errors, events: events, total: total)
    }

    /// A metric's `metricSource`: `type: Prometheus` and `spec.query`, a series selector.
    private mutating func metricSelector(_ field: ConfigurationField) -> SeriesSelector? {
        guard let metric = mapping(field, keys: OpenSLODocument.metricKeys) else { return nil }
        guard let field = metric["metricSource"] else {
            reportMissing("metricSource", in: metric)
            return nil
        }
        guard let source = mapping(field, keys: OpenSLODocument.metricSourceKeys) else { return nil }
        if let field = source["metricSourceRef"] { _ = scalar(field, expected: "a DataSource name") }
        var valid = true
        if let field = source["type"] {
            if let type = scalar(field, expected: "\"Prometheus\""), type != "Prometheus" {
                report(
                    .invalidValue, at: field.valuePosition,
                    "\(field.path): Sibyl reads Prometheus series only (from its source), got \(Self.quoted(type))")
                // The query is in that source's language: its mistakes would say nothing.
                return nil
            }
        } else {
            report(
                .missingKey, at: source.position,
                "\(source.path): missing required key \"type\" (Sibyl reads type: Prometheus; DataSource documents "
                    + "are not resolved)")
            valid = false
        }
        guard let field = source["spec"] else {
            reportMissing("spec", in: source)
            return nil
        }
        guard let spec = mapping(field, keys: OpenSLODocument.prometheusSpecKeys) else { return nil }
        guard let field = spec["query"] else {
            reportMissing("query", in: spec)
            return nil
        }
        guard let query = scalar(field, expected: "a series selector such as 'http_requests_total{job=\"api\"}'")
        else { return nil }
        do {
            let selector = try SeriesSelector(parsing: query)
            return valid ? selector : nil
        } catch {
            report(
                .invalidSelector, at: field.valuePosition,
                "\(field.path): Sibyl reads a plain series selector such as 'http_requests_total{code=~\"5..\"}', "
                    + "not a PromQL expression (Sibyl computes the indicator from the series): \(error.message) at column "
                    + "\(error.column) of the query")
            return nil
        }
    }
}
