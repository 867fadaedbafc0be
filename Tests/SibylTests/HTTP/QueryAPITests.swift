import Foundation
import Hummingbird
import Logging
import Sibyl
import SibylTestSupport
import SibylWire
import Testing

struct QueryAPITests {
    /// Serves the real application with the archive's query API over `store` on a free port.
    static func withServer<T>(_ store: ResultStore, _ body: (String) async throws -> T) async throws -> T {
        return try await ServedApplication.serve(
            { onServerRunning in
                buildApplication(
                    server: ServerConfiguration(host: "127.0.0.1", port: 0), publisher: ExpositionPublisher(),
                    services: [],
                    results: store, logger: Logger(label: "sibyl-test"),
                    onServerRunning: onServerRunning)
            }
        ) { port in
            try await body("http://127.0.0.1:\(port)")
        }
    }

    /// Percent-encodes a parameter value.
    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(
            withAllowedCharacters: CharacterSet(
                charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")) ?? ""
    }

    /// `GET url/api/v1/endpoint?…` with the parameters encoded.
    static func get(
        _ url: String, _ endpoint: String, _ parameters: [(String, String)]
    ) async throws
        -> TestHTTP.Response
    {
        let query = parameters.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
        return try await TestHTTP.send("\(url)/api/v1/\(endpoint)?\(query)")
    }

    static let b = "1795773600"

    @Test("the three endpoints answer in Prometheus' shapes")
    func shapes() async throws {
        let fixture = try await QueryFixture.make(cycles: 3)
        defer { fixture.remove() }
        try await Self.withServer(fixture.store) { url in
            let series = try await Self.get(url, "series", [("match[]", "node_load1{instance=\"b:9100\"}")])
            #expect(series.status == 200)
            #expect(series.headers["content-type"] == "application/json")
            #expect(
                series.text
                    == #"{"data":[{"__name__":"sibyl_window_max","instance":"b:9100","job":"node","#
                    + #""metric":"node_load1","window":"1h"}],"status":"success"}"#)
            let results = try await Self.get(
                url, "results",
                [
                    ("match", "sibyl_window_max{instance=\"b:9100\"}"), ("from", "1795773600"),
                    ("to", "2026-11-27T10:02:00Z"),
                ])
            #expect(
                results.text
                    == #"{"data":{"result":[{"metric":{"__name__":"sibyl_window_max","instance":"b:9100","job":"node","#
                    + #""metric":"node_load1","window":"1h"},"values":[[1795773600,"0"],[1795773660,"2.25"],"#
                    + #"[1795773720,"4.5"]]}],"resultType":"matrix"},"status":"success"}"#)
            let evaluations = try await Self.get(
                url, "evaluations", [("from", "1795773600.001"), ("to", "2026-11-27T11:02:00+01:00")])
            #expect(
                evaluations.text
                    == #"{"data":[{"duration_seconds":1.25,"status":"ok","time":1795773660},"#
                    + #"{"duration_seconds":2.25,"status":"ok","time":1795773720}],"status":"success"}"#)
        }
    }

    @Test(
        "every kind over HTTP gives exactly the archived values, NaN and infinities included",
        arguments: ResultKind.allCases)
    func everyKind(kind: ResultKind) async throws {
        let fixture = try await QueryFixture.make()
        defer { fixture.remove() }
        try await Self.withServer(fixture.store) { url in
            let response = try await Self.get(
                url, "results",
                QueryFixture.everything.map { ("match[]", $0) } + [
                    ("kind", kind.rawValue), ("from", "\(QueryFixture.time(1) / 1000)"),
                    ("to", "\(QueryFixture.time(10) / 1000)"),
                ])
            #expect(response.status == 200)
            let page = try QueryPage.decode(.results, from: response.body)
            let expected = QueryFixture.expected(QueryFixture.everything(of: kind), 1...10)
            #expect(bits(page.answer) == bits(.results(expected)))
        }
    }

    @Test("paging over HTTP: limit and next walk the whole answer while cycles are written")
    func paging() async throws {
        let fixture = try await QueryFixture.make()
        defer { fixture.remove() }
        try await Self.withServer(fixture.store) { url in
            let base = [
                ("match[]", "node_load1"), ("from", "\(QueryFixture.time(0) / 1000)"),
                ("to", "\(QueryFixture.time(30) / 1000)"),
            ]
            let whole = try QueryPage.decode(.results, from: try await Self.get(url, "results", base).body)
            var walked: QueryAnswer?
            var next: String?
            var pages = 0
            repeat {
                let response = try await Self.get(
                    url, "results", base + [("limit", "5")] + (next.map { [("next", $0)] } ?? []))
                #expect(response.status == 200, "\(response.text)")
                let page = try QueryPage.decode(.results, from: response.body)
                walked = walked.map { $0.appending(page.answer) } ?? page.answer
                try await fixture.write((12 + pages)..<(13 + pages))
                next = page.next
                pages += 1
            } while next != nil
            #expect(bits(walked ?? .results([])) == bits(whole.answer))
            #expect(pages == (whole.answer.rowCount + 4) / 5)
        }
    }

    /// A bad request: the endpoint, the parameters, and the exact error message.
    struct BadRequest: Sendable, CustomStringConvertible {
        var endpoint: String
        var parameters: [(String, String)]
        var message: String
        var description: String { "\(endpoint) \(parameters)" }
    }

    static let timeHint =
        " to a valid timestamp (use Unix seconds or RFC 3339, e.g. 1795784400 or 2026-11-27T14:00:00Z)"

    static let badRequests: [BadRequest] = [
        BadRequest(
            endpoint: "series", parameters: [],
            message: #"invalid parameter "match[]": no match[] parameter provided"#),
        BadRequest(
            endpoint: "results", parameters: [("kind", "stats")],
            message: #"invalid parameter "match[]": no match[] parameter provided"#),
        BadRequest(
            endpoint: "results", parameters: [("match[]", "node_load1{instance=}")],
            message:
                #"invalid parameter "match[]": 1:21: expected quoted string after "instance=", found "}" "#
                + #"in "node_load1{instance=}""#
        ),
        BadRequest(
            endpoint: "series", parameters: [("match[]", "{a=~\"(\"}")],
            message:
                #"invalid parameter "match[]": 1:5: invalid regular expression "(": missing closing ): `^(?:()$` "#
                + #"in "{a=~\"(\"}""#
        ),
        BadRequest(
            endpoint: "results", parameters: [("match[]", "{}")],
            message:
                #"invalid parameter "match[]": 1:1: vector selector must contain at least one non-empty matcher "#
                + #"in "{}""#
        ),
        BadRequest(
            endpoint: "results", parameters: [("match[]", "up"), ("from", "yesterday")],
            message:
                #"invalid parameter "from": cannot parse "yesterday""# + timeHint
        ),
        BadRequest(
            endpoint: "evaluations", parameters: [("to", "2026-13-01T00:00:00Z")],
            message:
                #"invalid parameter "to": cannot parse "2026-13-01T00:00:00Z""# + timeHint
        ),
        BadRequest(
            endpoint: "evaluations", parameters: [("from", "nan")],
            message:
                #"invalid parameter "from": cannot parse "nan""# + timeHint
        ),
        BadRequest(
            endpoint: "results", parameters: [("match[]", "up"), ("from", "200"), ("to", "100.5")],
            message: #"invalid parameter "to": end timestamp must not be before start time"#),
        BadRequest(
            endpoint: "evaluations",
            parameters: [("from", "2026-11-27T10:00:00Z"), ("to", "2026-11-27T09:59:59.999Z")],
            message: #"invalid parameter "to": end timestamp must not be before start time"#),
        BadRequest(
            endpoint: "results", parameters: [("match[]", "up"), ("kind", "statistics")],
            message:
                #"invalid parameter "kind": unknown kind "statistics" (one of stats, histograms, stationarity, acf, "#
                + "seasonality, forecast, objectives)"
        ),
        BadRequest(
            endpoint: "series", parameters: [("match[]", "up"), ("limit", "0")],
            message: #"invalid parameter "limit": "0" is not a whole number from 1 to 100000"#),
        BadRequest(
            endpoint: "results", parameters: [("match[]", "up"), ("limit", "100001")],
            message: #"invalid parameter "limit": "100001" is not a whole number from 1 to 100000"#),
        BadRequest(
            endpoint: "evaluations", parameters: [("limit", "ten")],
            message: #"invalid parameter "limit": "ten" is not a whole number from 1 to 100000"#),
        BadRequest(
            endpoint: "evaluations", parameters: [("next", "abc")],
            message:
                #"invalid parameter "next": not a continuation token of this query (give the next of the previous "#
                + "page, with the same match[], kind and endpoint)"
        ),
    ]

    @Test("bad parameters are 400 bad_data with a message naming the parameter", arguments: badRequests)
    func badRequest(_ test: BadRequest) async throws {
        let fixture = try await QueryFixture.make(cycles: 1)
        defer { fixture.remove() }
        try await Self.withServer(fixture.store) { url in
            let response = try await Self.get(url, test.endpoint, test.parameters)
            #expect(response.status == 400)
            #expect(response.headers["content-type"] == "application/json")
            #expect(response.json["status"] as? String == "error")
            #expect(response.json["errorType"] as? String == "bad_data")
            #expect(response.json["error"] as? String == test.message)
        }
    }

    @Test("a token is refused by another query, another range, and a malformed query string is 400")
    func tokens() async throws {
        let fixture = try await QueryFixture.make()
        defer { fixture.remove() }
        try await Self.withServer(fixture.store) { url in
            let range = [("from", "\(QueryFixture.time(0) / 1000)"), ("to", "\(QueryFixture.time(11) / 1000)")]
            let first = try await Self.get(url, "results", [("match[]", "node_load1"), ("limit", "2")] + range)
            let token = try #require(first.json["next"] as? String)
            let other = try await Self.get(url, "results", [("match[]", "node_load2"), ("next", token)])
            #expect(other.status == 400)
            #expect(
                (other.json["error"] as? String)?.hasPrefix(#"invalid parameter "next": not a continuation token"#)
                    == true)
            let kind = try await Self.get(
                url, "results", [("match[]", "node_load1"), ("kind", "acf"), ("next", token)])
            #expect(kind.status == 400)
            let series = try await Self.get(url, "series", [("match[]", "node_load1"), ("next", token)])
            #expect(series.status == 400)
            let moved = try await Self.get(url, "results", [("match[]", "node_load1"), ("from", "0"), ("next", token)])
            #expect(moved.status == 400)
            #expect(
                moved.json["error"] as? String
                    == #"invalid parameter "from": the token was made for from=1795773600000ms"#)
            let same = try await Self.get(url, "results", [("match[]", "node_load1"), ("next", token)] + range)
            #expect(same.status == 200)
            let spaced = try await TestHTTP.send(
                "\(url)/api/v1/series?match%5B%5D=+node_load1%7Binstance%3D%22b:9100%22%7D+")
            #expect(spaced.status == 200)
            #expect(spaced.text.contains(#""instance":"b:9100""#))
        }
    }

    @Test("the query string: + is a space, %XX escapes in names and values, bad escapes name the parameter")
    func queryString() throws {
        let pairs = try QueryParameters.parse("match%5B%5D=a+b%2Bc&&flag&from=%C3%A9&=x")
        #expect(pairs.map(\.name) == ["match[]", "flag", "from", ""])
        #expect(pairs.map(\.value) == ["a b+c", "", "é", "x"])
        #expect(try QueryParameters.parse(nil).isEmpty)
        #expect(throws: QueryError(.badQueryString, parameter: "limit", #"bad percent-encoding in "limit=%zz""#)) {
            try QueryParameters.parse("match[]=up&limit=%zz")
        }
        #expect(throws: QueryError(.badQueryString, parameter: "query", "more than 256 parameters")) {
            try QueryParameters.parse(Array(repeating: "a=1", count: 257).joined(separator: "&"))
        }
    }

    @Test("defaults: to is now and from one hour before it")
    func defaults() async throws {
        let archive = try ArchiveFixture()
        defer { archive.remove() }
        let now = wallClockMilliseconds()
        let times = [now - 7_200_000, now - 1_800_000, now - 60_000]
        await archive.write(try times.map { try ArchiveFixture.windowCycle(time: $0, series: 0..<2) })
        try await Self.withServer(archive.archive.results) { url in
            let page = try QueryPage.decode(.evaluations, from: try await Self.get(url, "evaluations", []).body)
            #expect(
                page.answer
                    == .evaluations(
                        times.dropFirst().map { ArchivedEvaluation(time: $0, durationSeconds: 0.5, status: "ok") }))
            let results = try QueryPage.decode(
                .results, from: try await Self.get(url, "results", [("match[]", "node_load1")]).body)
            #expect(results.answer.rowCount == 4)
            let series = try QueryPage.decode(
                .series, from: try await Self.get(url, "series", [("match[]", "node_load1")]).body)
            #expect(series.answer.rowCount == 2)
        }
    }

    @Test("a seeded fuzz of query strings never crashes: every answer is 200 or 400 in the API's shape")
    func fuzz() async throws {
        let fixture = try await QueryFixture.make(cycles: 4)
        defer { fixture.remove() }
        let fragments = [
            "match[]=", "match=", "match%5B%5D=", "from=", "to=", "kind=", "limit=", "next=", "&", "=", "%", "%2",
            "%zz",
            "%E2%82", "%00", "+", "node_load1", "sibyl_window_max", "%7B", "%7D", "instance%3D%22a%3A9100%22", "%3D~",
            "%22(%22", "stats", "acf", "1795773600", "2026-11-27T10:00:00Z", "-1e300", "1e20", "0.5", "100000", "0",
            "-", ".", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "%C3%A9", "%F0%9F%98%80",
        ]
        var random = SeededRandom(seed: 0x5eed_0007)
        func query() -> String {
            (0..<Int.random(in: 0...12, using: &random)).map { _ in fragments.randomElement(using: &random) ?? "" }
                .joined()
        }
        for iteration in 0..<3000 {
            let text = query()
            let endpoint = ResultQuery.Endpoint.allCases[iteration % 3]
            do {
                let parsed = try ResultQuery(
                    endpoint, parameters: try QueryParameters.parse(text), now: QueryFixture.time(3))
                _ = try await fixture.store.answer(parsed)
            } catch is QueryError {
            }
        }
        try await Self.withServer(fixture.store) { url in
            var sent = 0
            for iteration in 0..<300 {
                let text = query()
                let endpoint = ResultQuery.Endpoint.allCases[iteration % 3]
                guard URL(string: "\(url)/api/v1/\(endpoint.rawValue)?\(text)") != nil else { continue }
                let response = try await TestHTTP.send("\(url)/api/v1/\(endpoint.rawValue)?\(text)")
                #expect(response.status == 200 || response.status == 400, "\(text)")
                #expect(response.json["status"] as? String == (response.status == 200 ? "success" : "error"), "\(text)")
                sent += 1
            }
            #expect(sent > 100)
        }
    }
}
