import Foundation
import Hummingbird
import SibylTestSupport
import SibylWire
import Testing

@testable import Sibyl

/// `POST /api/v1/read` over a real archive file: both response types decoded with SibylWire's decoders, matchers,
/// ranges, the sample limit, bad input and a seeded fuzz run.
struct RemoteReadAPITests {
    static let first: Int64 = 1_700_000_000_000
    static let spacing: Int64 = 60_000

    /// `count` cycles of `sibyl_window_max` (three hosts, two windows) and `sibyl_adf_pvalue` (two hosts), with
    /// awkward values (NaN payloads, the stale marker, ±Inf, −0) among ordinary ones.
    static func cycles(_ count: Int) throws -> [CycleSnapshot] {
        let special: [Double] = [
            Double(bitPattern: 0x7ff8_0000_0000_0001), Sample.staleNaN, .infinity, -.infinity, -0.0, .nan,
        ]
        return try (0..<count).map { index in
            let value = { (offset: Int) in
                (index + offset) % 5 == 0
                    ? special[(index + offset) % special.count] : Double(index * 10 + offset) + 0.5
            }
            var window: [([(String, String)], Double)] = []
            for host in ["a", "b", "c"] {
                for span in ["1h", "3h"] {
                    let labels = [("instance", "\(host):9100"), ("metric", "node_load1"), ("window", span)]
                    window.append((labels, value(window.count)))
                }
            }
            let adf = [("a", 0), ("b", 1)].map { host, offset in
                ([("instance", "\(host):9100"), ("level", "5%"), ("metric", "node_load1")], value(offset + 7))
            }
            return CycleSnapshot(
                time: first + Int64(index) * spacing, duration: 0.25,
                families: [
                    try ArchiveFixture.family("sibyl_window_max", window),
                    try ArchiveFixture.family("sibyl_adf_pvalue", adf),
                ])
        }
    }

    /// What a query must answer, from the snapshots: every series that matches, its samples in range, sorted.
    static func expected(_ snapshots: [CycleSnapshot], _ query: RemoteReadQuery) -> [TimeSeries] {
        guard !query.matchers.isEmpty else { return [] }  // Prometheus' TSDB selects nothing without matchers
        var series: [[Label]: [Sample]] = [:]
        for snapshot in snapshots where query.range.contains(snapshot.time) {
            for family in snapshot.families {
                for sample in family.samples {
                    let labels =
                        ([Label("__name__", family.name.rawValue)]
                        + sample.labels.labels.map { Label($0.name, $0.value) })
                        .sorted()
                    guard SeriesSelector(query.matchers).matches(labels) else { continue }
                    series[labels, default: []].append(Sample(timestamp: snapshot.time, value: sample.value))
                }
            }
        }
        return series.map { TimeSeries(labels: $0.key, samples: $0.value) }
            .sorted { $0.labels.lexicographicallyPrecedes($1.labels) }
    }

    /// Runs `body` with an archive holding `snapshots` and the endpoint over it.
    static func withAPI<T>(
        _ snapshots: [CycleSnapshot], sampleLimit: Int = WebConfiguration.defaultRemoteReadSampleLimit,
        maxAnswerBytes: Int = 256 << 20, concurrencyLimit: Int = 10,
        maxBytesInFrame: Int = StreamedResponseEncoder.defaultMaxBytesInFrame,
        _ body: (RemoteReadAPI) async throws -> T
    ) async throws -> T {
        let fixture = try ArchiveFixture()
        defer { fixture.remove() }
        await fixture.write(snapshots)
        // Five minutes to read: the answers are under test, not the deadline (RemoteReadAPITests+Deadline), and a
        // loaded test run has taken more than the default 30 s.
        let api = RemoteReadAPI(
            store: fixture.archive.results, sampleLimit: sampleLimit, maxAnswerBytes: maxAnswerBytes,
            concurrencyLimit: concurrencyLimit, maxBytesInFrame: maxBytesInFrame, timeout: .seconds(300))
        return try await body(api)
    }

    /// The series of a SAMPLES answer.
    static func samples(_ api: RemoteReadAPI, _ request: RemoteReadRequest) async throws -> [[TimeSeries]] {
        guard case .samples(let body) = try await api.answer(request.encoded()) else {
            throw FixtureError("expected a SAMPLES answer")
        }
        return try SamplesResponseDecoder.decode(body, queryCount: request.queries.count)
    }

    /// The body of a streamed answer.
    static func streamedBody(_ api: RemoteReadAPI, _ request: RemoteReadRequest) async throws -> [UInt8] {
        guard case .streamed(let stream) = try await api.answer(request.encoded()) else {
            throw FixtureError("expected a streamed answer")
        }
        var body: [UInt8] = []
        try await stream.write { body += $0 }
        return body
    }

    /// The series of a streamed answer, per query.
    static func streamed(_ api: RemoteReadAPI, _ request: RemoteReadRequest) async throws -> [[TimeSeries]] {
        var decoder = StreamedResponseDecoder(queries: request.queries)
        let decoded = try decoder.append(try await streamedBody(api, request)) + decoder.finish()
        return request.queries.indices.map { index in decoded.filter { $0.queryIndex == index }.map(\.series) }
    }

    static let all = RemoteReadQuery(
        start: first, end: first + 100 * spacing, matchers: [.init("__name__", .regexMatch, ".+")])

    @Test("both response types answer exactly the archived series and values, sorted; SAMPLES when none is listed")
    func bothResponseTypes() async throws {
        let snapshots = try Self.cycles(12)
        let queries = [
            RemoteReadQuery(
                start: Self.first, end: Self.first + 11 * Self.spacing,
                matchers: [.init("__name__", .equal, "sibyl_window_max")]),
            RemoteReadQuery(
                start: Self.first + 2 * Self.spacing, end: Self.first + 5 * Self.spacing,
                matchers: [.init("__name__", .regexMatch, "sibyl_.*"), .init("instance", .equal, "a:9100")]),
            RemoteReadQuery(
                start: Self.first + 1, end: Self.first + Self.spacing - 1, matchers: Self.all.matchers),
            RemoteReadQuery(start: Self.first, end: Self.first + 11 * Self.spacing, matchers: []),
        ]
        try await Self.withAPI(snapshots) { api throws in
            let expected = queries.map { Self.expected(snapshots, $0) }
            #expect(expected[0].count == 6 && expected[0].allSatisfy { $0.samples.count == 12 })
            #expect(expected[1].count == 3 && expected[1].allSatisfy { $0.samples.count == 4 })
            #expect(expected[2].isEmpty, "no cycle strictly between two cycle times")
            #expect(expected[3].isEmpty, "no matchers, no series (Prometheus' answer)")
            for types in [[], [RemoteReadResponseType.samples], [.samples, .streamedXORChunks]] {
                let request = RemoteReadRequest(queries: queries, acceptedResponseTypes: types)
                #expect(try await Self.samples(api, request) == expected, "\(types)")
            }
            let request = RemoteReadRequest(queries: queries, acceptedResponseTypes: [.streamedXORChunks, .samples])
            #expect(try await Self.streamed(api, request) == expected)
        }
    }

    @Test(
        "matchers =, !=, =~, !~ on the name and on labels",
        arguments: [
            ([LabelMatcher("__name__", .equal, "sibyl_adf_pvalue")], 2),
            ([LabelMatcher("__name__", .notEqual, "sibyl_adf_pvalue")], 6),
            ([LabelMatcher("__name__", .regexMatch, "sibyl_window_.+"), LabelMatcher("window", .equal, "3h")], 3),
            ([LabelMatcher("__name__", .regexMatch, "sibyl_adf_pvalue|sibyl_window_max")], 8),
            ([LabelMatcher("instance", .regexNoMatch, "a:.*|b:.*")], 2),
            ([LabelMatcher("level", .equal, "")], 6),
            ([LabelMatcher("level", .notEqual, "")], 2),
            (
                [
                    LabelMatcher("__name__", .regexMatch, "sibyl_window_maxx?"),
                    LabelMatcher("instance", .notEqual, "c:9100"),
                ], 4
            ),
            ([LabelMatcher("__name__", .regexMatch, "(?i)SIBYL_ADF_PVALUE")], 2),
            ([LabelMatcher("__name__", .equal, "sibyl_window_max"), LabelMatcher("window", .regexMatch, "1")], 0),
        ])
    func matchers(_ matchers: [LabelMatcher], count: Int) async throws {
        let snapshots = try Self.cycles(3)
        try await Self.withAPI(snapshots) { api throws in
            let query = RemoteReadQuery(start: Self.first, end: Self.first + 2 * Self.spacing, matchers: matchers)
            let expected = Self.expected(snapshots, query)
            #expect(expected.count == count)
            let request = RemoteReadRequest(queries: [query], acceptedResponseTypes: [])
            #expect(try await Self.samples(api, request) == [expected])
        }
    }

    @Test(
        "streamed answers cut each series into XOR chunks of at most 120 samples, one frame per chunk at a tiny budget")
    func streamedChunking() async throws {
        let snapshots = try Self.cycles(300)
        let query = RemoteReadQuery(
            start: Self.first, end: Self.first + 300 * Self.spacing,
            matchers: [.init("__name__", .equal, "sibyl_adf_pvalue"), .init("instance", .equal, "a:9100")])
        let request = RemoteReadRequest(queries: [query], acceptedResponseTypes: [.streamedXORChunks])
        for (budget, frames) in [(StreamedResponseEncoder.defaultMaxBytesInFrame, 1), (1, 3)] {
            try await Self.withAPI(snapshots, maxBytesInFrame: budget) { api throws in
                var reader = ChunkedFrameReader()
                reader.append(try await Self.streamedBody(api, request))
                while try reader.next() != nil {}
                #expect(reader.frames == frames, "budget \(budget): 300 samples are 3 chunks of at most 120")
                #expect(try await Self.streamed(api, request) == [Self.expected(snapshots, query)])
            }
        }
    }

    @Test(
        "a SAMPLES request over the sample limit is answered 400; at the limit, or streamed, it is not"
    )
    func sampleLimit() async throws {
        let snapshots = try Self.cycles(5)
        let query = RemoteReadQuery(
            start: Self.first, end: Self.first + 4 * Self.spacing,
            matchers: [.init("__name__", .equal, "sibyl_adf_pvalue")])
        try await Self.withAPI(snapshots, sampleLimit: 9) { api throws in
            await #expect(throws: APIError.badData("exceeded sample limit (9)")) {
                try await api.answer(RemoteReadRequest(queries: [query], acceptedResponseTypes: []).encoded())
            }
            let streamed = RemoteReadRequest(queries: [query], acceptedResponseTypes: [.streamedXORChunks])
            #expect(try await Self.streamed(api, streamed) == [Self.expected(snapshots, query)])
        }
        try await Self.withAPI(snapshots, sampleLimit: 10) { api throws in
            let one = try await Self.samples(api, RemoteReadRequest(queries: [query], acceptedResponseTypes: []))
            #expect(one.map { $0.reduce(0) { $0 + $1.samples.count } } == [10], "at the limit")
            await #expect(throws: APIError.badData("exceeded sample limit (10)"), "the limit is per request") {
                try await api.answer(RemoteReadRequest(queries: [query, query], acceptedResponseTypes: []).encoded())
            }
        }
        try await Self.withAPI(snapshots, sampleLimit: 20) { api throws in
            let answer = try await Self.samples(
                api, RemoteReadRequest(queries: [query, query], acceptedResponseTypes: []))
            #expect(answer.map { $0.reduce(0) { $0 + $1.samples.count } } == [10, 10])
        }
    }

    /// A `ReadRequest` with one query whose one matcher has type 7, which no Prometheus knows.
    static func unknownMatcherType() -> [UInt8] {
        let matcher: [UInt8] = [0x08, 0x07, 0x12, 0x01, UInt8(ascii: "a"), 0x1a, 0x01, UInt8(ascii: "b")]
        let query: [UInt8] = [0x1a, UInt8(matcher.count)] + matcher
        return Snappy.compress([0x0a, UInt8(query.count)] + query)
    }

    /// A `ReadRequest` whose only accepted response type is 5, which no Prometheus knows.
    static func unknownResponseType() -> [UInt8] {
        Snappy.compress([0x10, 0x05])
    }

    static func request(_ matchers: [LabelMatcher], start: Int64 = 0, end: Int64 = 1) -> [UInt8] {
        RemoteReadRequest(queries: [.init(start: start, end: end, matchers: matchers)], acceptedResponseTypes: [])
            .encoded()
    }

    @Test(
        "bad input is answered 400 with a message naming the problem",
        arguments: [
            (Array("not a remote-read request".utf8), "snappy_corrupt"),
            ([0xff, 0xff, 0xff, 0xff, 0x0f, 0x00], "too_large: snappy block declares 4294967295 bytes"),
            ([0x80, 0x80, 0x80, 0x80, 0x01], "too_large"),
            (Snappy.compress([0xff, 0xff, 0xff]), "invalid_protobuf"),
            (unknownMatcherType(), "invalid matcher type 7"),
            (unknownResponseType(), "server does not support any of the requested response types: [5]"),
            (request([.init("job", .regexMatch, "a(b")]), "invalid regular expression \"a(b\" for label \"job\""),
            (request([.init("job", .regexNoMatch, "x[")]), "invalid regular expression"),
            (request([], start: 5, end: 4), "query 0: start 5 is after end 4"),
            (
                RemoteReadRequest(
                    queries: Array(repeating: all, count: RemoteReadAPI.maximumQueries + 1), acceptedResponseTypes: []
                ).encoded(),
                "the request has 1001 queries, more than the 1000 allowed"
            ),
        ])
    func badInput(_ body: [UInt8], message: String) async throws {
        try await Self.withAPI(try Self.cycles(1)) { api throws in
            do {
                _ = try await api.answer(body)
                Issue.record("accepted a bad request")
            } catch let error as APIError {
                #expect(error.status == .badRequest)
                #expect(error.message.contains(message), "\(error.message)")
            }
        }
    }

    @Test("5,000 seeded random mutations of valid requests: each is answered or refused with 400, never a crash")
    func fuzz() async throws {
        let snapshots = try Self.cycles(4)
        let valid = [
            RemoteReadRequest(queries: [Self.all], acceptedResponseTypes: []),
            RemoteReadRequest(
                queries: [
                    .init(
                        start: Self.first, end: Self.first + Self.spacing,
                        matchers: [.init("__name__", .regexMatch, "sibyl_w.*")]),
                    .init(
                        start: Self.first, end: Self.first + 9 * Self.spacing,
                        matchers: [.init("instance", .notEqual, "b:9100")]),
                ],
                acceptedResponseTypes: [.streamedXORChunks]),
            RemoteReadRequest(
                queries: [.init(start: 0, end: .max, matchers: [.init("level", .regexNoMatch, "1%|5%")])],
                acceptedResponseTypes: [.samples, .streamedXORChunks]),
        ]
        try await Self.withAPI(snapshots) { api throws in
            var random = SeededRandom(seed: 0x5eed_7ead)
            var answered = 0
            var refused = 0
            for round in 0..<5000 {
                let body = random.mutate(valid[round % valid.count].encoded())
                do {
                    switch try await api.answer(body) {
                    case .samples(let bytes): #expect(!bytes.isEmpty)
                    case .streamed(let stream): try await stream.write { _ in }
                    }
                    answered += 1
                } catch let error as APIError {
                    #expect(error.status == .badRequest, "round \(round): \(error.message)")
                    #expect(!error.message.isEmpty)
                    refused += 1
                }
            }
            #expect(answered > 50 && refused > 2500, "answered \(answered), refused \(refused)")
        }
    }

    @Test(
        "the literal prefix of a name regex is only what every match starts with",
        arguments: [
            ("sibyl_window_.*", "sibyl_window_"), ("sibyl_window_max", "sibyl_window_max"),
            ("sibyl_adfx?", "sibyl_adf"),
            ("abc*", "ab"), ("ab{2}", "a"), ("ab+", "a"), ("a|b", ""), ("sibyl_(a|b)", ""), ("(?i)abc", ""), (".*", ""),
            ("abc(def)?", "abc"), ("ab\\.c", "ab"), ("ns:metric.*", "ns:metric"),
        ])
    func literalPrefix(_ regex: String, prefix: String) {
        #expect(ResultStore.literalPrefix(ofRegex: regex) == prefix)
    }
}

/// The endpoint behind Sibyl's real HTTP server, read by Sibyl's own remote-read client and by plain HTTP.
struct RemoteReadAPIServerTests {
    static func withServer<T>(_ snapshots: [CycleSnapshot], _ body: (String) async throws -> T) async throws -> T {
        let fixture = try ArchiveFixture()
        defer { fixture.remove() }
        await fixture.write(snapshots)
        let api = RemoteReadAPI(store: fixture.archive.results)
        return try await SibylServerFixture.serve(
            { onServerRunning in
                buildApplication(
                    server: ServerConfiguration(host: "127.0.0.1", port: 0), publisher: ExpositionPublisher(),
                    services: [], remoteRead: api, logger: ArchiveFixture.quiet, onServerRunning: onServerRunning)
            }
        ) { port in
            try await body("http://127.0.0.1:\(port)/api/v1/read")
        }
    }

    @Test("Sibyl's remote-read client reads both response types back; headers and errors are Prometheus'")
    func overHTTP() async throws {
        let snapshots = try RemoteReadAPITests.cycles(6)
        let query = RemoteReadQuery(
            start: RemoteReadAPITests.first, end: RemoteReadAPITests.first + 5 * RemoteReadAPITests.spacing,
            matchers: [
                .init("__name__", .regexMatch, "sibyl_(window_max|adf_pvalue)"), .init("instance", .notEqual, "c:9100"),
            ])
        let expected = RemoteReadAPITests.expected(snapshots, query)
        #expect(expected.count == 6)
        try await Self.withServer(snapshots) { url in
            for type in RemoteReadResponseType.allCases {
                let client = RemoteReadClient(
                    // Five minutes: in the parallel suite, CPU-bound tests can hold the pool that serves the request.
                    configuration: .init(url: url, timeout: .seconds(300), acceptedResponseTypes: [type]))
                var read: [TimeSeries] = []
                let summary = try await client.read([query]) { read.append($0.series) }
                #expect(summary.responseType == type)
                #expect(read == expected, "\(type)")
            }
            let streamed = try await TestHTTP.send(
                url, method: "POST", headers: ["Content-Type": "application/x-protobuf", "Content-Encoding": "snappy"],
                body: Data(RemoteReadRequest(queries: [query], acceptedResponseTypes: [.streamedXORChunks]).encoded()))
            #expect(streamed.status == 200)
            #expect(streamed.headers["content-type"] == RemoteReadResponseType.streamedContentType)
            var decoder = StreamedResponseDecoder(queries: [query])
            let series = try decoder.append(Array(streamed.body)) + decoder.finish()
            #expect(series.map(\.series) == expected)

            let garbage = try await TestHTTP.send(url, method: "POST", body: Data("garbage".utf8))
            #expect(garbage.status == 400)
            #expect(garbage.headers["content-type"] == "application/json")
            #expect(
                garbage.text.contains(#""errorType":"bad_data""#) && garbage.text.contains("snappy"), "\(garbage.text)")

            let oversize = try await TestHTTP.send(
                url, method: "POST", body: Data(repeating: 0x41, count: RemoteReadAPI.maximumBodySize + 1))
            #expect(oversize.status == 400)
            #expect(oversize.text.contains("larger than \(RemoteReadAPI.maximumBodySize) bytes"), "\(oversize.text)")
        }
    }
}

extension RemoteReadAPITests {
    /// 1,000 match-all queries in one small request: the reproduction of a 2.3 GB answer.
    static let thousandQueries = RemoteReadRequest(
        queries: Array(repeating: all, count: RemoteReadAPI.maximumQueries), acceptedResponseTypes: [.samples])

    @Test("the sample limit counts over all the queries of a request, not per query")
    func sampleLimitPerRequest() async throws {
        let snapshots = try Self.cycles(12)  // 8 series x 12 cycles = 96 samples per match-all query
        try await Self.withAPI(snapshots, sampleLimit: 1000) { api throws in
            await #expect(throws: APIError.badData("exceeded sample limit (1000)")) {
                _ = try await api.answer(Self.thousandQueries.encoded())
            }
            let ten = RemoteReadRequest(queries: Array(repeating: Self.all, count: 10), acceptedResponseTypes: [])
            let answers = try await Self.samples(api, ten)
            #expect(answers.count == 10)
            #expect(answers.allSatisfy { $0 == Self.expected(snapshots, Self.all) })
        }
    }

    @Test("a SAMPLES answer that outgrows its byte limit is answered 400, whatever its sample count")
    func answerBytesBounded() async throws {
        let snapshots = try Self.cycles(12)
        try await Self.withAPI(snapshots, sampleLimit: 0, maxAnswerBytes: 64 << 10) { api throws in
            await #expect(throws: APIError.self) { _ = try await api.answer(Self.thousandQueries.encoded()) }
            let one = RemoteReadRequest(queries: [Self.all], acceptedResponseTypes: [.samples])
            #expect(try await Self.samples(api, one) == [Self.expected(snapshots, Self.all)])
        }
    }

    @Test("past the concurrency limit a request is answered 503, and the slot comes back once a stream is written")
    func concurrencyBounded() async throws {
        let snapshots = try Self.cycles(3)
        try await Self.withAPI(snapshots, concurrencyLimit: 1) { api throws in
            let request = RemoteReadRequest(queries: [Self.all], acceptedResponseTypes: [.streamedXORChunks])
            #expect(api.gate.enter())
            #expect(await api.response(to: request.encoded()).status == .serviceUnavailable)
            api.gate.leave()
            let response = await api.response(to: request.encoded())
            #expect(response.status == .ok)
            #expect(api.gate.current == 1, "a streamed answer holds its slot until written")
            let body = response.body
            let writer = CollectingWriter()
            try await body.write(writer)
            #expect(api.gate.current == 0)
            #expect(await writer.bytes.count > 0)
        }
    }
}

/// Collects a response body.
private actor CollectingWriter: ResponseBodyWriter {
    var bytes: [UInt8] = []
    func write(_ buffer: ByteBuffer) async throws { bytes += buffer.readableBytesView }
    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
