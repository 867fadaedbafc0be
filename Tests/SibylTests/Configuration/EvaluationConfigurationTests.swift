import Sibyl
import Testing

struct EvaluationConfigurationTests {
    static func duration(_ text: String) throws -> PrometheusDuration { try PrometheusDuration(parsing: text) }

    @Test("windows are kept ascending and the longest is what memory holds")
    func windows() throws {
        let evaluation = EvaluationConfiguration(windows: try ["3h", "1h", "12h", "30m"].map(Self.duration))
        #expect(evaluation.windows == (try ["30m", "1h", "3h", "12h"].map(Self.duration)))
        #expect(evaluation.longestWindow == (try Self.duration("12h")))
        #expect(EvaluationConfiguration(windows: []).longestWindow == PrometheusDuration(milliseconds: 0))
    }

    @Test("the file's windows are sorted too")
    func fileWindowsSorted() throws {
        let configuration = try SibylConfiguration(
            yaml: "source: {url: 'http://p/api/v1/read'}\nselectors: [up]\nevaluation: {windows: [12h, 1h, 3h]}\n",
            file: "t.yml")
        #expect(configuration.evaluation.windows == (try ["1h", "3h", "12h"].map(Self.duration)))
    }

    @Test("a window as long as the step is allowed")
    func windowEqualToStep() throws {
        let configuration = try SibylConfiguration(
            yaml: "source: {url: 'http://p/api/v1/read'}\nselectors: [up]\nevaluation: {step: 1m, windows: [1m]}\n",
            file: "t.yml")
        #expect(configuration.evaluation.longestWindow == (try Self.duration("1m")))
    }

    @Test("stale_after defaults to three intervals, follows the file's interval, and may equal the interval")
    func staleAfter() throws {
        #expect(EvaluationConfiguration().effectiveStaleAfter == (try Self.duration("3m")))
        func load(_ evaluation: String) throws -> EvaluationConfiguration {
            try SibylConfiguration(
                yaml: "source: {url: 'http://p/api/v1/read'}\nselectors: [up]\nevaluation: \(evaluation)\n",
                file: "t.yml"
            ).evaluation
        }
        #expect(try load("{interval: 10s}").effectiveStaleAfter == (try Self.duration("30s")))
        #expect(try load("{stale_after: 1m}").effectiveStaleAfter == (try Self.duration("1m")))
        #expect(try load("{interval: 2m, stale_after: 2m}").effectiveStaleAfter == (try Self.duration("2m")))
        #expect(try load("{stale_after: 10m}").staleAfter == (try Self.duration("10m")))
    }
}
