import Foundation
import Logging
import Sibyl
import SibylTestSupport
import SibylWire
import Synchronization
import Testing

struct ObjectivesAPITests {
    static let body = #"{"selector":"node_memory_MemFree_bytes{job=\"node\"}","min":1e8,"description":"free"}"#

    @Test("PUT creates (201) then replaces (200); GET lists and reads; DELETE removes; unknown names are 404")
    func lifecycle() async throws {
        try await ObjectivesServer.with { server in
            let created = try await server.send("PUT", "/api/v1/objectives/free", json: Self.body)
            #expect(created.status == 201)
            #expect(created.headers["content-type"] == "application/json")
            #expect(
                created.text
                    == #"{"data":{"description":"free","min":100000000,"name":"free","origin":"api","#
                    + #""selector":"node_memory_MemFree_bytes{job=\"node\"}"},"status":"success"}"#)
            let replaced = try await server.send(
                "PUT", "/api/v1/objectives/free", json: #"{"name":"free","selector":"up","max":3}"#)
            #expect(replaced.status == 200)
            let list = try await server.send("GET", "/api/v1/objectives", authorization: nil)
            #expect(list.status == 200)
            #expect(
                list.text
                    == #"{"data":[{"max":3,"name":"free","origin":"api","selector":"up"}],"status":"success"}"#)
            let one = try await server.send("GET", "/api/v1/objectives/free", authorization: nil)
            #expect(one.json["data"] as? [String: Any] != nil)
            #expect(try await server.send("DELETE", "/api/v1/objectives/free").status == 200)
            for (method, path) in [
                ("GET", "/api/v1/objectives/free"), ("DELETE", "/api/v1/objectives/free"),
                ("GET", "/api/v1/objectives/free/status"),
            ] {
                let missing = try await server.send(method, path)
                #expect(missing.status == 404, "\(method) \(path)")
                #expect(
                    missing.text == #"{"error":"no objective named \"free\"","errorType":"not_found","status":"error"}"#
                )
            }
        }
    }

    @Test("mutating calls: 401 without a token, with a wrong one or another scheme; nothing changes")
    func unauthorized() async throws {
        try await ObjectivesServer.with { server in
            for authorization in [nil, "Bearer wrong", "Basic czNjcmV0", "Bearer", "Bearer s3cret-toke"] {
                for (method, path) in [
                    ("PUT", "/api/v1/objectives/a"), ("DELETE", "/api/v1/objectives/a"), ("POST", "/api/v1/evaluate"),
                ] {
                    let response = try await server.send(method, path, json: Self.body, authorization: authorization)
                    #expect(response.status == 401, "\(method) \(path) with \(authorization ?? "nothing")")
                    #expect(response.json["errorType"] as? String == "unauthorized")
                    #expect(response.headers["www-authenticate"]?.hasPrefix("Bearer") == true)
                }
            }
            #expect(server.registry.current.objectives.isEmpty)
        }
    }

    @Test("without a configured token the mutating API is disabled: 403 even with a header")
    func forbidden() async throws {
        try await ObjectivesServer.with(token: nil) { server in
            for authorization in [nil, "Bearer anything", "Bearer "] {
                let response = try await server.send(
                    "PUT", "/api/v1/objectives/a", json: Self.body, authorization: authorization)
                #expect(response.status == 403)
                #expect(response.json["errorType"] as? String == "forbidden")
                #expect((response.json["error"] as? String)?.contains("SIBYL_ADMIN_TOKEN") == true)
            }
            #expect(try await server.send("POST", "/api/v1/evaluate").status == 403)
            #expect(try await server.send("GET", "/api/v1/objectives", authorization: nil).status == 200)
        }
    }

    @Test(
        "a bad body is 400 with a message naming the field",
        arguments: [
            (#"{"selector":"up","min":10,"max":5}"#, "min: 10.0 is greater than max 5.0"),
            (#"{"selector":"up{job=}","max":1}"#, "selector: invalid selector at column 8: "),
            (#"{"selector":"up","max":1,"maximum":2}"#, #"maximum: unknown field"#),
            (#"{"name":"b","selector":"up","max":1}"#, #"name: "b" differs from the name in the URL, "a""#),
            (#"{"selector":"up","max":1,"windows":["2d"]}"#, "windows: window 2d is longer than the longest"),
            ("not json", "the body is not valid JSON"),
        ])
    func badData(json: String, expected: String) async throws {
        try await ObjectivesServer.with { server in
            let response = try await server.send("PUT", "/api/v1/objectives/a", json: json)
            #expect(response.status == 400)
            #expect(response.json["status"] as? String == "error")
            #expect(response.json["errorType"] as? String == "bad_data")
            let message = response.json["error"] as? String ?? ""
            #expect(message.hasPrefix(expected), "\(message)")
        }
    }

    @Test("a ratio objective with target, period and by: PUT answers it, GET reads it back, PUT of the answer is 200")
    func budgetRoundTrip() async throws {
        try await ObjectivesServer.with(retention: PrometheusDuration(milliseconds: 30 * 86_400_000)) { server in
            let body =
                #"{"ratio":{"errors":"http_requests_total{code=~\"5..\"}","total":"http_requests_total"},"#
                + #""by":["job","instance"],"target":0.999,"period":"30d","description":"5xx"}"#
            let created = try await server.send("PUT", "/api/v1/objectives/api", json: body)
            #expect(created.status == 201, "\(created.text)")
            let expected =
                #"{"by":["job","instance"],"description":"5xx","name":"api","origin":"api","period":"30d","#
                + #""ratio":{"errors":"http_requests_total{code=~\"5..\"}","total":"http_requests_total"},"#
                + #""selector":"http_requests_total","target":0.999}"#
            #expect(created.text == #"{"data":"# + expected + #","status":"success"}"#)
            let one = try await server.send("GET", "/api/v1/objectives/api", authorization: nil)
            #expect(one.text == #"{"data":"# + expected + #","status":"success"}"#)
            let objective = try #require(server.registry.objective(named: "api")?.objective)
            #expect(objective.budget?.target == 0.999)
            #expect(objective.ratio?.counted == .errors)
            #expect(objective.by == ["job", "instance"])
            // The answer, origin and selector included, goes back as it is.
            let again = try await server.send("PUT", "/api/v1/objectives/api", json: expected)
            #expect(again.status == 200, "\(again.text)")
            #expect(server.registry.objective(named: "api")?.objective == objective)
        }
    }

    @Test(
        "a bad budget is 400 naming the field; a period longer than the archive's retention names period",
        arguments: [
            (#"{"selector":"up","max":1,"target":1.5}"#, "target: must be between 0 and 1 (exclusive)"),
            (#"{"selector":"up","max":1,"target":0.9,"period":"31d"}"#, "period: 31d is longer than archive.retention"),
            (#"{"ratio":{"errors":"e","total":"t"},"target":0.9,"period":"5w"}"#, "period: 35d is longer than archive"),
            (#"{"ratio":{"errors":"e"},"target":0.9}"#, "ratio.total: required"),
            (#"{"ratio":{"errors":"e","total":"t"},"target":0.9,"by":[1]}"#, "by: expected a list of label names"),
        ])
    func badBudget(json: String, expected: String) async throws {
        try await ObjectivesServer.with(retention: PrometheusDuration(milliseconds: 30 * 86_400_000)) { server in
            let response = try await server.send("PUT", "/api/v1/objectives/a", json: json)
            #expect(response.status == 400)
            #expect(response.json["errorType"] as? String == "bad_data")
            let message = response.json["error"] as? String ?? ""
            #expect(message.hasPrefix(expected), "\(message)")
            #expect(server.registry.current.objectives.isEmpty)
        }
    }

    @Test("a bad name in the URL is 400")
    func badName() async throws {
        try await ObjectivesServer.with { server in
            let response = try await server.send("PUT", "/api/v1/objectives/a.b", json: Self.body)
            #expect(response.status == 400)
            #expect((response.json["error"] as? String)?.hasPrefix("name: ") == true)
        }
    }

    @Test("a body over 64 KiB is 413 with a message")
    func tooLarge() async throws {
        try await ObjectivesServer.with { server in
            let padding = String(repeating: " ", count: ObjectivesAPI.maximumBodySize)
            let response = try await server.send("PUT", "/api/v1/objectives/a", json: Self.body + padding)
            #expect(response.status == 413)
            #expect((response.json["error"] as? String)?.contains("65536") == true)
            let exact = String(repeating: " ", count: ObjectivesAPI.maximumBodySize - Self.body.utf8.count)
            #expect(try await server.send("PUT", "/api/v1/objectives/a", json: Self.body + exact).status == 201)
        }
    }

    @Test("the file's objectives: listed with their location, PUT and DELETE are 409 naming file and line")
    func declaredConflict() async throws {
        let declared = ObjectiveConfiguration(
            try Objective(name: "free_memory", selector: SeriesSelector(parsing: "up"), min: 1), line: 61)
        try await ObjectivesServer.with(declared: [declared]) { server in
            let list = try await server.send("GET", "/api/v1/objectives")
            #expect(
                list.text
                    == #"{"data":[{"location":"sibyl.yml:61","min":1,"name":"free_memory","origin":"file","#
                    + #""selector":"up"}],"status":"success"}"#)
            for method in ["PUT", "DELETE"] {
                let response = try await server.send(method, "/api/v1/objectives/free_memory", json: Self.body)
                #expect(response.status == 409)
                #expect(response.json["errorType"] as? String == "conflict")
                #expect((response.json["error"] as? String)?.contains("sibyl.yml:61") == true)
            }
        }
    }

    @Test("/status answers what the provider gives; the default provider says not evaluated")
    func status() async throws {
        struct FixedProvider: ObjectiveStatusProvider {
            func status(of objective: RegisteredObjective) async -> ObjectiveStatus {
                ObjectiveStatus(
                    objective: objective, evaluated: true, evaluatedAt: 1_795_000_000_500,
                    series: [
                        ObjectiveSeriesStatus(
                            labels: ["__name__": "up", "job": "node"],
                            windows: [
                                .init(
                                    window: objective.windows[0], samples: 720, violations: 3, violationSeconds: 15,
                                    complianceRatio: 0.9958, worstValue: 0.5, worstTime: 1_795_000_000_000)
                            ],
                            predictions: [.init(bound: "min", violated: true, intervalViolated: true, etaSeconds: 65)])
                    ])
            }
        }
        try await ObjectivesServer.with { server in
            _ = try await server.send("PUT", "/api/v1/objectives/a", json: #"{"selector":"up","min":1}"#)
            let response = try await server.send("GET", "/api/v1/objectives/a/status")
            #expect(
                response.text
                    == #"{"data":{"evaluated":false,"objective":{"min":1,"name":"a","origin":"api","selector":"up"},"#
                    + #""series":[]},"status":"success"}"#)
        }
        try await ObjectivesServer.with(statusProvider: FixedProvider()) { server in
            _ = try await server.send("PUT", "/api/v1/objectives/a", json: #"{"selector":"up","min":1}"#)
            let response = try await server.send("GET", "/api/v1/objectives/a/status")
            #expect(
                response.text
                    == #"{"data":{"evaluated":true,"evaluated_at":1795000000.5,"#
                    + #""objective":{"min":1,"name":"a","origin":"api","selector":"up"},"series":[{"labels":"#
                    + #"{"__name__":"up","job":"node"},"predictions":[{"bound":"min","eta_seconds":65,"#
                    + #""interval_violated":true,"violated":true}],"#
                    + #""windows":[{"compliance_ratio":0.9958,"samples":720,"violation_seconds":15,"violations":3,"#
                    + #""window":"1h","worst_time":1795000000,"worst_value":0.5}]}]},"status":"success"}"#)
        }
    }

    @Test("POST /api/v1/evaluate calls the trigger: 202 when accepted, 503 when unavailable or absent")
    func evaluate() async throws {
        final class Calls: Sendable {
            let count = Mutex(0)
        }
        let calls = Calls()
        try await ObjectivesServer.with(evaluate: {
            calls.count.withLock { $0 += 1 }
            return .accepted
        }) { server in
            let response = try await server.send("POST", "/api/v1/evaluate")
            #expect(response.status == 202)
            #expect(response.text == #"{"data":{"accepted":true},"status":"success"}"#)
        }
        #expect(calls.count.withLock { $0 } == 1)
        try await ObjectivesServer.with(evaluate: { .unavailable("busy") }) { server in
            let response = try await server.send("POST", "/api/v1/evaluate")
            #expect(response.status == 503)
            #expect(response.json["error"] as? String == "busy")
        }
        try await ObjectivesServer.with { server in
            let response = try await server.send("POST", "/api/v1/evaluate")
            #expect(response.status == 503)
        }
    }

    @Test("objectives created through the API survive a restart of the app over the same archive")
    func survivesRestart() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("sibyl.db").path
        try await ObjectivesServer.with(archiveAt: path) { server in
            let kept = try await server.send("PUT", "/api/v1/objectives/kept", json: Self.body)
            let gone = try await server.send("PUT", "/api/v1/objectives/gone", json: Self.body)
            let deleted = try await server.send("DELETE", "/api/v1/objectives/gone")
            #expect(kept.status == 201)
            #expect(gone.status == 201)
            #expect(deleted.status == 200)
        }
        try await ObjectivesServer.with(archiveAt: path) { server in
            let list = try await server.send("GET", "/api/v1/objectives")
            let names = (list.json["data"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
            #expect(names == ["kept"])
        }
    }

    @Test("50 concurrent PUT and DELETE on random names (seeded) leave the last write per name")
    func concurrentWrites() async throws {
        try await ObjectivesServer.with { server in
            var random = SeededRandom(seed: 6)
            let names = (0..<8).map { "obj-\($0)" }
            let writes: [(name: String, max: Int?)] = (0..<50).map { _ in
                let name = names[Int.random(in: 0..<names.count, using: &random)]
                return (name, Bool.random(using: &random) ? Int.random(in: 1...1000, using: &random) : nil)
            }
            // Each write is sent once every earlier write to the same name has been answered, so "last" is defined
            // per name while different names race each other.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for name in names {
                    let mine = writes.filter { $0.name == name }
                    group.addTask {
                        for write in mine {
                            if let max = write.max {
                                let response = try await server.send(
                                    "PUT", "/api/v1/objectives/\(name)", json: #"{"selector":"up","max":\#(max)}"#)
                                #expect([200, 201].contains(response.status))
                            } else {
                                let response = try await server.send("DELETE", "/api/v1/objectives/\(name)")
                                #expect([200, 404].contains(response.status))
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            var last: [String: Int?] = [:]
            for write in writes { last[write.name] = write.max }
            let expected = last.compactMap { name, max in max.map { (name, Double($0)) } }.sorted { $0.0 < $1.0 }
            let list = try await server.send("GET", "/api/v1/objectives")
            let got = (list.json["data"] as? [[String: Any]] ?? []).compactMap { item -> (String, Double)? in
                guard let name = item["name"] as? String, let max = item["max"] as? Double else { return nil }
                return (name, max)
            }
            #expect(got.map(\.0) == expected.map(\.0))
            #expect(got.map(\.1) == expected.map(\.1))
            #expect(server.registry.generation > 0)
        }
    }

    @Test("50 fully concurrent PUT and DELETE (seeded) leave the served set equal to what the archive reloads")
    func concurrentWritesMatchArchive() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("sibyl.db").path
        let served = try await ObjectivesServer.with(archiveAt: path) { server in
            var random = SeededRandom(seed: 60)
            let writes: [(name: String, max: Int?)] = (0..<50).map { _ in
                let name = "obj-\(Int.random(in: 0..<6, using: &random))"
                return (name, Bool.random(using: &random) ? Int.random(in: 1...1000, using: &random) : nil)
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for write in writes {
                    group.addTask {
                        let path = "/api/v1/objectives/\(write.name)"
                        if let max = write.max {
                            let response = try await server.send("PUT", path, json: #"{"selector":"up","max":\#(max)}"#)
                            #expect([200, 201].contains(response.status))
                        } else {
                            #expect([200, 404].contains(try await server.send("DELETE", path).status))
                        }
                    }
                }
                try await group.waitForAll()
            }
            return try await server.send("GET", "/api/v1/objectives").text
        }
        let reloaded = try await ObjectivesServer.with(archiveAt: path) { server in
            try await server.send("GET", "/api/v1/objectives").text
        }
        #expect(served == reloaded)
    }
}

/// Every change the API makes is logged with what changed and who asked.
struct ObjectivesAPILogTests {
    @Test("create, replace and delete are logged with the objective before and after and the client's address")
    func changesAreLogged() async throws {
        let recorder = LogRecorder()
        try await ObjectivesServer.with(logger: recorder.logger) { server in
            let created = try await server.send("PUT", "/api/v1/objectives/free", json: ObjectivesAPITests.body)
            let replaced = try await server.send("PUT", "/api/v1/objectives/free", json: #"{"selector":"up","max":3}"#)
            let deleted = try await server.send("DELETE", "/api/v1/objectives/free")
            let refused = try await server.send("DELETE", "/api/v1/objectives/free", authorization: "Bearer no")
            let statuses: [Int] = [created.status, replaced.status, deleted.status, refused.status]
            #expect(statuses == [201, 200, 200, 401])
        }
        let changes = recorder.recorded.filter { $0.message.description.hasPrefix("objective ") }
        #expect(changes.map(\.message.description) == ["objective created", "objective replaced", "objective deleted"])
        #expect(changes.allSatisfy { $0.level == .notice && $0.metadata?["objective.name"] == "free" })
        for change in changes {
            let client = change.metadata?["client.address"]?.description ?? ""
            #expect(client.hasPrefix("127.0.0.1:") && Int(client.dropFirst(10)) != nil, "\(client)")
        }
        #expect(changes[0].metadata?["objective.before"] == nil)
        #expect(changes[0].metadata?["objective.after"]?.description.contains(#""min":100000000"#) == true)
        #expect(changes[1].metadata?["objective.before"]?.description.contains("MemFree") == true)
        #expect(changes[1].metadata?["objective.after"]?.description == #"{"max":3,"name":"free","selector":"up"}"#)
        #expect(changes[2].metadata?["objective.before"]?.description.contains(#""max":3"#) == true)
        #expect(changes[2].metadata?["objective.after"] == nil)
        let refused = try #require(
            recorder.recorded.first { $0.message.description.hasPrefix("admin API call refused") })
        #expect(refused.level == .warning)
        #expect(refused.metadata?["http.target"] == "/api/v1/objectives/free")
    }
}
