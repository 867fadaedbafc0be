import Sibyl
import Testing

/// A configuration mistake and the exact errors it must give (`file:line:column: message`).
struct ConfigurationMistake: Sendable, CustomTestStringConvertible {
    let name: String
    let yaml: String
    let expected: [String]

    var testDescription: String { name }

    /// A mistake in a file that otherwise has the required source and selectors, placed after them (line 4 on).
    static func after(_ name: String, _ yaml: String, _ expected: String) -> Self {
        Self(
            name: name, yaml: "source:\n  url: http://p:9090/api/v1/read\nselectors: [up]\n" + yaml,
            expected: [expected])
    }
}

struct ConfigurationDecoderTests {
    static func errors(_ yaml: String) -> [String] {
        do {
            _ = try SibylConfiguration(yaml: yaml, file: "t.yml")
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    static let mistakes: [ConfigurationMistake] = [
        .after(
            "unknown key, with a suggestion", "evaluation:\n  interval: 60s\n  windoes: [1h]\n",
            #"t.yml:6:3: unknown key "windoes" in section evaluation (did you mean "windows"?)"#),
        .after(
            "unknown key, dashes for underscores", "web:\n  listen-address: ':1'\n",
            #"t.yml:5:3: unknown key "listen-address" in section web (did you mean "listen_address"?)"#),
        .after(
            "unknown key, nothing close", "limits:\n  series_cap: 10\n",
            #"t.yml:5:3: unknown key "series_cap" in section limits"#),
        .after(
            "unknown section", "limit:\n  max_series: 10\n",
            #"t.yml:4:1: unknown section "limit" (did you mean "limits"?)"#),
        .after(
            "wrong type: a word for an integer", "limits:\n  max_series: lots\n",
            #"t.yml:5:15: limits.max_series: expected an integer, got "lots""#),
        .after(
            "wrong type: a list for a duration", "evaluation:\n  interval: [60s]\n",
            "t.yml:5:13: evaluation.interval: expected a duration such as 60s, got a list"),
        .after(
            "wrong type: a scalar for a section", "evaluation: 60s\n",
            #"t.yml:4:13: section evaluation must be a mapping of keys, got "60s""#),
        .after(
            "wrong type: a scalar for the windows", "evaluation:\n  windows: 1h\n",
            #"t.yml:5:12: evaluation.windows: expected a list of durations such as [1h, 3h, 12h], got "1h""#),
        .after(
            "wrong type: no value", "evaluation:\n  step:\n  interval: 1m\n",
            "t.yml:5:3: evaluation.step: expected a duration such as 60s, got nothing"),
        .after(
            "bad duration: no unit", "evaluation:\n  step: 5\n",
            #"t.yml:5:9: evaluation.step: not a valid duration "5": no unit (use ms, s, m, h, d, w or y)"#),
        .after(
            "bad duration: units out of order", "evaluation:\n  metadata_interval: 30m1h\n",
            #"t.yml:5:22: evaluation.metadata_interval: not a valid duration "30m1h": "#
                + "units must appear once each, largest first"
        ),
        .after(
            "non-positive interval", "evaluation:\n  interval: 0s\n",
            "t.yml:5:13: evaluation.interval: must be greater than zero, got 0s"),
        .after(
            "window shorter than the step", "evaluation:\n  step: 10s\n  windows: [1h, 5s]\n",
            "t.yml:6:17: evaluation.windows: window 5s is shorter than the step 10s"),
        .after(
            "step longer than the default windows", "evaluation:\n  step: 2h\n",
            "t.yml:5:9: evaluation.step: the step 2h is longer than the shortest window 1h"),
        .after(
            "an invalid step is not compared with the windows", "evaluation:\n  step: 2x\n  windows: [1s]\n",
            #"t.yml:5:9: evaluation.step: not a valid duration "2x": unknown unit "x" (use ms, s, m, h, d, w or y)"#),
        .after(
            "stale_after shorter than the interval", "evaluation:\n  interval: 1m\n  stale_after: 30s\n",
            "t.yml:6:16: evaluation.stale_after: 30s is shorter than the interval 1m"),
        .after(
            "stale_after shorter than the default interval", "evaluation:\n  stale_after: 59s\n",
            "t.yml:5:16: evaluation.stale_after: 59s is shorter than the interval 1m"),
        .after(
            "stale_after not positive", "evaluation:\n  stale_after: 0s\n",
            "t.yml:5:16: evaluation.stale_after: must be greater than zero, got 0s"),
        .after(
            "duplicate windows", "evaluation:\n  windows: [1h, 3h, 60m]\n",
            "t.yml:5:21: evaluation.windows: duplicate window 1h (first on line 5)"),
        .after(
            "no windows", "evaluation:\n  windows: []\n",
            "t.yml:5:12: evaluation.windows: at least one window is required"),
        .after(
            "max_series below one", "limits:\n  max_series: 0\n",
            "t.yml:5:15: limits.max_series: must be at least 1, got 0"),
        .after(
            "bad listen address", "web:\n  listen_address: \"9798\"\n",
            #"t.yml:5:19: web.listen_address: not a listen address: "9798" "#
                + #"(use host:port, :port or [ipv6]:port, e.g. ":9798")"#
        ),
        .after(
            "negative remote-read sample limit", "web:\n  remote_read_sample_limit: -1\n",
            "t.yml:5:29: web.remote_read_sample_limit: must be at least 0, got -1"),
        .after(
            "remote-read sample limit not an integer", "web:\n  remote_read_sample_limit: 5e7\n",
            #"t.yml:5:29: web.remote_read_sample_limit: expected an integer, got "5e7""#),
        .after(
            "bad telemetry path", "web:\n  telemetry_path: metrics\n",
            ##"t.yml:5:19: web.telemetry_path: must start with "/" and hold no space, "?" or "#", got "metrics""##),
        ConfigurationMistake(
            name: "bad URL", yaml: "source:\n  url: 127.0.0.1:9090\nselectors: [up]\n",
            expected: [#"t.yml:2:8: source.url: not an absolute http or https URL: "127.0.0.1:9090""#]),
        ConfigurationMistake(
            name: "bad URL scheme", yaml: "source:\n  url: ftp://p/api/v1/read\nselectors: [up]\n",
            expected: [#"t.yml:2:8: source.url: not an absolute http or https URL: "ftp://p/api/v1/read""#]),
        ConfigurationMistake(
            name: "unknown response type",
            yaml: "source:\n  url: http://p/api/v1/read\n  response_type: chunks\nselectors: [up]\n",
            expected: [#"t.yml:3:18: source.response_type: expected "streamed" or "samples", got "chunks""#]),
        ConfigurationMistake(
            name: "missing URL", yaml: "source:\n  timeout: 10s\nselectors: [up]\n",
            expected: [#"t.yml:1:1: missing required key "url" in section source"#]),
        ConfigurationMistake(
            name: "missing sections", yaml: "limits:\n  max_series: 5\n",
            expected: [
                #"t.yml:1:1: missing required section "source""#, #"t.yml:1:1: missing required section "selectors""#,
            ]),
        ConfigurationMistake(
            name: "empty file", yaml: "",
            expected: [
                #"t.yml:1:1: missing required section "source""#, #"t.yml:1:1: missing required section "selectors""#,
            ]),
        ConfigurationMistake(
            name: "empty selectors", yaml: "source:\n  url: http://p/api/v1/read\nselectors: []\n",
            expected: ["t.yml:3:12: selectors: at least one selector is required"]),
        ConfigurationMistake(
            name: "selectors not a list", yaml: "source:\n  url: http://p/api/v1/read\nselectors: up\n",
            expected: [#"t.yml:3:12: selectors: expected a list of PromQL series selectors, got "up""#]),
        ConfigurationMistake(
            name: "bad selector, single-quoted",
            yaml: "source:\n  url: http://p/api/v1/read\nselectors:\n  - '{job=\"node\", instance=}'\n",
            expected: [#"t.yml:4:28: selectors: invalid selector: expected quoted string after "instance=", found "}""#]
        ),
        ConfigurationMistake(
            name: "bad selector with a UTF-8 name, single-quoted",
            yaml: "source:\n  url: http://p/api/v1/read\nselectors:\n  - '{\"http.requests\", \"service.name\"=x}'\n",
            expected: [
                #"t.yml:4:39: selectors: invalid selector: "#
                    + #"expected quoted string after "service.name=", found "x""#
            ]
        ),
        ConfigurationMistake(
            name: "bad selector, plain",
            yaml: "source:\n  url: http://p/api/v1/read\nselectors:\n  - up\n  - up{job=\"node\"\n",
            expected: [
                #"t.yml:5:18: selectors: invalid selector: "#
                    + #"expected "," or "}" after matcher job="node", found end of input"#
            ]),
        ConfigurationMistake(
            name: "bad selector, double-quoted with escapes",
            yaml: "source:\n  url: http://p/api/v1/read\nselectors:\n  - \"{job=\\\"node\\\", x}\"\n",
            expected: [
                #"t.yml:4:5: selectors: invalid selector (at 1:15 of the selector): "#
                    + #"expected "=", "!=", "=~" or "!~" after label name "x", found "}""#
            ]),
        ConfigurationMistake(
            name: "bad selector, not a string",
            yaml: "source:\n  url: http://p/api/v1/read\nselectors:\n  - {job: node}\n",
            expected: [
                #"t.yml:4:5: selectors: expected a PromQL series selector such as '{job="node"}', got a mapping"#
            ]),
        ConfigurationMistake(
            name: "duplicate selector",
            yaml: "source:\n  url: http://p/api/v1/read\nselectors:\n  - up\n  - 'up'\n",
            expected: ["t.yml:5:5: selectors: duplicate selector up (first on line 4)"]),
        ConfigurationMistake(
            name: "duplicate key",
            yaml:
                "source:\n  url: http://p/api/v1/read\nevaluation:\n  interval: 1m\n  step: 5s\n  interval: 2m\n"
                + "selectors: [up]\n",
            expected: [#"t.yml:6:3: duplicate key "interval""#]),
        ConfigurationMistake(
            name: "duplicate section",
            yaml: "source:\n  url: http://p/api/v1/read\nselectors: [up]\n# again\n\n"
                + "source:\n  url: http://q/api/v1/read\n",
            expected: [#"t.yml:6:1: duplicate key "source""#]),
        ConfigurationMistake(
            name: "duplicate key in a flow mapping, at its first occurrence",
            yaml: "source: {url: 'http://p/api/v1/read', url: 'http://q/api/v1/read'}\nselectors: [up]\n",
            expected: [#"t.yml:1:10: duplicate key "url""#]),
        ConfigurationMistake(
            name: "key that is not a string",
            yaml: "source:\n  url: http://p/api/v1/read\n  ? [a]\n  : b\nselectors: [up]\n",
            expected: ["t.yml:3:5: a key must be a string, got a list"]),
        ConfigurationMistake(
            name: "not a mapping", yaml: "- source\n- selectors\n",
            expected: ["t.yml:1:1: the configuration must be a mapping of keys, got a list"]),
        ConfigurationMistake(
            name: "bad YAML: mapping value in a scalar",
            yaml: "source:\n  url: http://p/api/v1/read\n  timeout: 30s: 5\nselectors: [up]\n",
            expected: ["t.yml:3:15: invalid YAML: mapping values are not allowed in this context"]),
        ConfigurationMistake(
            name: "bad YAML: tab indentation", yaml: "source:\n\turl: http://p/api/v1/read\n",
            expected: [
                "t.yml:2:1: invalid YAML: found character that cannot start any token "
                    + "(while scanning for the next token at 2:1)"
            ]),
        ConfigurationMistake(
            name: "bad YAML: unterminated quote", yaml: "source:\n  url: http://p/api/v1/read\nselectors: ['up]\n",
            expected: [
                "t.yml:4:1: invalid YAML: found unexpected end of stream (while scanning a quoted scalar at 3:13)"
            ]),
        ConfigurationMistake(
            name: "bad YAML: two documents", yaml: "source: {}\n---\nselectors: []\n",
            expected: [
                "t.yml:2:1: invalid YAML: expected a single document in the stream, but found another document"
            ]),
    ]

    @Test("each kind of mistake names its line and column", arguments: mistakes)
    func mistake(_ mistake: ConfigurationMistake) {
        #expect(Self.errors(mistake.yaml) == mistake.expected)
    }

    @Test("several mistakes are reported at once, in file order")
    func several() {
        let yaml = """
            web:
              listen_address: nowhere
            source:
              url: http://p/api/v1/read
              timeout: -5s
            evaluation:
              interval: 0s
              step: 1m
              windows: [1h, 30s, 1h]
              windoes: [2h]
            selectors:
              - up
              - '{job=}'
              - up
            limits: {max_series: many}
            extra: true
            """
        #expect(
            Self.errors(yaml) == [
                #"t.yml:2:19: web.listen_address: not a listen address: "nowhere" "#
                    + #"(use host:port, :port or [ipv6]:port, e.g. ":9798")"#,
                #"t.yml:5:12: source.timeout: not a valid duration "-5s": expected a number at position 1"#,
                "t.yml:7:13: evaluation.interval: must be greater than zero, got 0s",
                "t.yml:9:17: evaluation.windows: window 30s is shorter than the step 1m",
                "t.yml:9:22: evaluation.windows: duplicate window 1h (first on line 9)",
                #"t.yml:10:3: unknown key "windoes" in section evaluation (did you mean "windows"?)"#,
                #"t.yml:13:11: selectors: invalid selector: expected quoted string after "job=", found "}""#,
                "t.yml:14:5: selectors: duplicate selector up (first on line 12)",
                #"t.yml:15:22: limits.max_series: expected an integer, got "many""#,
                #"t.yml:16:1: unknown section "extra""#,
            ])
    }

    @Test("nesting deeper than libyaml allows is an error, not a crash")
    func deepNesting() {
        let errors = Self.errors("selectors: " + String(repeating: "[", count: 5000))
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("t.yml:1:") == true)
        #expect(errors.first?.contains("invalid YAML") == true)
    }

    @Test("a repeated key is found quickly in a large file")
    func duplicateKeyInLargeFile() {
        let filler = String(repeating: "  # a comment line\n", count: 40_000)
        let yaml = "source:\n  url: http://p/api/v1/read\n" + filler + "  url: http://q/api/v1/read\nselectors: [up]\n"
        #expect(Self.errors(yaml) == [#"t.yml:40003:3: duplicate key "url""#])
    }

    @Test("a reader error names its line and column")
    func readerError() {
        #expect(
            Self.errors("source:\n  url: a\u{01}b\n") == [
                "t.yml:2:9: invalid YAML: control characters are not allowed"
            ])
    }

    @Test("codes are bounded names for metric labels")
    func codes() throws {
        do {
            _ = try SibylConfiguration(yaml: "limits: {max_series: 0}\n", file: "t.yml")
            Issue.record("expected errors")
        } catch {
            #expect(error.errors.map(\.shortDescription) == ["missing_key", "missing_key", "invalid_value"])
            #expect(error.errors.map(\.code) == [.missingKey, .missingKey, .invalidValue])
        }
    }
}
