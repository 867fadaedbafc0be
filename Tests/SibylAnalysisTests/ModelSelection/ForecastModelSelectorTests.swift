import Foundation
import SibylAnalysis
import Testing

struct ForecastModelSelectorTests {
    /// A uniform draw in [−1, 1) from a fixed linear congruential sequence.
    static func noise(_ count: Int, seed: UInt64) -> [Double] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 52) - 1
        }
    }

    @Test("the validation horizon is the horizon unless the window cannot hold it once per origin and twice more")
    func validationHorizon() {
        let selector = ForecastModelSelector(horizon: 120)
        #expect(selector.validationHorizon(count: 8640) == 120)
        #expect(selector.validationHorizon(count: 600) == 120)
        #expect(selector.validationHorizon(count: 500) == 100)
        #expect(selector.validationHorizon(count: 3) == 1)
        #expect(selector.validationCount(season: nil) == 600)
        #expect(selector.validationCount(season: 200) == 4 * 200 + 3 * 120)
        #expect(ForecastModelSelector(horizon: 10).validationCount(season: 12) == 240)
    }

    @Test("a strong season with a trend goes to a seasonal smoothing model, far ahead of the seasonal naive forecast")
    func seasonal() throws {
        let noise = Self.noise(720, seed: 3)
        let y: [Double] = (0..<720).map { (index: Int) -> Double in
            let time = Double(index)
            return 20 + 5 * sin(time * 2 * .pi / 12) + time / 50 + 0.2 * noise[index]
        }
        let choice = ForecastModelSelector(horizon: 24).choose(y, season: 12)
        let seasonal: [ForecastModel] = [.holtWinters, .dampedHoltWinters]
        #expect(seasonal.contains(choice.model), "\(choice)")
        #expect(choice.validation.map { $0.model } == ForecastModel.candidates(season: 12))
        let chosen = try #require(choice.validation.first { $0.model == choice.model }?.meanAbsoluteError)
        let naive = try #require(choice.validation.first { $0.model == .seasonalNaive }?.meanAbsoluteError)
        #expect(chosen < naive / 2)
    }

    @Test("a random walk keeps the naive forecast: no candidate beats it by more than the validation's noise")
    func randomWalk() {
        var kept = 0
        for seed in UInt64(1)...20 {
            var level = 0.0
            let y = Self.noise(600, seed: seed).map { step in
                level += step
                return level
            }
            if ForecastModelSelector(horizon: 60).choose(y, season: nil).model == .naive { kept += 1 }
        }
        #expect(kept >= 15, "naive kept for \(kept) of 20 random walks")
    }

    @Test("a candidate that cannot be fitted at an origin is left out with its reason")
    func failures() {
        // 30 values, season 12: the earliest origin leaves 15, under the two seasons a seasonal model needs.
        let y = (0..<30).map { Double($0 % 12) }
        let choice = ForecastModelSelector(horizon: 5).choose(y, season: 12)
        let holtWinters = choice.validation.first { $0.model == .holtWinters }
        #expect(holtWinters?.meanAbsoluteError == nil && holtWinters?.failure != nil)
        #expect(choice.validation.contains { $0.meanAbsoluteError != nil })
    }
}
