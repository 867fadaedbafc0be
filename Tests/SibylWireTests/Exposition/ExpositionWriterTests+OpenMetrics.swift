import SibylWire
import Testing

extension ExpositionWriterTests {
    /// A counter with a unit its name ends in (no UNIT: OpenMetrics wants the unit at the family name's end), a
    /// gauge with a unit, an untyped family and HELP text with a quote.
    static func openMetricsFamilies() throws -> [MetricFamily] {
        var counter = try MetricFamily(name: "sibyl_source_bytes_read_total", kind: .counter, help: "Bytes \"read\".")
        counter.append(.empty, 42)
        var gauge = try MetricFamily(
            name: "sibyl_duration_seconds", kind: .gauge, help: "Took.\nSecond line \\.", unit: "seconds")
        gauge.append(try RenderedLabels([("service.name", "api"), ("job", "x")]), 0.25)
        var untyped = try MetricFamily(name: "sibyl_other", kind: .untyped, help: "")
        untyped.append(.empty, .nan)
        var unsuffixed = try MetricFamily(name: "sibyl_events", kind: .counter, help: "No _total.")
        unsuffixed.append(.empty, 1)
        return [counter, gauge, untyped, unsuffixed]
    }

    @Test("OpenMetrics: counters' families without _total, unknown for untyped, UNIT only as a name suffix, # EOF")
    func writesOpenMetrics() throws {
        let text = try ExpositionWriter(format: .openMetrics).renderString(Self.openMetricsFamilies())
        #expect(
            text == #"""
                # HELP sibyl_duration_seconds Took.\nSecond line \\.
                # TYPE sibyl_duration_seconds gauge
                # UNIT sibyl_duration_seconds seconds
                sibyl_duration_seconds{job="x",service_name="api"} 0.25
                # HELP sibyl_events No _total.
                # TYPE sibyl_events unknown
                sibyl_events 1
                # TYPE sibyl_other unknown
                sibyl_other NaN
                # HELP sibyl_source_bytes_read Bytes \"read\".
                # TYPE sibyl_source_bytes_read counter
                sibyl_source_bytes_read_total 42
                # EOF

                """#)
        #expect(try ExpositionWriter(format: .openMetrics).renderString([]) == "# EOF\n")
    }

    @Test("UTF-8 label names: escaped with underscores by default, quoted with allow-utf-8, in text and OpenMetrics")
    func writesUTF8Names() throws {
        var family = try MetricFamily(name: "sibyl_window_max", kind: .gauge, help: "Max.")
        family.append(try RenderedLabels([("service.name", "api"), ("metric", "up"), ("http.route", "/a\"b")]), 1)
        family.append(try RenderedLabels([("metric", "up"), ("job", "x")]), 2)
        let escaped = try ExpositionWriter().renderString([family])
        #expect(
            escaped == #"""
                # HELP sibyl_window_max Max.
                # TYPE sibyl_window_max gauge
                sibyl_window_max{http_route="/a\"b",metric="up",service_name="api"} 1
                sibyl_window_max{job="x",metric="up"} 2

                """#)
        let utf8 = ExpositionFormat(.text, version: "1.0.0", escaping: .allowUTF8)
        #expect(
            try ExpositionWriter(format: utf8).renderString([family]) == #"""
                # HELP sibyl_window_max Max.
                # TYPE sibyl_window_max gauge
                sibyl_window_max{"http.route"="/a\"b",metric="up","service.name"="api"} 1
                sibyl_window_max{job="x",metric="up"} 2

                """#)
        let openMetrics = ExpositionFormat(.openMetrics, version: "1.0.0", escaping: .allowUTF8)
        let quoted = try ExpositionWriter(format: openMetrics).renderString([family])
        #expect(quoted.contains(#"sibyl_window_max{"http.route"="/a\"b",metric="up","service.name"="api"} 1"#))
        #expect(quoted.hasSuffix("# EOF\n"))
    }

    @Test("two series that are one once names are escaped: refused when escaping, both written when quoting")
    func refusesSeriesEqualOnceEscaped() throws {
        var family = try MetricFamily(name: "x", kind: .gauge, help: "")
        family.append(try RenderedLabels([("a.b", "1")]), 1)
        family.append(try RenderedLabels([("a_b", "1")]), 2)
        #expect {
            try ExpositionWriter().render([family])
        } throws: { error in
            (error as? ExpositionError)?.code == .duplicateSeries
                && "\(error)" == #"duplicate series x{a_b="1"} once names are escaped"#
        }
        let utf8 = ExpositionFormat(.text, version: "1.0.0", escaping: .allowUTF8)
        #expect(
            try ExpositionWriter(format: utf8).renderString([family])
                == "# TYPE x gauge\nx{\"a.b\"=\"1\"} 1\nx{a_b=\"1\"} 2\n")
    }

    @Test(
        "promtool check metrics accepts the escaped rendering of UTF-8 label names",
        .enabled(if: Promtool.isInstalled || Promtool.isCI, "promtool is not installed (set CI=true to require it)")
    )
    func promtoolAcceptsEscapedNames() throws {
        var family = try MetricFamily(name: "sibyl_window_max", kind: .gauge, help: "Max.")
        family.append(try RenderedLabels([("service.name", "api"), ("k8s.pod-name", "p"), ("0x", "y")]), 1)
        let (status, output) = try Promtool.checkMetrics(try ExpositionWriter().render([family]))
        #expect(status == 0, "promtool exited \(status): \(output)")
    }
}

extension ExpositionWriterTests {
    /// A counter and a gauge whose names are not legacy names.
    static func utf8NamedFamilies() throws -> [MetricFamily] {
        var counter = try MetricFamily(
            name: MetricName(utf8: "http.requests_total"), kind: .counter, help: "Requests.")
        counter.append(try RenderedLabels([("service.name", "api")]), 7)
        var gauge = try MetricFamily(name: MetricName(utf8: "temp.celsius"), kind: .gauge, help: "")
        gauge.append(.empty, 21.5)
        return [counter, gauge]
    }

    @Test("UTF-8 metric names: escaped by default, quoted inside the braces with allow-utf-8")
    func writesUTF8MetricNames() throws {
        let families = try Self.utf8NamedFamilies()
        #expect(
            try ExpositionWriter().renderString(families) == #"""
                # HELP http_requests_total Requests.
                # TYPE http_requests_total counter
                http_requests_total{service_name="api"} 7
                # TYPE temp_celsius gauge
                temp_celsius 21.5

                """#)
        let text = ExpositionFormat(.text, version: "1.0.0", escaping: .allowUTF8)
        #expect(
            try ExpositionWriter(format: text).renderString(families) == #"""
                # HELP "http.requests_total" Requests.
                # TYPE "http.requests_total" counter
                {"http.requests_total","service.name"="api"} 7
                # TYPE "temp.celsius" gauge
                {"temp.celsius"} 21.5

                """#)
        let openMetrics = ExpositionFormat(.openMetrics, version: "1.0.0", escaping: .allowUTF8)
        #expect(
            try ExpositionWriter(format: openMetrics).renderString(families) == #"""
                # HELP "http.requests" Requests.
                # TYPE "http.requests" counter
                {"http.requests_total","service.name"="api"} 7
                # TYPE "temp.celsius" gauge
                {"temp.celsius"} 21.5
                # EOF

                """#)
        let escaped = try ExpositionWriter(format: .openMetrics).renderString(families)
        #expect(escaped.hasPrefix("# HELP http_requests Requests.\n# TYPE http_requests counter\n"))
    }

    @Test("two families that are one once names are escaped: refused when escaping, both written when quoting")
    func refusesFamiliesEqualOnceEscaped() throws {
        let dotted = try MetricFamily(
            name: MetricName(utf8: "a.b"), kind: .gauge, help: "", samples: [.init(.empty, 1)])
        let plain = try MetricFamily(name: "a_b", kind: .gauge, help: "", samples: [.init(.empty, 2)])
        #expect {
            try ExpositionWriter().render([dotted, plain])
        } throws: { error in
            (error as? ExpositionError)?.code == .duplicateFamily
                && "\(error)" == #"duplicate metric family "a_b" once names are escaped"#
        }
        let utf8 = ExpositionFormat(.text, version: "1.0.0", escaping: .allowUTF8)
        #expect(
            try ExpositionWriter(format: utf8).renderString([plain, dotted])
                == "# TYPE \"a.b\" gauge\n{\"a.b\"} 1\n# TYPE a_b gauge\na_b 2\n")
    }
}
