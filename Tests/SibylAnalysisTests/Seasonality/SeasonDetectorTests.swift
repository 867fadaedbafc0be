import Foundation
import SibylTestSupport
import Testing

@testable import SibylAnalysis

struct SeasonDetectorTests {
    /// Standard normal draws (Box-Muller) from a seeded generator.
    static func noise(_ count: Int, seed: UInt64) -> [Double] {
        var random = SeededRandom(seed: seed)
        return (0..<count).map { _ in
            let u = Double.random(in: Double.ulpOfOne..<1, using: &random)
            let v = Double.random(in: 0..<1, using: &random)
            return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
        }
    }

    @Test("a sine of period 12 with noise and a trend has season 12", arguments: [UInt64(1), 2, 3])
    func sine(seed: UInt64) {
        let noise = Self.noise(720, seed: seed)
        let values = (0..<720).map { (index: Int) -> Double in
            let time = Double(index)
            let season: Double = 5 * sin(2 * Double.pi * time / 12)
            return season + 0.05 * time + noise[index]
        }
        #expect(SeasonDetector.season(values) == 12)
    }

    @Test("a sawtooth of period 24 (a shape far from a sine) has season 24, not a harmonic or a multiple")
    func sawtooth() {
        let noise = Self.noise(2160, seed: 7)
        let values = (0..<2160).map { Double($0 % 24) + 2 * noise[$0] }
        #expect(SeasonDetector.season(values) == 24)
    }

    @Test("white noise, a random walk and a straight line have no season", arguments: [UInt64(11), 12, 13])
    func none(seed: UInt64) {
        let noise = Self.noise(2160, seed: seed)
        #expect(SeasonDetector.season(noise) == nil)
        var walk: [Double] = []
        for value in noise { walk.append((walk.last ?? 0) + value) }
        #expect(SeasonDetector.season(walk) == nil)
        #expect(SeasonDetector.season((0..<720).map(Double.init)) == nil)
    }

    @Test("too short, constant or non-finite: no season")
    func degenerate() {
        #expect(SeasonDetector.season([1, 2, 3]) == nil)
        #expect(SeasonDetector.season([Double](repeating: 4, count: 100)) == nil)
        #expect(SeasonDetector.season([1, .nan] + (0..<100).map { sin(Double($0)) }) == nil)
    }

    @Test("the window must hold two seasons: a period longer than half the window is not found")
    func twoSeasons() {
        func sine(_ count: Int) -> [Double] { (0..<count).map { sin(2 * .pi * Double($0) / 200) } }
        #expect(SeasonDetector.season(sine(300)) == nil)
        // Five cycles give the period to about 1 %.
        #expect(SeasonDetector.season(sine(1000)).map { abs($0 - 200) <= 2 } == true)
    }

    @Test("over 100 seeds: no season in white noise, rarely one in a random walk; periods 60 and 720 found")
    func rates() {
        var found = (noise: 0, walk: 0, short: 0, long: 0)
        for seed in UInt64(100)..<200 {
            let noise = Self.noise(2160, seed: seed)
            if SeasonDetector.season(noise) != nil { found.noise += 1 }
            var walk: [Double] = []
            for value in noise { walk.append((walk.last ?? 0) + value) }
            if SeasonDetector.season(walk) != nil { found.walk += 1 }
            // Amplitude 1 in unit noise: a signal-to-noise ratio of 0.5.
            let short = (0..<2160).map { (index: Int) -> Double in
                sin(2 * Double.pi * Double(index) / 60) + noise[index]
            }
            if let season = SeasonDetector.season(short), abs(season - 60) <= 1 { found.short += 1 }
            let longNoise = Self.noise(8640, seed: seed + 1000)
            let long = (0..<8640).map { (index: Int) -> Double in
                let wave: Double = 3 * sin(2 * Double.pi * Double(index) / 720)
                return wave + longNoise[index]
            }
            if let season = SeasonDetector.season(long), abs(season - 720) <= 14 { found.long += 1 }
        }
        // Measured: 0, 2, 100 and 98 of 100.
        #expect(found.noise <= 1)
        #expect(found.walk <= 5)
        #expect(found.short >= 98)
        #expect(found.long >= 95)
    }
}
