import SibylWire
import Testing

struct GoFloatFormatTests {
    @Test(
        "formats like Go's strconv.FormatFloat(v, 'g', -1, 64)",
        arguments: [
            (0.0, "0"), (-0.0, "-0"), (1, "1"), (-1, "-1"), (0.84, "0.84"), (17_047_408, "1.7047408e+07"),
            (4.2774e-05, "4.2774e-05"), (1e21, "1e+21"), (123_456_789, "1.23456789e+08"), (100_000, "100000"),
            (1e6, "1e+06"), (123_456, "123456"), (1_234_567, "1.234567e+06"), (0.0001, "0.0001"), (0.00001, "1e-05"),
            (999_999, "999999"), (999_999.5, "999999.5"), (99_999.5, "99999.5"), (9.999e-5, "9.999e-05"),
            (0.1 + 0.2, "0.30000000000000004"), (1.0 / 3, "0.3333333333333333"), (123.456, "123.456"),
            (1e100, "1e+100"), (1e-100, "1e-100"), (.leastNonzeroMagnitude, "5e-324"),
            (.greatestFiniteMagnitude, "1.7976931348623157e+308"),
            (2.2250738585072014e-308, "2.2250738585072014e-308"), (9_007_199_254_740_992, "9.007199254740992e+15"),
            (1795785161.345, "1.795785161345e+09"), (-1.5e-10, "-1.5e-10"), (.pi, "3.141592653589793"),
            (.nan, "NaN"), (Double(bitPattern: 0x7FF0_0000_0000_0002), "NaN"), (.infinity, "+Inf"),
            (-.infinity, "-Inf"),
        ] as [(Double, String)]
    )
    func formats(_ value: Double, _ expected: String) {
        #expect(GoFloatFormat.string(value) == expected)
    }

    /// `go-format-float.txt` holds Go 1.19's output for 3,060 doubles (see `go-format-float.go.txt`).
    @Test("agrees with Go on 3,060 recorded doubles")
    func agreesWithRecordedGoOutput() throws {
        let text = String(decoding: try GoldenFile.read("go-format-float.txt"), as: UTF8.self)
        var checked = 0
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count == 2, let bits = UInt64(fields[0], radix: 16) else {
                Issue.record("bad fixture line \(line)")
                continue
            }
            let value = Double(bitPattern: bits)
            #expect(GoFloatFormat.string(value) == String(fields[1]), "bits \(fields[0])")
            checked += 1
        }
        #expect(checked == 3_060)
    }

    @Test("appends to an existing buffer")
    func appends() {
        var buffer = Array("x ".utf8)
        GoFloatFormat.append(2.5, to: &buffer)
        #expect(buffer == Array("x 2.5".utf8))
    }
}
