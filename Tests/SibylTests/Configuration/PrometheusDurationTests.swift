import Sibyl
import Testing

struct PrometheusDurationTests {
    @Test(
        "parses Prometheus syntax",
        arguments: [
            ("0", Int64(0)), ("90s", 90_000), ("5m", 300_000), ("1h30m", 5_400_000), ("250ms", 250),
            ("2d", 172_800_000), ("1w", 604_800_000), ("1y", 31_536_000_000), ("1h0m5s10ms", 3_605_010),
        ])
    func valid(text: String, milliseconds: Int64) throws {
        #expect(try PrometheusDuration(parsing: text).milliseconds == milliseconds)
    }

    @Test(
        "rejects what Prometheus rejects",
        arguments: ["", "5", "m", "1.5h", "5 m", "30m1h", "1h1h", "-5m", "5x", "99999999999999999999y"])
    func invalid(text: String) {
        #expect(throws: DurationParseError.self) { try PrometheusDuration(parsing: text) }
    }

    @Test("renders canonically", arguments: [(Int64(5_400_000), "1h30m"), (0, "0s"), (90, "90ms"), (86_400_000, "1d")])
    func description(milliseconds: Int64, text: String) {
        #expect(PrometheusDuration(milliseconds: milliseconds).description == text)
    }
}
