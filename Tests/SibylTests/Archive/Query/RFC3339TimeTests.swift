import Sibyl
import Testing

struct RFC3339TimeTests {
    @Test(
        "valid timestamps to Unix milliseconds (Python's datetime as the reference), fractions truncated",
        arguments: [
            ("2026-11-27T14:00:00Z", 1_795_788_000_000),
            ("2026-11-27T15:00:00.250+01:00", 1_795_788_000_250),
            ("2024-02-29T23:59:59.999999999Z", 1_709_251_199_999),
            ("1969-12-31T23:59:59.5Z", -500),
            ("2000-03-01T00:00:00-05:30", 951_888_600_000),
            ("1970-01-01T00:00:00Z", 0),
            ("0001-01-01T00:00:00Z", -62_135_596_800_000),
            ("9999-12-31T23:59:59Z", 253_402_300_799_000),
        ] as [(String, Int64)])
    func valid(text: String, milliseconds: Int64) {
        #expect(RFC3339Time.milliseconds(text) == milliseconds)
    }

    @Test(
        "what Go's time.RFC3339Nano refuses is refused, never shifted to another day",
        arguments: [
            "2026-02-30T00:00:00Z", "2025-02-29T00:00:00Z", "2026-11-27T24:00:00Z", "2026-11-27T23:60:00Z",
            "2026-11-27T23:59:60Z", "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z", "2026-11-00T00:00:00Z",
            "2026-11-27T14:00:00+0100", "2026-11-27T14:00:00+24:00", "2026-11-27T14:00:00", "2026-11-27 14:00:00Z",
            "2026-11-27t14:00:00Z", "2026-11-27T14:00:00z", "2026-11-27T14:00:00.Z", "2026-11-27T14:00:00.1234567890Z",
            "2026-11-27T14:00Z", "26-11-27T14:00:00Z", "2026-11-27T14:00:00Z ", "+2026-11-27T14:00:00Z", "",
            "2026-11-27T14:00:00.5+01:00:00",
        ])
    func invalid(text: String) {
        #expect(RFC3339Time.milliseconds(text) == nil)
    }

    @Test("a leap day of a century divisible by 400 exists, of another century not")
    func centuries() {
        #expect(RFC3339Time.milliseconds("2000-02-29T00:00:00Z") == 951_782_400_000)
        #expect(RFC3339Time.milliseconds("1900-02-29T00:00:00Z") == nil)
    }
}
