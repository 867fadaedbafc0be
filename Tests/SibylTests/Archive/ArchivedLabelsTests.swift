import Foundation
import SibylWire
import Testing

@testable import Sibyl

struct ArchivedLabelsTests {
    @Test(
        "canonical label text is JSON with names in byte order, and reads back",
        arguments: [
            [("a", "x")], [("b", "2"), ("a", "1"), ("B", "0")], [("q", "\"\\\n\t\u{0}\u{1f}\u{7f}é✓")], [],
        ])
    func labelText(_ pairs: [(String, String)]) throws {
        let labels = try RenderedLabels(pairs.map { (name: $0.0, value: $0.1) })
        let text = ArchivedLabels.text(labels)
        #expect(ArchivedLabels.labels(text) == labels)
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: String]
        #expect(object == Dictionary(uniqueKeysWithValues: pairs))
        #expect(ArchivedLabels.labels("{\"\":\"x\"}") == nil)
        #expect(ArchivedLabels.labels("{\"__name__\":\"x\"}") == nil)
        // Prometheus 3's UTF-8 names are kept as they are.
        #expect(ArchivedLabels.labels("{\"service.name\":\"x\"}")?.labels.map(\.name) == ["service.name"])
        #expect(ArchivedLabels.labels("[1]") == nil)
    }

    @Test("the text is fixed: no spaces, names in byte order, only quote, backslash and controls escaped")
    func exactText() throws {
        let labels = try RenderedLabels([
            (name: "b", value: "2"), (name: "a", value: "x\"y\\z\n✓"), (name: "B", value: "0"),
        ])
        #expect(ArchivedLabels.text(labels) == #"{"B":"0","a":"x\"y\\z\u000a✓","b":"2"}"#)
        #expect(ArchivedLabels.text(.empty) == "{}")
    }
}
