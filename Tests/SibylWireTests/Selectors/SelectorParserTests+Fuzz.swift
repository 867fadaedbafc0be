import SibylWire
import Testing

extension SelectorParserTests {
    /// Bytes that matter to the grammar, plus some that do not, for mutations.
    private static let alphabet: [UInt8] =
        Array(##"{}"'`=!~,\#:_ .*()[]|+?^$ aZz09xuU7"##.utf8)
        + [0x0A, 0x0D, 0x09, 0x00] + Array("é日😀".utf8)

    /// Longer pieces to splice in.
    private static let tokens: [String] = [
        "{", "}", "=", "!=", "=~", "!~", ",", "\"", "'", "`", "\\", "\\x", "\\u00", "\\U0001F6", "\\777", "\\n",
        "__name__", "up", "job", "Inf", "nan", "on", "# c\n", " ", "\n", ".*", "(", ")", "a|", "[", "x{2,1}", "é",
        "\"a.b\"", "'日'", "{\"x.y\",", "\"service.name\"=", "(?", "(?i)", "(?P<n>", "\\p{", "\\pL", "[:alpha:]", "[^",
        "{2,}", "\\Q", "\\E", "\\d", "\\x{", "-",
    ]

    @Test("survives 100,000 mutated and random inputs")
    func fuzz() {
        var random = SplitMix64(seed: 0x51B7_1E5E_1EC7_0A5)
        let seeds = (Self.valid.map(\.text) + Self.invalid.map(\.text)).map { Array($0.utf8) }
        var parsed = 0
        var failures: [String] = []
        for iteration in 0..<100_000 {
            let bytes = Self.mutate(seeds[iteration % seeds.count], seeds: seeds, using: &random)
            let text = String(decoding: bytes, as: UTF8.self)
            do {
                let selector = try SelectorParser.parse(text)
                parsed += 1
                let rendered = selector.description
                if (try? SelectorParser.parse(rendered)) != selector {
                    failures.append("round trip of \(text.debugDescription) via \(rendered.debugDescription)")
                }
            } catch {
                let lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
                let lineLength =
                    error.line <= lines.count
                    ? lines[error.line - 1].count { $0 & 0xC0 != 0x80 } : -1
                if error.line < 1 || error.column < 1 || error.column > lineLength + 1 || error.message.isEmpty {
                    failures.append("bad position \(error) for \(text.debugDescription)")
                }
            }
        }
        #expect(failures.count == 0, "\(failures.count) failures, first: \(failures.prefix(5))")
        // The mutations must keep a fair share of inputs valid, or the round trip is not exercised.
        #expect(parsed > 5_000, "only \(parsed) inputs parsed")
    }

    /// One random mutation of `seed` (or a random string).
    private static func mutate(
        _ seed: [UInt8],
        seeds: [[UInt8]],
        using random: inout SplitMix64
    ) -> [UInt8] {
        var bytes = seed
        let rounds = Int.random(in: 1...3, using: &random)
        for _ in 0..<rounds {
            switch Int.random(in: 0..<8, using: &random) {
            case 0:
                // Truncate.
                bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &random)))
            case 1, 2:
                // Replace one byte with a grammar byte or any byte.
                guard !bytes.isEmpty else { break }
                let position = Int.random(in: 0..<bytes.count, using: &random)
                bytes[position] =
                    Bool.random(using: &random)
                    ? alphabet.randomElement(using: &random) ?? 0 : UInt8.random(in: 0...255, using: &random)
            case 3:
                // Insert a token.
                let position = Int.random(in: 0...bytes.count, using: &random)
                bytes.insert(contentsOf: (tokens.randomElement(using: &random) ?? "").utf8, at: position)
            case 4:
                // Delete a range.
                guard !bytes.isEmpty else { break }
                let start = Int.random(in: 0..<bytes.count, using: &random)
                let end = min(bytes.count, start + Int.random(in: 1...4, using: &random))
                bytes.removeSubrange(start..<end)
            case 5:
                // Splice the head of this input onto the tail of another.
                let other = seeds.randomElement(using: &random) ?? []
                bytes =
                    Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &random)))
                    + other.suffix(Int.random(in: 0...other.count, using: &random))
            case 6:
                // Flip one bit.
                guard !bytes.isEmpty else { break }
                let position = Int.random(in: 0..<bytes.count, using: &random)
                bytes[position] ^= 1 << UInt8.random(in: 0..<8, using: &random)
            default:
                // A random string over the grammar's alphabet.
                let count = Int.random(in: 0...24, using: &random)
                bytes = (0..<count).map { _ in alphabet.randomElement(using: &random) ?? 0 }
            }
        }
        return bytes
    }
}
