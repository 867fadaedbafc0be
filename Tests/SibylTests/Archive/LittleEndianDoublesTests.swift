import Foundation
import Testing

@testable import Sibyl

struct LittleEndianDoublesTests {
    @Test("doubles round-trip bit for bit: NaN payloads, −0, ±Inf, subnormals; 8 little-endian bytes each")
    func roundTrip() throws {
        var generator = SystemRandomNumberGenerator()
        let special: [Double] = [
            0, -0.0, .infinity, -.infinity, .nan, Double(bitPattern: 0x7FF0_0000_0000_0001),
            .leastNonzeroMagnitude, .greatestFiniteMagnitude, 0.1,
        ]
        let values = special + (0..<64).map { _ in Double(bitPattern: generator.next()) }
        let data = LittleEndianDoubles.data(values)
        #expect(data.count == values.count * 8)
        #expect(Array(LittleEndianDoubles.data([1])) == [0, 0, 0, 0, 0, 0, 0xF0, 0x3F])
        let back = try #require(LittleEndianDoubles.values(data))
        #expect(back.map(\.bitPattern) == values.map(\.bitPattern))
        #expect(LittleEndianDoubles.values(Data()) == [])
    }

    @Test("a length that is not a multiple of 8 is refused")
    func truncated() {
        #expect(LittleEndianDoubles.values(Data([0, 0, 0, 0, 0, 0, 0xF0])) == nil)
        #expect(LittleEndianDoubles.values(Data(repeating: 0, count: 9)) == nil)
    }
}
