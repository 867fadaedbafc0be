public import SibylWire

extension SeededRandom {
    /// 1–40 samples with random gaps (including every delta-of-delta bucket and backwards steps)
    /// and values drawn from specials, repeats, small changes and arbitrary bit patterns.
    /// - Returns: the samples, for round trips through the wire formats.
    public mutating func samples() -> [Sample] {
        let specials: [Double] = [
            .nan, Double(bitPattern: 0x7ff8_0000_0000_0001), Sample.staleNaN, .infinity, -.infinity, 0, -0.0,
            .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude,
            Double(bitPattern: 0x000f_ffff_ffff_ffff),
        ]
        let count = Int.random(in: 1...40, using: &self)
        var timestamp = Int64.random(in: -1_000_000_000_000...4_000_000_000_000, using: &self)
        var value = Double.random(in: -1e6...1e6, using: &self)
        var samples: [Sample] = []
        for _ in 0..<count {
            samples.append(Sample(timestamp: timestamp, value: value))
            switch Int.random(in: 0..<10, using: &self) {
            case 0: timestamp &+= Int64.random(in: -1...1, using: &self)
            case 1: timestamp &+= Int64.random(in: -600_000...600_000, using: &self)
            case 2: timestamp &+= Int64.random(in: Int64.min / 4...Int64.max / 4, using: &self)
            default: timestamp &+= 5000 + Int64.random(in: -3...3, using: &self)
            }
            switch Int.random(in: 0..<8, using: &self) {
            case 0: value = specials[Int.random(in: 0..<specials.count, using: &self)]
            case 1: value = Double(bitPattern: next())
            case 2, 3: break
            case 4: value += 1
            default: value = Double.random(in: -1e12...1e12, using: &self)
            }
        }
        return samples
    }
}
