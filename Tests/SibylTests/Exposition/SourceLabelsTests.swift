import Sibyl
import SibylWire
import Testing

struct SourceLabelsTests {
    @Test("the collision key is the derived base as the writer renders it: renamed, __ and empty labels gone, sorted")
    func collisionKey() {
        let key = SourceLabels.collisionKey([
            Label("__name__", "m"), Label("__tenant__", "a"), Label("empty", ""), Label("job", "j"),
            Label("window", "5"),
        ])
        #expect(key == [Label("exported_window", "5"), Label("job", "j"), Label("metric", "m")])
        #expect(
            SourceLabels.collisionKey([Label("__name__", "m"), Label("exported_window", "5"), Label("job", "j")]) == key
        )
        #expect(SourceLabels.collisionKey([Label("__name__", "m"), Label("window", "6"), Label("job", "j")]) != key)
    }
}
