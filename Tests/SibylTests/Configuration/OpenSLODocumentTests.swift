import Foundation
import Sibyl
import SibylTestSupport
import SibylWire
import Testing

/// OpenSLO v1 `kind: SLO` documents read as Sibyl objectives, from `--openslo.file` and from the `objectives` list.
struct OpenSLODocumentTests {
    static let head = "source:\n  url: http://p:9090/api/v1/read\nselectors: [up]\n"

    /// The spec's examples (README "An example of an SLO where SLI is inlined" and
    /// examples/budgeting-method/occurences-slo.yaml), their queries made Prometheus series selectors, with a
    /// `kind: Service` document between them.
    static let specExamples = """
        apiVersion: openslo/v1
        kind: SLO
        metadata:
          name: foo-slo
          displayName: Foo SLO
        spec:
          service: foo
          indicator:
            metadata:
              name: foo-error
              displayName: Foo Error
            spec:
              ratioMetric:
                counter: true
                good:
                  metricSource:
                    metricSourceRef: prometheus-datasource
                    type: Prometheus
                    spec:
                      query: http_requests_total{code="200"}
                total:
                  metricSource:
                    metricSourceRef: prometheus-datasource
                    type: Prometheus
                    spec:
                      query: http_requests_total
          timeWindow:
            - duration: 28d
              isRolling: true
          budgetingMethod: Occurrences
          objectives:
            - displayName: Foo Total Errors
              target: 0.98
        ---
        apiVersion: openslo/v1
        kind: Service
        metadata:
          name: web-shop
        spec:
          description: The shop.
        ---
        # SLO that measures the time of searching for an item in an online shop.
        apiVersion: openslo/v1
        kind: SLO
        metadata:
          name: search-slo
          displayName: Searching time
        spec:
          description: Regardless of the number of paraller searches it never should be more than 500ms.
          service: web-shop
          indicator:
            metadata:
              name: search-latency
              displayName: Latency of user searches
            spec:
              thresholdMetric:
                metricSource:
                  type: Prometheus
                  spec:
                    query: 'search_latency_milliseconds{job="web-shop"}'
          timeWindow:
            - duration: 2w # Two weeks is a good choice in most cases.
              isRolling: true
          budgetingMethod: Occurrences
          objectives:
            - displayName: Good experience
              op: lt
              value: 500
              target: 0.99
          alertPolicies: []

        """

    /// Writes `files` (name and text) to a fresh directory and loads `sibyl.yml` (the head alone unless given) with
    /// the other files as `--openslo.file`, in order.
    static func load(
        _ files: [(name: String, text: String)], configuration: String = head
    ) throws -> (SibylConfiguration, directory: String) {
        let directory = try TemporaryDirectory(prefix: "sibyl-openslo")
        defer { directory.remove() }
        try Data(configuration.utf8).write(to: directory.file("sibyl.yml"))
        for file in files { try Data(file.text.utf8).write(to: directory.file(file.name)) }
        let loaded = try SibylConfiguration.load(
            contentsOf: directory.file("sibyl.yml").path, openSLOFiles: files.map { directory.file($0.name).path })
        return (loaded, directory.url.path)
    }

    /// The errors of loading `files` as `openSLOFiles` (default: all of them, in order), their directory replaced
    /// by `D`.
    static func errors(
        _ files: [(name: String, text: String)], configuration: String = head, openSLOFiles: [String]? = nil
    ) -> [String] {
        guard let directory = try? TemporaryDirectory(prefix: "sibyl-openslo") else { return ["no directory"] }
        defer { directory.remove() }
        do {
            try Data(configuration.utf8).write(to: directory.file("sibyl.yml"))
            for file in files { try Data(file.text.utf8).write(to: directory.file(file.name)) }
            let names = openSLOFiles ?? files.map(\.name)
            _ = try SibylConfiguration.load(
                contentsOf: directory.file("sibyl.yml").path, openSLOFiles: names.map { directory.file($0).path })
            return []
        } catch let errors as ConfigurationErrors {
            return errors.errors.map { $0.description.replacingOccurrences(of: directory.url.path, with: "D") }
        } catch {
            return ["\(error)"]
        }
    }

    @Test("the spec's ratio and threshold examples, --- separated with a Service, become a ratio and a range objective")
    func specExamplesFromFile() throws {
        let (configuration, directory) = try Self.load([("slo.yaml", Self.specExamples)])
        let file = directory + "/slo.yaml"
        let ratio = try Objective(
            name: "foo-slo", selector: SeriesSelector(parsing: "http_requests_total"), description: "Foo SLO",
            budget: ObjectiveBudget(target: 0.98, period: PrometheusDuration(parsing: "28d")),
            ratio: RatioIndicator(
                counted: .good, events: SeriesSelector(parsing: #"http_requests_total{code="200"}"#),
                total: SeriesSelector(parsing: "http_requests_total")))
        let threshold = try Objective(
            name: "search-slo", selector: SeriesSelector(parsing: #"search_latency_milliseconds{job="web-shop"}"#),
            max: 500,
            description: "Regardless of the number of paraller searches it never should be more than 500ms.",
            budget: ObjectiveBudget(target: 0.99, period: PrometheusDuration(parsing: "2w")))
        #expect(
            configuration.objectives == [
                ObjectiveConfiguration(ratio, line: 32, file: file),
                ObjectiveConfiguration(threshold, line: 66, file: file),
            ])
        #expect(configuration.objectives[0].origin(configurationFile: "sibyl.yml").description == "\(file):32")
    }

    @Test("op: gte and gt give a min, lte a max; targetPercent is a percentage")
    func thresholdBounds() throws {
        let yaml =
            Self.head + """
                objectives:
                  - apiVersion: openslo/v1
                    kind: SLO
                    metadata: {name: free-memory}
                    spec:
                      indicator:
                        spec:
                          thresholdMetric:
                            metricSource: {type: Prometheus, spec: {query: node_memory_MemAvailable_bytes}}
                      budgetingMethod: Timeslices
                      objectives:
                        - {displayName: floor, op: gte, value: 1e8, targetPercent: 99.5, timeSliceTarget: 0.9, timeSliceWindow: 1m}
                        - {displayName: strict floor, op: gt, value: 2e8, target: 0.9}
                        - {op: lte, value: 9e9, target: 0.5}
                """
        let objectives = try SibylConfiguration(yaml: yaml, file: "t.yml").objectives
        #expect(objectives.map(\.objective.name) == ["free-memory-floor", "free-memory-strict_floor", "free-memory-2"])
        #expect(objectives.map(\.objective.min) == [1e8, 2e8, nil])
        #expect(objectives.map(\.objective.max) == [nil, nil, 9e9])
        #expect(objectives.map { $0.objective.budget?.target } == [0.995, 0.9, 0.5])
        #expect(
            objectives.map { $0.objective.budget?.period } == Array(repeating: ObjectiveBudget.defaultPeriod, count: 3))
        #expect(objectives.map(\.line) == [15, 16, 17])
        #expect(objectives.map(\.file) == [nil, nil, nil])
    }

    @Test("an OpenSLO entry joins the Sibyl objectives of the list, bad: counting errors")
    func entryInObjectivesList() throws {
        let yaml =
            Self.head + """
                objectives:
                  - name: load
                    selector: node_load1
                    max: 4
                  - apiVersion: openslo/v1
                    kind: SLO
                    metadata: {name: checkout, displayName: Checkout availability}
                    spec:
                      indicator:
                        spec:
                          ratioMetric:
                            bad: {metricSource: {type: Prometheus, spec: {query: 'http_requests_total{code=~"5.."}'}}}
                            total: {metricSource: {type: Prometheus, spec: {query: http_requests_total}}}
                      timeWindow: [{duration: 1w, isRolling: true}]
                      budgetingMethod: Occurrences
                      objectives: [{target: 0.999}]
                """
        let objectives = try SibylConfiguration(yaml: yaml, file: "t.yml").objectives
        #expect(objectives.map(\.objective.name) == ["load", "checkout"])
        let checkout = objectives[1].objective
        #expect(checkout.ratio?.counted == .errors)
        #expect(checkout.ratio?.events.description == #"http_requests_total{code=~"5.."}"#)
        #expect(checkout.selector.description == "http_requests_total")
        #expect(checkout.budget?.period == PrometheusDuration(milliseconds: 7 * 86_400_000))
        #expect(checkout.description == "Checkout availability")
        #expect(objectives[1].line == 19)
    }

    @Test("indicatorRef names a kind: SLI document of the same file, before or after the SLO")
    func indicatorRef() throws {
        let file = """
            apiVersion: openslo/v1
            kind: SLO
            metadata: {name: api}
            spec:
              indicatorRef: api-errors
              budgetingMethod: Occurrences
              objectives: [{displayName: tight, target: 0.999}, {displayName: loose, target: 0.99}]
            ---
            apiVersion: openslo/v1
            kind: SLI
            metadata: {name: api-errors}
            spec:
              ratioMetric:
                counter: true
                bad: {metricSource: {type: Prometheus, spec: {query: api_errors_total}}}
                total: {metricSource: {type: Prometheus, spec: {query: api_requests_total}}}
            """
        let (configuration, _) = try Self.load([("api.yaml", file)])
        let objectives = configuration.objectives.map(\.objective)
        #expect(objectives.map(\.name) == ["api-tight", "api-loose"])
        #expect(objectives.map { $0.ratio?.events.description } == ["api_errors_total", "api_errors_total"])
        #expect(objectives.map { $0.budget?.target } == [0.999, 0.99])
    }

    @Test("several --openslo.file files add up after the configuration file's objectives")
    func severalFiles() throws {
        let configuration = Self.head + "objectives:\n  - {name: load, selector: node_load1, max: 4}\n"
        let second = """
            apiVersion: openslo/v1
            kind: SLO
            metadata: {name: memory}
            spec:
              indicator: {spec: {thresholdMetric: {metricSource: {type: Prometheus, spec: {query: mem_free}}}}}
              objectives: [{op: gt, value: 1, target: 0.9}]
            """
        let (loaded, _) = try Self.load(
            [("a.yaml", Self.specExamples), ("b.yaml", second)], configuration: configuration)
        #expect(loaded.objectives.map(\.objective.name) == ["load", "foo-slo", "search-slo", "memory"])
        #expect(
            loaded.objectives.map { $0.file.map { URL(fileURLWithPath: $0).lastPathComponent } } == [
                nil, "a.yaml", "a.yaml", "b.yaml",
            ])
    }
}
