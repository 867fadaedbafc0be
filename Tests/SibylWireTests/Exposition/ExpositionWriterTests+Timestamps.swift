import SibylWire
import Testing

extension ExpositionWriterTests {
    /// The exposition of one family's series with timestamps, written piece by piece.
    static func timestamped(
        _ family: MetricFamily,
        _ series: [(RenderedLabels, [(Int64, Double)])],
        format: ExpositionFormat
    ) -> String {
        let writer = ExpositionWriter(format: format)
        var buffer: [UInt8] = []
        writer.writeHeader(of: family, into: &buffer)
        for (labels, samples) in series {
            writer.writeSamples(samples, of: family.name, labels: labels, into: &buffer)
        }
        writer.writeEnd(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    @Test("OpenMetrics samples with timestamps: seconds, names escaped, special values, header and # EOF")
    func writesOpenMetricsTimestamps() throws {
        let family = try MetricFamily(
            name: "sibyl_slo_violation_seconds", kind: .gauge, help: "Time \"out\".", unit: "seconds")
        let labels = try RenderedLabels([("service.name", "a\"b\\c\nd"), ("window", "1h")])
        let text = Self.timestamped(
            family,
            [
                (labels, [(1_733_500_000_000, 1.5), (1_733_500_000_500, .nan), (1_733_500_000_005, -0.0)]),
                (.empty, [(1_733_500_000_123, .infinity), (1_733_500_001_120, -.infinity)]),
            ],
            format: .openMetrics)
        #expect(
            text == #"""
                # HELP sibyl_slo_violation_seconds Time \"out\".
                # TYPE sibyl_slo_violation_seconds gauge
                # UNIT sibyl_slo_violation_seconds seconds
                sibyl_slo_violation_seconds{service_name="a\"b\\c\nd",window="1h"} 1.5 1733500000
                sibyl_slo_violation_seconds{service_name="a\"b\\c\nd",window="1h"} NaN 1733500000.5
                sibyl_slo_violation_seconds{service_name="a\"b\\c\nd",window="1h"} 0 1733500000.005
                sibyl_slo_violation_seconds +Inf 1733500000.123
                sibyl_slo_violation_seconds -Inf 1733500001.12
                # EOF

                """#)
    }

    @Test("text-format samples with timestamps: milliseconds, a counter's family keeps its name, no # EOF")
    func writesTextTimestamps() throws {
        let family = try MetricFamily(name: "sibyl_events_total", kind: .counter, help: "Events.")
        let text = Self.timestamped(
            family, [(try RenderedLabels([("job", "x")]), [(-1500, 1), (0, 2), (1_733_500_000_005, 3)])],
            format: .text)
        #expect(
            text == """
                # HELP sibyl_events_total Events.
                # TYPE sibyl_events_total counter
                sibyl_events_total{job="x"} 1 -1500
                sibyl_events_total{job="x"} 2 0
                sibyl_events_total{job="x"} 3 1733500000005

                """)
        let openMetrics = Self.timestamped(family, [(.empty, [(-1500, 1), (-5, 2)])], format: .openMetrics)
        #expect(
            openMetrics == """
                # HELP sibyl_events Events.
                # TYPE sibyl_events counter
                sibyl_events_total 1 -1.5
                sibyl_events_total 2 -0.005
                # EOF

                """)
    }

    @Test(
        "OpenMetrics timestamps read back as the same milliseconds by Prometheus' int64(seconds * 1000)",
        arguments: [Int64(1_095_954_880_000), 1_733_500_000_000, -1_095_954_890_000, 8_460_211_000]
    )
    func timestampsReadBack(from start: Int64) throws {
        let family = try MetricFamily(name: "x", kind: .gauge, help: "")
        let samples = (start..<start + 10_000).map { ($0, 1.0) }
        let lines = Self.timestamped(family, [(.empty, samples)], format: .openMetrics).split(separator: "\n")
        var nudged = 0
        for (line, (time, _)) in zip(lines.dropFirst(), samples) {
            let text = String(line.split(separator: " ")[2])
            let seconds = try #require(Double(text))
            // Go's int64() truncates toward zero, as Swift's Int64(_:) does.
            #expect(Int64(seconds * 1000) == time, "\(text) for \(time)")
            #expect((seconds * 1000).rounded() == Double(time), "\(text) for \(time)")
            if let fraction = text.split(separator: ".").dropFirst().first, fraction.count > 3 {
                nudged += 1
            }
        }
        #expect(lines.count == samples.count + 2)
        if start == 1_095_954_880_000 {
            #expect(nudged > 0, "the range holds times whose exact decimal Prometheus would misread")
            #expect(lines.contains("x 1 1095954883.7350001"))
        }
    }
}
