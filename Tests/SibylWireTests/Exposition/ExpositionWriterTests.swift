import SibylWire
import Testing

struct ExpositionWriterTests {
    @Test("writes hostile labels and HELP byte for byte as the golden file")
    func hostileLabelsGolden() throws {
        let bytes = try ExpositionWriter().render(ExpositionFixtures.hostileLabels())
        try GoldenFile.expect(bytes, matches: "hostile-labels.prom")
    }

    @Test("writes special values and sorted label sets byte for byte as the golden file")
    func valuesGolden() throws {
        let bytes = try ExpositionWriter().render(ExpositionFixtures.values())
        try GoldenFile.expect(bytes, matches: "values.prom")
    }

    @Test("writes HELP and TYPE once, then samples, for a small family")
    func writesSmallFamily() throws {
        var family = try MetricFamily(name: "sibyl_window_max", kind: .gauge, help: "Maximum over the window.")
        family.append(try RenderedLabels([("window", "1h"), ("metric", "up")]), 1)
        family.append(try RenderedLabels([("window", "12h"), ("metric", "up")]), 0.5)
        let text = try ExpositionWriter().renderString([family])
        #expect(
            text == """
                # HELP sibyl_window_max Maximum over the window.
                # TYPE sibyl_window_max gauge
                sibyl_window_max{metric="up",window="12h"} 0.5
                sibyl_window_max{metric="up",window="1h"} 1

                """
        )
    }

    @Test("leaves out HELP when the help text is empty")
    func omitsEmptyHelp() throws {
        let family = try MetricFamily(name: "x", kind: .untyped, help: "", samples: [.init(.empty, 1)])
        #expect(try ExpositionWriter().renderString([family]) == "# TYPE x untyped\nx 1\n")
    }

    @Test("writes nothing for no families or families without samples")
    func writesNothingWhenEmpty() throws {
        #expect(try ExpositionWriter().render([]).isEmpty)
        let family = try MetricFamily(name: "x", kind: .gauge, help: "h")
        #expect(try ExpositionWriter().render([family]).isEmpty)
    }

    @Test("output does not depend on the order of families and samples")
    func isDeterministic() throws {
        let families = try ExpositionFixtures.hostileLabels() + ExpositionFixtures.values()
        let expected = try ExpositionWriter().render(families)
        var random = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            var shuffled = families.shuffled(using: &random)
            for index in shuffled.indices {
                shuffled[index].samples.shuffle(using: &random)
            }
            #expect(try ExpositionWriter().render(shuffled) == expected)
        }
    }

    @Test("appends after what the buffer already holds")
    func appendsToBuffer() throws {
        var buffer = Array("# prefix\n".utf8)
        let family = try MetricFamily(name: "x", kind: .gauge, help: "h", samples: [.init(.empty, 2)])
        try ExpositionWriter().write([family], into: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == "# prefix\n# HELP x h\n# TYPE x gauge\nx 2\n")
    }

    @Test("rejects two families with the same name and leaves the buffer unchanged")
    func rejectsDuplicateFamilies() throws {
        let first = try MetricFamily(name: "a", kind: .gauge, help: "h", samples: [.init(.empty, 1)])
        let second = try MetricFamily(name: "b", kind: .gauge, help: "h", samples: [.init(.empty, 1)])
        var buffer = Array("keep".utf8)
        #expect {
            try ExpositionWriter().write([second, first, second], into: &buffer)
        } throws: { error in
            (error as? ExpositionError)?.code == .duplicateFamily && "\(error)" == #"duplicate metric family "b""#
        }
        #expect(buffer == Array("keep".utf8))
    }

    @Test("rejects two samples with the same labels and leaves the buffer unchanged")
    func rejectsDuplicateSeries() throws {
        let labels = try RenderedLabels(["job": "x"])
        let other = try RenderedLabels(["job": "y"])
        for samples in [[labels, labels], [labels, other, labels], [other, labels, labels]] {
            let family = try MetricFamily(
                name: "a",
                kind: .gauge,
                help: "h",
                samples: samples.map { MetricFamily.Sample($0, 1) }
            )
            let good = try MetricFamily(name: "_0", kind: .gauge, help: "h", samples: [.init(.empty, 1)])
            var buffer: [UInt8] = []
            #expect {
                try ExpositionWriter().write([good, family], into: &buffer)
            } throws: { error in
                (error as? ExpositionError)?.code == .duplicateSeries && "\(error)" == #"duplicate series a{job="x"}"#
            }
            #expect(buffer.isEmpty)
        }
    }

    @Test("names the 0.0.4 content type")
    func contentType() {
        #expect(ExpositionWriter.contentType == "text/plain; version=0.0.4; charset=utf-8")
    }
}

extension ExpositionWriterTests {
    /// `count` samples with shuffled label sets and values of every kind of length.
    static func family(_ name: String, samples count: Int) throws -> MetricFamily {
        var family = try MetricFamily(name: name, kind: .gauge, help: "A family of \(count) samples.")
        for index in (0..<count).shuffled() {
            family.append(
                try RenderedLabels([("instance", "host-\(index)"), ("window", "1h")]),
                Double(index) * 1.000_1 - 17)
        }
        return family
    }

    @Test(
        "a large exposition, written in pieces on every core, is byte for byte the exposition written in one pass",
        arguments: [ExpositionFormat.text, .openMetrics])
    func largeExpositionInPieces(format: ExpositionFormat) throws {
        // 11 families small enough to be written alone in one pass, and one over the parallel threshold.
        var families = try (0..<11).map { try Self.family("family_\(($0 * 7) % 11)_total", samples: 999 + $0) }
        families.append(try Self.family("big_family", samples: 25_001))
        let writer = ExpositionWriter(format: format)
        let whole = try writer.render(families)
        var expected: [UInt8] = []
        for family in families.sorted(by: { $0.name < $1.name }) where family.name.rawValue != "big_family" {
            var one = try writer.render([family])
            if format.syntax == .openMetrics { one.removeLast("# EOF\n".utf8.count) }
            expected += one
        }
        // The big family in two halves, each written in one pass; the second half's header left out.
        let big = try #require(families.last)
        let sorted = big.samples.sorted { $0.labels < $1.labels }
        var halves: [[UInt8]] = []
        for part in [sorted[..<12_500], sorted[12_500...]] {
            var half = try MetricFamily(name: "big_family", kind: .gauge, help: "A family of 25001 samples.")
            for sample in part { half.append(sample.labels, sample.value) }
            var bytes = try writer.render([half])
            if format.syntax == .openMetrics { bytes.removeLast("# EOF\n".utf8.count) }
            halves.append(bytes)
        }
        let secondLines = halves[1].split(separator: UInt8(ascii: "\n")).drop { $0.first == UInt8(ascii: "#") }
        // big_family sorts first.
        expected = halves[0] + secondLines.flatMap { $0 + [UInt8(ascii: "\n")] } + expected
        if format.syntax == .openMetrics { expected += "# EOF\n".utf8 }
        #expect(whole.count == expected.count)
        #expect(whole == expected)
    }
}
