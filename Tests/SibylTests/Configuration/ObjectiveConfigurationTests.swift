import Foundation
import Sibyl
import SibylWire
import Testing

struct ObjectiveConfigurationTests {
    static let head = "source:\n  url: http://p:9090/api/v1/read\nselectors: [up]\n"

    static func errors(_ yaml: String) -> [String] { ConfigurationDecoderTests.errors(head + yaml) }

    @Test("objectives, archive and the admin token file decode with their lines; defaults when absent")
    func decodes() throws {
        let configuration = try SibylConfiguration(
            yaml: Self.head + """
                objectives:
                  - name: free_memory
                    selector: 'node_memory_MemFree_bytes{job="node"}'
                    min: 1e8
                    description: Free memory stays above 100 MB.

                  - name: disk-writes
                    selector: node_disk_written_bytes_total
                    min: 0
                    max: 50_000_000
                    transform: rate
                    windows: [3h, 1h]
                archive:
                  path: /var/lib/sibyl/sibyl.db
                web:
                  admin_token_file: /etc/sibyl/token
                """,
            file: "t.yml")
        let free = try Objective(
            name: "free_memory", selector: SeriesSelector(parsing: #"node_memory_MemFree_bytes{job="node"}"#),
            min: 100_000_000, description: "Free memory stays above 100 MB.")
        let disk = try Objective(
            name: "disk-writes", selector: SeriesSelector(parsing: "node_disk_written_bytes_total"), min: 0,
            max: 50_000_000, transform: .rate,
            windows: [PrometheusDuration(parsing: "1h"), PrometheusDuration(parsing: "3h")])
        #expect(
            configuration.objectives == [ObjectiveConfiguration(free, line: 5), ObjectiveConfiguration(disk, line: 10)])
        #expect(configuration.archive.path == "/var/lib/sibyl/sibyl.db")
        #expect(configuration.web.adminTokenFile == "/etc/sibyl/token")

        let defaults = try SibylConfiguration(yaml: Self.head + "objectives:\narchive:\n", file: "t.yml")
        #expect(defaults.objectives.isEmpty)
        #expect(defaults.archive == ArchiveConfiguration(path: "sibyl.db"))
        #expect(defaults.web.adminTokenFile == nil)
    }

    @Test("the shipped sibyl.yml declares the first system's five objectives on node exporter names, as ratios")
    func shippedDefaults() throws {
        let path = SibylConfigurationTests.repositoryRoot.appendingPathComponent("sibyl.yml").path
        let configuration = try SibylConfiguration.load(contentsOf: path)
        let objectives = configuration.objectives.map(\.objective)
        #expect(
            objectives.map(\.name) == [
                "disk_written_bytes", "available_memory", "filesystem_available", "active_memory", "received_packets",
            ])
        let metrics = [
            "node_disk_written_bytes_total", "node_memory_MemAvailable_bytes", "node_filesystem_avail_bytes",
            "node_memory_Active_bytes", "node_network_receive_packets_total",
        ]
        let divisors = [
            nil, "node_memory_MemTotal_bytes", "node_filesystem_size_bytes", "node_memory_MemTotal_bytes", nil,
        ]
        for (objective, (metric, divisor)) in zip(objectives, zip(metrics, divisors)) {
            let labels = ["__name__": metric, "job": "node", "device": "eth0", "fstype": "ext4"]
            #expect(objective.selector.matches(labels), "\(objective.name)")
            #expect(objective.description?.isEmpty == false)
            #expect(objective.windows == nil)
            if let divisor {
                #expect(objective.divideBy?.matches(labels.merging(["__name__": divisor]) { $1 }) == true)
            } else {
                #expect(objective.divideBy == nil)
            }
        }
        #expect(objectives.filter { $0.transform == .rate }.map(\.name) == ["disk_written_bytes", "received_packets"])
        // The shares hold on any machine: bounds are fractions of the machine's own totals.
        #expect(objectives[1].min == 0.1)
        #expect(objectives[2].min == 0.05)
        #expect(objectives[3].max == 0.9)
        #expect(!objectives[4].selector.matches(["__name__": metrics[4], "job": "node", "device": "lo"]))
        #expect(!objectives[2].selector.matches(["__name__": metrics[2], "job": "node", "fstype": "tmpfs"]))
        #expect(configuration.archive.path == "sibyl.db")
    }

    @Test("divide_by decodes to the divisor selector")
    func decodesDivideBy() throws {
        let configuration = try SibylConfiguration(
            yaml: Self.head + """
                objectives:
                  - name: memory
                    selector: node_memory_MemAvailable_bytes
                    divide_by: 'node_memory_MemTotal_bytes{job="node"}'
                    min: 0.1
                """,
            file: "t.yml")
        let want = try Objective(
            name: "memory", selector: SeriesSelector(parsing: "node_memory_MemAvailable_bytes"), min: 0.1,
            divideBy: SeriesSelector(parsing: #"node_memory_MemTotal_bytes{job="node"}"#))
        #expect(configuration.objectives == [ObjectiveConfiguration(want, line: 5)])
        #expect(
            want.readSelectors.map(\.description) == [
                "node_memory_MemAvailable_bytes", #"node_memory_MemTotal_bytes{job="node"}"#,
            ])
    }

    static let mistakes: [ConfigurationMistake] = [
        .after(
            "min above max", "objectives:\n  - name: a\n    selector: up\n    min: 10\n    max: 5\n",
            "t.yml:7:10: objectives[0].min: 10.0 is greater than max 5.0"),
        .after(
            "no bound", "objectives:\n  - name: a\n    selector: up\n",
            #"t.yml:5:5: objectives[0]: at least one of "min" and "max" is required"#),
        .after(
            "bad selector, at its column", "objectives:\n  - name: a\n    selector: up{job=}\n    max: 1\n",
            #"t.yml:6:22: objectives[0].selector: invalid selector: expected quoted string after "job=", found "}""#),
        .after(
            "unknown key", "objectives:\n  - name: a\n    selector: up\n    max: 1\n    maxi: 2\n",
            #"t.yml:8:5: unknown key "maxi" in section objectives[0] (did you mean "max"?)"#),
        .after(
            "bad name", "objectives:\n  - name: free memory\n    selector: up\n    max: 1\n",
            #"t.yml:5:11: objectives[0].name: "free memory" is not a valid objective name "#
                + #"(1 to 128 letters, digits, "_" or "-")"#),
        .after(
            "missing name and selector", "objectives:\n  - max: 1\n",
            #"t.yml:5:5: missing required key "name" in section objectives[0]"#
                + "\n"
                + #"t.yml:5:5: missing required key "selector" in section objectives[0]"#),
        .after(
            "a word for a number", "objectives:\n  - name: a\n    selector: up\n    max: lots\n",
            #"t.yml:7:10: objectives[0].max: expected a number, got "lots""#),
        .after(
            "an infinite bound", "objectives:\n  - name: a\n    selector: up\n    max: .inf\n",
            #"t.yml:7:10: objectives[0].max: must be finite, got ".inf""#),
        .after(
            "unknown transform", "objectives:\n  - name: a\n    selector: up\n    max: 1\n    transform: irate\n",
            #"t.yml:8:16: objectives[0].transform: expected "rate", got "irate""#),
        .after(
            "bad divide_by, at its column",
            "objectives:\n  - name: a\n    selector: up\n    divide_by: b{x=~}\n    max: 1\n",
            #"t.yml:7:21: objectives[0].divide_by: invalid selector: expected quoted string after "x=~", found "}""#),
        .after(
            "divide_by with transform",
            "objectives:\n  - name: a\n    selector: up\n    transform: rate\n    divide_by: b\n    max: 1\n",
            #"t.yml:8:5: objectives[0].transform: "rate" cannot be combined with divide_by "#
                + "(the ratio's samples are judged as they are)"),
        .after(
            "window longer than the longest evaluation window",
            "objectives:\n  - name: a\n    selector: up\n    max: 1\n    windows: [1h, 1d]\n",
            "t.yml:8:19: objectives[0].windows: window 1d is longer than the longest evaluation window 12h"),
        .after(
            "duplicate names, with the first line",
            "objectives:\n  - name: a\n    selector: up\n    max: 1\n  - name: a\n    selector: up\n    min: 0\n",
            #"t.yml:8:11: objectives[1].name: duplicate objective "a" (first on line 5)"#),
        .after(
            "objectives not a list", "objectives: {name: a}\n",
            "t.yml:4:13: objectives: expected a list of objectives, each a mapping with name, selector, min, max, "
                + "got a mapping"),
        .after(
            "unknown archive key", "archive:\n  file: x.db\n",
            #"t.yml:5:3: unknown key "file" in section archive"#),
        .after(
            "unknown web key", "web:\n  admin_token: x\n",
            #"t.yml:5:3: unknown key "admin_token" in section web"#),
    ]

    @Test("each objective mistake names its line and column", arguments: mistakes)
    func mistake(_ mistake: ConfigurationMistake) {
        #expect(ConfigurationDecoderTests.errors(mistake.yaml).joined(separator: "\n") == mistake.expected.joined())
    }
}
