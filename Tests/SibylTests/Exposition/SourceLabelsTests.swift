import SibylWire
import Testing

@testable import Sibyl

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

    @Test("names are escaped in the collision key, so series that differ only by such names collide")
    func collisionKeyEscapes() {
        let dotted = SourceLabels.collisionKey([Label("__name__", "m"), Label("service.name", "a")])
        #expect(dotted == [Label("metric", "m"), Label("service_name", "a")])
        #expect(SourceLabels.collisionKey([Label("__name__", "m"), Label("service_name", "a")]) == dotted)
    }

    @Test("__type__ and __unit__ never become derived labels; a UTF-8 name is kept as it is")
    func typeAndUnitLabels() {
        let base = SourceLabels.base([
            Label("__name__", "http_request_duration"), Label("__type__", "gauge"), Label("__unit__", "seconds"),
            Label("service.name", "api"),
        ])
        #expect(base.map(\.name) == ["metric", "service.name"])
        #expect(SourceLabels.refusal([Label("__name__", "m"), Label("service.name", "a")]) == nil)
    }

    @Test(
        "a series whose names escape alike, or map to one name, is a collision; one no format can carry is invalid",
        arguments: [
            ([Label("a.b", "1"), Label("a_b", "2")], SourceLabels.Refusal.labelCollision),
            ([Label("exported_window", "1"), Label("window", "2")], .labelCollision),
            ([Label("._x", "1")], .invalidLabelName),
        ])
    func refusals(_ labels: [Label], _ refusal: SourceLabels.Refusal) {
        #expect(SourceLabels.refusal([Label("__name__", "m")] + labels) == refusal)
    }
}
