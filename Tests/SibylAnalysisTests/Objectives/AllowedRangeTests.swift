import SibylAnalysis
import Testing

struct AllowedRangeTests {
    @Test(
        "excess is the distance past the violated bound, minus the margin inside",
        arguments: [
            (25.0, 5.0), (4, 6), (18, -2), (12, -2), (15, -5), (10, 0), (20, 0), (-.infinity, .infinity),
        ])
    func excessWithBothBounds(value: Double, want: Double) throws {
        let range = try AllowedRange(min: 10, max: 20)
        #expect(range.excess(value) == want)
        #expect(range.isOutside(value) == (want > 0))
    }

    @Test func oneSidedRanges() throws {
        let onlyMin = try AllowedRange(min: 10, max: nil)
        #expect(onlyMin.excess(4) == 6)
        #expect(onlyMin.excess(1e9) == 10 - 1e9)
        #expect(onlyMin.bounds == [.min])
        let onlyMax = try AllowedRange(min: nil, max: 20)
        #expect(onlyMax.excess(25) == 5)
        #expect(onlyMax.excess(-1e9) == -20 - 1e9)
        #expect(onlyMax.bounds == [.max])
        #expect(try AllowedRange(min: 1, max: 2).bounds == [.min, .max])
    }

    @Test func nanIsNeitherInsideNorOutside() throws {
        let range = try AllowedRange(min: 10, max: 20)
        #expect(range.excess(.nan).isNaN)
        #expect(!range.isOutside(.nan))
    }

    @Test(
        "rejects a range without bounds, with non-finite bounds, or with min > max",
        arguments: [(nil, nil), (2, 1), (.nan, 1), (0, .infinity), (-.infinity, nil)] as [(Double?, Double?)])
    func rejectsBadRanges(min: Double?, max: Double?) {
        #expect(throws: AnalysisError.self) { try AllowedRange(min: min, max: max) }
    }

    @Test func degenerateRangeAllowsOneValue() throws {
        let range = try AllowedRange(min: 5, max: 5)
        #expect(!range.isOutside(5))
        #expect(range.isOutside(5.000001))
        #expect(range.limit(.min) == 5 && range.limit(.max) == 5)
        #expect(AllowedRange.Bound.min.rawValue == "min" && AllowedRange.Bound.max.rawValue == "max")
    }
}
