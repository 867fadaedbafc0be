import SibylAnalysis
import SibylTestSupport
import Testing

struct FFTTests {
    @Test func rejectsLengthsThatAreNotPowersOfTwo() {
        #expect(FFT(length: 12) == nil)
        #expect(FFT(length: 0) == nil)
        #expect(FFT.powerOfTwo(atLeast: 17281) == 32768)
    }

    @Test func matchesTheDefinitionAndInverts() throws {
        let n = 16
        let fft = try #require(FFT(length: n))
        var generator = SplitMix(seed: 3)
        let input = (0..<n).map { _ in generator.nextUnit() - 0.5 }
        var real = input
        var imaginary = [Double](repeating: 0, count: n)
        fft.forward(real: &real, imaginary: &imaginary)
        // X₁ = Σ xⱼ·e^(−2πij/16), by hand with the known cosines of multiples of π/8.
        let c = [1, 0.9238795325112867, 0.7071067811865476, 0.38268343236508984, 0]
        func cosine(_ k: Int) -> Double {
            let m = k % 16
            switch m {
            case 0...4: return c[m]
            case 5...8: return -c[8 - m]
            case 9...12: return -c[m - 8]
            default: return c[16 - m]
            }
        }
        var want = 0.0
        for (j, x) in input.enumerated() { want += x * cosine(j) }
        expectClose(real[1], want, rtol: 0, atol: 1e-14, "Re X₁")
        fft.inverse(real: &real, imaginary: &imaginary)
        expectClose(real.map { $0 / Double(n) }, input, rtol: 0, atol: 1e-15, "round trip")
    }
}
