import Foundation
import Sibyl
import SibylWire
import Testing

struct ObjectiveTests {
    static func error(_ json: String, name: String? = nil) -> String? {
        do {
            _ = try Objective.decode(json: Data(json.utf8), name: name)
            return nil
        } catch {
            return error.description
        }
    }

    @Test("JSON round trip: every field, canonical selector, sorted windows, absent fields left out")
    func roundTrip() throws {
        let objective = try Objective.decode(
            json: Data(
                #"""
                {"name": "disk-writes_1", "selector": "node_disk_written_bytes_total{job=\"node\"}",
                 "min": 0, "max": 5e7, "transform": "rate", "windows": ["3h", "1h"], "description": "writes"}
                """#.utf8))
        #expect(objective.name == "disk-writes_1")
        #expect(objective.selector == (try SeriesSelector(parsing: #"node_disk_written_bytes_total{job="node"}"#)))
        #expect(objective.min == 0)
        #expect(objective.max == 50_000_000)
        #expect(objective.transform == .rate)
        #expect(objective.windows?.map(\.description) == ["1h", "3h"])
        #expect(objective.description == "writes")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(objective), as: UTF8.self)
        #expect(
            json
                == #"{"description":"writes","max":50000000,"min":0,"name":"disk-writes_1","#
                + #""selector":"node_disk_written_bytes_total{job=\"node\"}","transform":"rate","windows":["1h","3h"]}"#
        )
        #expect(try JSONDecoder().decode(Objective.self, from: Data(json.utf8)) == objective)

        let minimal = try Objective(name: "m", selector: SeriesSelector(parsing: "up"), max: 1)
        #expect(
            String(decoding: try encoder.encode(minimal), as: UTF8.self) == #"{"max":1,"name":"m","selector":"up"}"#)
    }

    @Test(
        "a bad body names the field",
        arguments: [
            (#"{"name":"a","selector":"up","min":10,"max":5}"#, "min: 10.0 is greater than max 5.0"),
            (#"{"name":"a","selector":"up"}"#, "min: at least one of min and max is required"),
            (#"{"name":"a","selector":"up{job=}","max":1}"#, "selector: invalid selector at column 8: "),
            (#"{"name":"a","selector":"up","max":1,"mxa":2}"#, #"mxa: unknown field"#),
            (#"{"name":"a b","selector":"up","max":1}"#, #"name: "a b" may hold only letters, digits, "_" and "-""#),
            (#"{"name":"","selector":"up","max":1}"#, "name: must not be empty"),
            (#"{"selector":"up","max":1}"#, "name: required"),
            (#"{"name":"a","max":1}"#, "selector: required"),
            (#"{"name":"a","selector":"up","max":"1"}"#, "max: expected a number"),
            (#"{"name":"a","selector":"up","max":1,"transform":"irate"}"#, #"transform: expected "rate", got "irate""#),
            (#"{"name":"a","selector":"up","max":1,"divide_by":"b{x=}"}"#, "divide_by: invalid selector at column 5: "),
            (#"{"name":"a","selector":"up","max":1,"divide_by":2}"#, "divide_by: expected a string"),
            (
                #"{"name":"a","selector":"up","max":1,"transform":"rate","divide_by":"b"}"#,
                #"transform: "rate" cannot be combined with divide_by"#
            ),
            (#"{"name":"a","selector":"up","max":1,"windows":["1x"]}"#, #"windows: not a valid duration "1x""#),
            (#"{"name":"a","selector":"up","max":1,"windows":["1h","60m"]}"#, "windows: duplicate window 1h"),
            (#"{"name":"a","selector":"up","max":1,"windows":[]}"#, "windows: at least one window is required"),
            (#"{"name":"a","selector":"up","max":1,"windows":"1h"}"#, "windows: expected a list of durations"),
            (
                #"{"name":"a","selector":"up","max":1,"windoes":[]}"#,
                #"windoes: unknown field (did you mean "windows"?)"#
            ),
            (#"[1]"#, "an objective must be a JSON object"),
            (#"{"name":"a","#, "the body is not valid JSON"),
        ])
    func badField(json: String, expected: String) {
        let message = Self.error(json)
        #expect(message?.hasPrefix(expected) == true, "\(message ?? "no error")")
    }

    @Test("divide_by round-trips as canonical selector text and is read back")
    func divideByRoundTrip() throws {
        let objective = try Objective.decode(
            json: Data(
                (#"{"name":"m","selector":"node_memory_MemAvailable_bytes","#
                    + #""divide_by":"node_memory_MemTotal_bytes{job=\"node\"}","min":0.1}"#).utf8))
        #expect(objective.divideBy == (try SeriesSelector(parsing: #"node_memory_MemTotal_bytes{job="node"}"#)))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(objective), as: UTF8.self)
        #expect(
            json
                == #"{"divide_by":"node_memory_MemTotal_bytes{job=\"node\"}","min":0.1,"name":"m","#
                + #""selector":"node_memory_MemAvailable_bytes"}"#)
        #expect(try JSONDecoder().decode(Objective.self, from: Data(json.utf8)) == objective)
    }

    @Test("the URL's name fills an absent name and must equal a present one")
    func pathName() throws {
        #expect(
            try Objective.decode(json: Data(#"{"selector":"up","min":1}"#.utf8), name: "from-url").name == "from-url")
        #expect(
            Self.error(#"{"name":"other","selector":"up","min":1}"#, name: "from-url")
                == #"name: "other" differs from the name in the URL, "from-url""#)
    }

    @Test("the read-only fields of API answers are accepted and ignored")
    func readOnlyFields() throws {
        let objective = try Objective.decode(
            json: Data(#"{"name":"a","selector":"up","min":1,"origin":"file","location":"sibyl.yml:3"}"#.utf8))
        #expect(objective.name == "a")
    }

    @Test("non-finite bounds are refused by the initializer")
    func nonFinite() throws {
        let selector = try SeriesSelector(parsing: "up")
        #expect(throws: ObjectiveError.self) { try Objective(name: "a", selector: selector, min: .nan) }
        #expect(throws: ObjectiveError.self) { try Objective(name: "a", selector: selector, max: .infinity) }
        #expect(try Objective(name: "a", selector: selector, min: 1, max: 1).min == 1)
    }

    @Test("names", arguments: [("a", true), ("A-z_09", true), ("", false), ("a.b", false), ("é", false)])
    func names(name: String, valid: Bool) {
        #expect(Objective.isValidName(name) == valid)
    }

    @Test("a name longer than the limit is refused")
    func longName() {
        #expect(!Objective.isValidName(String(repeating: "a", count: Objective.maximumNameLength + 1)))
        #expect(Objective.isValidName(String(repeating: "a", count: Objective.maximumNameLength)))
    }
}
