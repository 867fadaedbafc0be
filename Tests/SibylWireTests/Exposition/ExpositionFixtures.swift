import SibylWire

/// Families shared by the golden-file and promtool tests.
enum ExpositionFixtures {
    /// Label values and HELP text that need escaping, given out of order.
    static func hostileLabels() throws -> [MetricFamily] {
        var hostile = try MetricFamily(
            name: "sibyl_test_hostile_labels",
            kind: .gauge,
            help: #"Help with a \ backslash, a "quote", a"# + "\nnewline, a tab\tand 日本語 ✓."
        )
        let values = [
            #"quote"inside"#, #"back\slash"#, #"trailing\"#, "line\nbreak", "\"\n\\", "日本語 ✓ émoji 😀",
            "tab\there", "{curly},comma=equals", "#hash", "line\u{2028}separator", "carriage\rreturn", " spaces ",
            #"\n literally"#,
        ]
        for (index, value) in values.enumerated().reversed() {
            hostile.append(try RenderedLabels([("value", value), ("case", "c\(index)"), ("empty", "")]), Double(index))
        }
        var counter = try MetricFamily(
            name: "sibyl_test_events_total",
            kind: .counter,
            help: "Events seen, by kind."
        )
        counter.append(try RenderedLabels(["kind": "b\\"]), 3)
        counter.append(try RenderedLabels(["kind": "a\""]), 1_234_567)
        let untyped = try MetricFamily(
            name: "sibyl_test_untyped",
            kind: .untyped,
            help: "A value without a type.",
            samples: [MetricFamily.Sample(.empty, 42)]
        )
        let empty = try MetricFamily(name: "sibyl_test_empty", kind: .gauge, help: "No samples, not written.")
        return [untyped, hostile, empty, counter]
    }

    /// Special and ordinary float values, and label sets whose order tests Prometheus' comparison.
    static func values() throws -> [MetricFamily] {
        let cases: [(String, Double)] = [
            ("nan", .nan), ("stale_nan", Double(bitPattern: 0x7FF0_0000_0000_0002)), ("plus_inf", .infinity),
            ("minus_inf", -.infinity), ("zero", 0), ("minus_zero", -0.0), ("one", 1), ("minus_one", -1),
            ("fraction", 0.84), ("bytes", 17_047_408), ("small", 4.2774e-05), ("large", 1e21),
            ("nine_digits", 123_456_789), ("six_digits", 123_456), ("tiny", 5e-5), ("max", .greatestFiniteMagnitude),
            ("min_subnormal", .leastNonzeroMagnitude), ("timestamp", 1_795_785_161.345),
        ]
        var values = try MetricFamily(name: "sibyl_test_values", kind: .gauge, help: "Special float values.")
        for (name, value) in cases {
            values.append(try RenderedLabels([("case", name)]), value)
        }
        var sorting = try MetricFamily(
            name: "sibyl_test_sorting",
            kind: .gauge,
            help: "Label sets in Prometheus order."
        )
        let labelSets: [[(name: String, value: String)]] = [
            [("b", "0")], [("a", "2")], [("a", "10")], [("a", "1"), ("b", "2")], [("a", "1")], [],
            [("a", "1 ")], [("a0", "1")], [("a", "é")], [("a", "z")], [("A", "z")],
        ]
        for (index, labels) in labelSets.enumerated() {
            sorting.append(try RenderedLabels(labels), Double(index))
        }
        return [values, sorting]
    }
}
