import SibylWire
import Testing

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
        "rejects invalid, reserved and repeated label names, naming them",
        arguments: [
            ([("", "x")], ExpositionError.Code.invalidLabelName, #"invalid label name """#),
            ([("0a", "x")], .invalidLabelName, #"invalid label name "0a""#),
            ([("a:b", "x")], .invalidLabelName, #"invalid label name "a:b""#),
            ([("a-b", "x")], .invalidLabelName, #"invalid label name "a-b""#),
            ([("é", "x")], .invalidLabelName, #"invalid label name "é""#),
            ([("a b", "x")], .invalidLabelName, #"invalid label name "a b""#),
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
