import Sibyl
import SibylWire
import Testing

struct DefaultLabelsTests {
    static let defaults = DefaultLabels([Label("job", "sibyl"), Label("instance", "127.0.0.1:9798")])

    @Test("a series without job and instance gets both, in label order, its own labels unchanged")
    func addsMissing() {
        let own = [Label("__name__", "sibyl_slo_series"), Label("objective", "free_memory")]
        #expect(
            Self.defaults.applied(to: own) == [
                Label("__name__", "sibyl_slo_series"), Label("instance", "127.0.0.1:9798"), Label("job", "sibyl"),
                Label("objective", "free_memory"),
            ])
        #expect(Self.defaults.carried(by: own) == 0)
    }

    @Test("a series' own job and instance win, as with honor_labels; a partial set gets the rest")
    func ownLabelsWin() {
        let node = [
            Label("__name__", "sibyl_window_avg"), Label("instance", "a:9100"), Label("job", "node"),
            Label("metric", "node_load1"), Label("window", "1h"),
        ]
        #expect(Self.defaults.applied(to: node) == node)
        #expect(Self.defaults.carried(by: node) == 2)
        let jobOnly = [Label("__name__", "x"), Label("job", "other"), Label("zone", "z")]
        #expect(
            Self.defaults.applied(to: jobOnly) == [
                Label("__name__", "x"), Label("instance", "127.0.0.1:9798"), Label("job", "other"), Label("zone", "z"),
            ])
        #expect(Self.defaults.carried(by: jobOnly) == 1)
    }

    @Test("labels that sort after every own label, or before, land at the ends; no defaults leave labels as they are")
    func ends() {
        let defaults = DefaultLabels([Label("zz", "last"), Label("aa", "first")])
        #expect(
            defaults.applied(to: [Label("__name__", "m"), Label("m", "v")]) == [
                Label("__name__", "m"), Label("aa", "first"), Label("m", "v"), Label("zz", "last"),
            ])
        #expect(defaults.applied(to: []) == [Label("aa", "first"), Label("zz", "last")])
        let own = [Label("__name__", "m"), Label("job", "j")]
        #expect(DefaultLabels.none.applied(to: own) == own)
        #expect(DefaultLabels.none.isEmpty)
    }

    @Test("the labels are kept sorted by name, one per name (the later wins)")
    func normalized() {
        let labels = DefaultLabels([Label("b", "1"), Label("a", "2"), Label("b", "3")])
        #expect(labels.labels == [Label("a", "2"), Label("b", "3")])
    }
}
