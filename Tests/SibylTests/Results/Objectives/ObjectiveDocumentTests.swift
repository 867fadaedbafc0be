import Foundation
import Sibyl
import SibylWire
import Testing

/// The JSON decoding of an objective's error budget and ratio indicator: `target`, `period`, `ratio`, `by`.
struct ObjectiveDocumentTests {
    static let ratioBody =
        #"{"name":"api","ratio":{"errors":"http_requests_total{code=~\"5..\"}","total":"http_requests_total"},"#
        + #""by":["job"],"target":0.999,"period":"7d"}"#

    static func encoded(_ objective: Objective) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(objective), as: UTF8.self)
    }

    @Test("a ratio objective decodes target, period, ratio and by, and its JSON decodes to the same objective")
    func ratioRoundTrip() throws {
        let objective = try Objective.decode(json: Data(Self.ratioBody.utf8))
        #expect(objective.budget?.target == 0.999)
        #expect(objective.budget?.period == (try PrometheusDuration(parsing: "7d")))
        let ratio = try #require(objective.ratio)
        #expect(ratio.counted == .errors)
        #expect(ratio.events == (try SeriesSelector(parsing: #"http_requests_total{code=~"5.."}"#)))
        #expect(ratio.total == (try SeriesSelector(parsing: "http_requests_total")))
        #expect(objective.selector == ratio.total)
        #expect(objective.by == ["job"])
        let json = try Self.encoded(objective)
        #expect(
            json
                == #"{"by":["job"],"name":"api","period":"7d","#
                + #""ratio":{"errors":"http_requests_total{code=~\"5..\"}","total":"http_requests_total"},"#
                + #""selector":"http_requests_total","target":0.999}"#)
        // An answer, selector included, can be sent back as it is.
        #expect(try Objective.decode(json: Data(json.utf8)) == objective)
    }

    @Test("good instead of errors; the period defaults to 30 days; a range objective takes a target too")
    func goodAndDefaults() throws {
        let good = try Objective.decode(
            json: Data(#"{"name":"g","ratio":{"good":"ok_total","total":"all_total"},"target":0.99}"#.utf8))
        #expect(good.ratio?.counted == .good)
        #expect(good.ratio?.events == (try SeriesSelector(parsing: "ok_total")))
        #expect(good.budget?.period == ObjectiveBudget.defaultPeriod)
        #expect(good.by.isEmpty)
        #expect(try Self.encoded(good).contains(#""period":"30d""#))
        let range = try Objective.decode(json: Data(#"{"name":"r","selector":"up","min":1,"target":0.5}"#.utf8))
        #expect(range.budget?.target == 0.5)
        #expect(range.ratio == nil)
        #expect(try Objective.decode(json: Data(try Self.encoded(range).utf8)) == range)
    }

    static let latencyBody =
        #"{"name":"slow","latency":{"histogram":"http_request_duration_seconds{job=\"api\"}","threshold":0.3},"#
        + #""by":["instance"],"target":0.99}"#

    @Test("a latency objective decodes histogram and threshold, and its JSON decodes to the same objective")
    func latencyRoundTrip() throws {
        let objective = try Objective.decode(json: Data(Self.latencyBody.utf8))
        let latency = try #require(objective.latency)
        #expect(latency.histogram == (try SeriesSelector(parsing: #"http_request_duration_seconds{job="api"}"#)))
        #expect(latency.threshold == 0.3)
        #expect(objective.selector == latency.histogram)
        #expect(objective.by == ["instance"])
        #expect(objective.budget?.target == 0.99)
        let json = try Self.encoded(objective)
        #expect(
            json
                == #"{"by":["instance"],"latency":{"histogram":"http_request_duration_seconds{job=\"api\"}","#
                + #""threshold":0.3},"name":"slow","period":"30d","#
                + #""selector":"http_request_duration_seconds{job=\"api\"}","target":0.99}"#)
        #expect(try Objective.decode(json: Data(json.utf8)) == objective)
    }

    @Test(
        "a bad budget, ratio or latency names the field",
        arguments: [
            (#"{"name":"a","selector":"up","max":1,"target":"0.9"}"#, "target: expected a number"),
            (#"{"name":"a","selector":"up","max":1,"target":1}"#, "target: must be between 0 and 1 (exclusive)"),
            (#"{"name":"a","selector":"up","max":1,"target":0}"#, "target: must be between 0 and 1 (exclusive)"),
            (#"{"name":"a","selector":"up","max":1,"period":"7d"}"#, "target: a period needs a target"),
            (#"{"name":"a","selector":"up","max":1,"target":0.9,"period":"7x"}"#, #"period: not a valid duration"#),
            (#"{"name":"a","selector":"up","max":1,"target":0.9,"period":"0s"}"#, "period: must be greater than zero"),
            (#"{"name":"a","selector":"up","max":1,"target":0.9,"period":7}"#, "period: expected a duration"),
            (#"{"name":"a","ratio":"x_total","target":0.9}"#, "ratio: expected an object"),
            (#"{"name":"a","ratio":{"errors":"e","total":"t","bad":"b"},"target":0.9}"#, "ratio.bad: unknown field"),
            (#"{"name":"a","ratio":{"error":"e","total":"t"},"target":0.9}"#, #"ratio.error: unknown field (did you"#),
            (#"{"name":"a","ratio":{"errors":"e"},"target":0.9}"#, "ratio.total: required"),
            (#"{"name":"a","ratio":{"total":"t"},"target":0.9}"#, #"ratio: one of "errors" and "good" is required"#),
            (#"{"name":"a","ratio":{"errors":"e","good":"g","total":"t"},"target":0.9}"#, "ratio: give errors or good"),
            (#"{"name":"a","ratio":{"errors":"e{","total":"t"},"target":0.9}"#, "ratio.errors: invalid selector at"),
            (#"{"name":"a","ratio":{"good":"g","total":"t{x=}"},"target":0.9}"#, "ratio.total: invalid selector at"),
            (#"{"name":"a","ratio":{"errors":1,"total":"t"},"target":0.9}"#, "ratio.errors: expected a series"),
            (#"{"name":"a","ratio":{"errors":"e","total":"t"}}"#, "target: a ratio objective needs a target"),
            (#"{"name":"a","ratio":{"errors":"e","total":"t"},"target":0.9,"min":1}"#, "min: a ratio objective has"),
            (#"{"name":"a","selector":"u","ratio":{"errors":"e","total":"t"},"target":0.9}"#, "selector: a ratio"),
            (#"{"name":"a","ratio":{"errors":"e","total":"t"},"target":0.9,"by":"job"}"#, "by: expected a list"),
            (#"{"name":"a","ratio":{"errors":"e","total":"t"},"target":0.9,"by":["job","job"]}"#, #"by: "job" is"#),
            (#"{"name":"a","ratio":{"errors":"e","total":"t"},"target":0.9,"by":["window"]}"#, #"by: "window" is a"#),
            (#"{"name":"a","ratio":{"errors":"e","total":"t"},"target":0.9,"by":[""]}"#, "by: a label name must not"),
            (#"{"name":"a","selector":"up","max":1,"by":["job"]}"#, "by: only a ratio or latency objective"),
            (#"{"name":"a","latency":"h","target":0.9}"#, "latency: expected an object"),
            (#"{"name":"a","latency":{"histogram":"h"},"target":0.9}"#, "latency.threshold: required"),
            (#"{"name":"a","latency":{"threshold":0.3},"target":0.9}"#, "latency.histogram: required"),
            (#"{"name":"a","latency":{"histogram":"h{","threshold":0.3},"target":0.9}"#, "latency.histogram: invalid"),
            (#"{"name":"a","latency":{"histogram":"h","threshold":"1s"},"target":0.9}"#, "latency.threshold: expected"),
            (#"{"name":"a","latency":{"histogram":"h","treshold":1},"target":0.9}"#, "latency.treshold: unknown field"),
            (#"{"name":"a","latency":{"histogram":"h","threshold":0.3}}"#, "target: a latency objective needs a"),
            (#"{"name":"a","latency":{"histogram":"h","threshold":0.3},"target":0.9,"max":1}"#, "max: a latency"),
            (#"{"name":"a","selector":"u","latency":{"histogram":"h","threshold":0.3},"target":0.9}"#, "selector: a"),
            (
                #"{"name":"a","ratio":{"errors":"e","total":"t"},"latency":{"histogram":"h","threshold":0.3},"#
                    + #""target":0.9}"#, "latency: give ratio or latency, not both"
            ),
            (#"{"name":"a","selector":"up","max":1,"targte":0.9}"#, #"targte: unknown field (did you mean "target"?)"#),
        ])
    func badField(json: String, expected: String) {
        var message: String?
        do {
            _ = try Objective.decode(json: Data(json.utf8))
        } catch {
            message = error.description
        }
        #expect(message?.hasPrefix(expected) == true, "\(message ?? "no error")")
    }
}
