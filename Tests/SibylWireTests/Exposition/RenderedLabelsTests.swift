import Testing

@testable import SibylWire

struct RenderedLabelsTests {
    @Test("sorts labels by name, escapes values and drops empty ones")
    func rendersSortedEscaped() throws {
        let labels = try RenderedLabels([("window", "1h"), ("empty", ""), ("metric", "a\"b\\c\nd")])
        #expect(labels.description == #"{metric="a\"b\\c\nd",window="1h"}"#)
        #expect(labels.labels.map(\.name) == ["metric", "window"])
        #expect(try RenderedLabels(["window": "1h", "metric": "a\"b\\c\nd"]) == labels)
        #expect(RenderedLabels.empty.description == "")
        #expect(try RenderedLabels([("only_empty", "")]) == .empty)
    }

    @Test(
        "rejects empty, reserved and repeated label names, and names that escape alike, naming them",
        arguments: [
            ([("", "x")], ExpositionError.Code.invalidLabelName, #"invalid label name "" (empty)"#),
            (
                [("._x", "x")], .reservedLabelName,
                #"label name "._x" escapes to "__x", which is reserved (starts with "__")"#
            ),
            ([("a.b", "x"), ("a_b", "y")], .duplicateLabelName, #"label names "a.b" and "a_b" both escape to "a_b""#),
            ([("a-b", ""), ("a.b", "y")], .duplicateLabelName, #"label names "a-b" and "a.b" both escape to "a_b""#),
            ([("__name__", "x")], .reservedLabelName, #"label name "__name__" is reserved (starts with "__")"#),
            ([("__", "x")], .reservedLabelName, #"label name "__" is reserved (starts with "__")"#),
            ([("job", "a"), ("x", "y"), ("job", "b")], .duplicateLabelName, #"duplicate label name "job""#),
            ([("job", ""), ("job", "b")], .duplicateLabelName, #"duplicate label name "job""#),
        ] as [([(String, String)], ExpositionError.Code, String)]
    )
    func rejectsBadNames(_ labels: [(String, String)], _ code: ExpositionError.Code, _ message: String) {
        #expect {
            try RenderedLabels(labels.map { (name: $0.0, value: $0.1) })
        } throws: { error in
            (error as? ExpositionError)?.code == code && "\(error)" == message
        }
    }

    @Test("renders UTF-8 names escaped with underscores and quoted, each sorted by the names it writes")
    func rendersUTF8Names() throws {
        let labels = try RenderedLabels([("service.name", "api"), ("a_c", "1"), ("a.d", "2"), ("é0", "3")])
        #expect(labels.labels.map(\.name) == ["a.d", "a_c", "service.name", "é0"])
        #expect(labels.hasUTF8Names)
        let escaped = String(decoding: labels.bytes(for: .underscores), as: UTF8.self)
        #expect(escaped == #"{_0="3",a_c="1",a_d="2",service_name="api"}"#)
        let quoted = String(decoding: labels.bytes(for: .allowUTF8), as: UTF8.self)
        #expect(quoted == #"{"a.d"="2",a_c="1","service.name"="api","é0"="3"}"#)
        #expect(labels.description == quoted)
        let legacy = try RenderedLabels([("job", "x")])
        #expect(!legacy.hasUTF8Names)
        #expect(legacy.bytes(for: .allowUTF8) == legacy.bytes(for: .underscores))
        // Two sets that differ only in a name that escapes alike are different sets.
        #expect(try RenderedLabels([("a.b", "x")]) != RenderedLabels([("a_b", "x")]))
        let hostile = try RenderedLabels([("say \"hi\"\n", "x")])
        #expect(hostile.description == #"{"say \"hi\"\n"="x"}"#)
    }

    @Test(
        "escapes names as prometheus/common's underscores scheme does, colons included",
        arguments: [
            ("service.name", "service_name"), ("job", "job"), ("0day", "_day"), ("a0", "a0"), ("日本", "__"),
            ("a:b", "a_b"), ("a-b.c d", "a_b_c_d"), ("é1", "_1"), ("", ""),
        ])
    func escapesNames(_ name: String, _ escaped: String) {
        #expect(NameEscaping.underscoreEscaped(name) == escaped)
        #expect(NameEscaping.isLegacyLabelName(name) == (name == escaped && !name.isEmpty))
    }

    @Test("accepts names with a single leading underscore")
    func acceptsSingleUnderscore() throws {
        #expect(try RenderedLabels([("_a", "x"), ("_", "y")]).description == #"{_="y",_a="x"}"#)
    }

    @Test("adds labels to a pre-rendered set")
    func addsLabels() throws {
        let source = try RenderedLabels([("metric", "up"), ("job", "node")])
        let derived = try source.adding([("window", "1h")])
        #expect(derived.description == #"{job="node",metric="up",window="1h"}"#)
        #expect(throws: ExpositionError.self) { try source.adding([("job", "other")]) }
    }

    @Test("orders label sets as Prometheus does")
    func ordersLikePrometheus() throws {
        let sets: [[(name: String, value: String)]] = [
            [], [("A", "z")], [("a", "1")], [("a", "1"), ("b", "2")], [("a", "1 ")], [("a", "10")], [("a", "2")],
            [("a", "é")], [("a0", "1")], [("b", "0")],
        ]
        let rendered = try sets.map { try RenderedLabels($0) }
        #expect(rendered.reversed().sorted() == rendered)
        #expect(rendered.shuffled().sorted() == rendered)
        #expect(Set(rendered).count == rendered.count)
    }
}
