import SibylWire
import Testing

struct SeriesSelectorTests {
    @Test(
        "renders canonical text",
        arguments: [
            ("up", "up"),
            ("up{}", "up"),
            (#"up{job="node"}"#, #"up{job="node"}"#),
            (#"  {job = 'node' , }"#, #"{job="node"}"#),
            (#"{__name__="up", job="x"}"#, #"up{job="x"}"#),
            (#"{job="x", __name__="up"}"#, #"{job="x",__name__="up"}"#),
            (#"{__name__=~"up|down"}"#, #"{__name__=~"up|down"}"#),
            (#"{__name__="Inf"}"#, #"{__name__="Inf"}"#),
            (#"{__name__="a.b"}"#, #"{__name__="a.b"}"#),
            (#"x{a!="v",b=~"r",c!~"s"}"#, #"x{a!="v",b=~"r",c!~"s"}"#),
            (#"x{a=`\d+`}"#, #"x{a="\\d+"}"#),
            (#"x{a="say \"hi\"\n\t\u0001\u0085"}"#, #"x{a="say \"hi\"\n\t\x01\u0085"}"#),
            (#"x{a='日本語'}"#, #"x{a="日本語"}"#),
            (#"{__name__="up", __name__=~"u.*"}"#, #"{__name__="up",__name__=~"u.*"}"#),
            (#"{__name__="up", job="x", __name__!="down"}"#, #"{__name__="up",job="x",__name__!="down"}"#),
            (#"{"service.name"="api"}"#, #"{"service.name"="api"}"#),
            (#"{"my.metric", job="x"}"#, #"{__name__="my.metric",job="x"}"#),
            (#"{"up", "job"="x"}"#, #"up{job="x"}"#),
            (#"up{'a"b'!~"x", `1a`="y", "日本"=""}"#, #"up{"a\"b"!~"x","1a"="y","日本"=""}"#),
            (#"{"a:b"="x"}"#, #"{"a:b"="x"}"#),
        ]
    )
    func rendersCanonicalText(_ text: String, _ expected: String) throws {
        let selector = try SeriesSelector(parsing: text)
        #expect(selector.description == expected)
        #expect(try SeriesSelector(parsing: expected) == selector)
    }

    @Test("renders selectors built in code")
    func rendersBuiltSelectors() throws {
        let selector = SeriesSelector([
            LabelMatcher("__name__", .equal, "node_cpu_seconds_total"),
            LabelMatcher("mode", .notEqual, "idle"),
        ])
        #expect(selector.description == #"node_cpu_seconds_total{mode!="idle"}"#)
        #expect(selector.metricName == "node_cpu_seconds_total")
        #expect(try SeriesSelector(parsing: selector.description) == selector)
        #expect(SeriesSelector([LabelMatcher("a", .equal, "b")]).metricName == nil)
    }

    @Test("selects series by their labels")
    func selectsSeries() throws {
        let selector = try SeriesSelector(parsing: #"up{job=~"node|prom.*", instance!="a", env!~"dev"}"#)
        #expect(selector.matches(["__name__": "up", "job": "node", "instance": "b"]))
        #expect(selector.matches(["__name__": "up", "job": "prometheus", "env": "prod"]))
        #expect(!selector.matches(["__name__": "up", "job": "node", "instance": "a"]))
        #expect(!selector.matches(["__name__": "up", "job": "nodes"]))
        #expect(!selector.matches(["__name__": "up", "job": "node", "env": "dev"]))
        #expect(!selector.matches(["__name__": "down", "job": "node"]))
        #expect(!selector.matches(["job": "node"]))
    }

    @Test("a compiled selector gives the same verdicts, a regular expression that does not compile included")
    func compiledAgrees() throws {
        let selectors = try [
            SeriesSelector(parsing: #"up{job=~"node|prom.*", instance!="a", env!~"dev"}"#),
            SeriesSelector(parsing: #"{path=~"/var/.*", mode=""}"#),
            SeriesSelector([LabelMatcher("a", .regexMatch, "x("), LabelMatcher("b", .regexNoMatch, "y(")]),
        ]
        let series: [[String: String]] = [
            ["__name__": "up", "job": "node", "instance": "b"], ["__name__": "up", "job": "prometheus", "env": "prod"],
            ["__name__": "up", "job": "node", "instance": "a"], ["__name__": "up", "job": "nodes"],
            ["path": "/var/lib"], ["path": "/var/lib", "mode": "ro"], ["a": "x("], [:],
        ]
        for selector in selectors {
            let compiled = selector.compiled()
            for labels in series {
                #expect(compiled.matches(labels) == selector.matches(labels), "\(selector) \(labels)")
                let list = labels.map { Label($0.key, $0.value) }.sorted()
                #expect(compiled.matches(list) == selector.matches(list))
            }
        }
    }
}
