/// An iterative radix-2 complex fast Fourier transform of a power-of-two length with precomputed twiddles.
///
/// `forward` computes Xₖ = Σⱼ xⱼ·e^(−2πi·jk/N); `inverse` the same with +i, unscaled (divide by N yourself).
public struct FFT: Sendable {
    /// The transform length, a power of two.
    public let length: Int
    private let cosines: [Double]
    private let sines: [Double]

    /// Prepares a transform of `length` points.
    /// - Parameter length: a power of two, at least 1.
    /// - Returns: `nil` when `length` is not a positive power of two.
    public init?(length: Int) {
        guard length > 0, length & (length - 1) == 0 else { return nil }
        self.length = length
        let half = length / 2
        var cosines = [Double](repeating: 1, count: Swift.max(half, 1))
        var sines = [Double](repeating: 0, count: Swift.max(half, 1))
        for k in 0..<half {
            let (s, c) = ElementaryFunctions.sinCos(6.283185307179586 * (Double(k) / Double(length)))
            cosines[k] = c
            sines[k] = s
        }
        self.cosines = cosines
        self.sines = sines
    }

    /// The smallest power of two that is at least `minimum`.
    /// - Parameter minimum: the least acceptable length.
    /// - Returns: the length, at least 1.
    public static func powerOfTwo(atLeast minimum: Int) -> Int {
        var length = 1
        while length < minimum { length <<= 1 }
        return length
    }

    /// Transforms `real` + i·`imaginary` in place with the kernel e^(−2πi·jk/N).
    /// - Parameters:
    ///   - real: real parts, `length` values.
    ///   - imaginary: imaginary parts, `length` values.
    public func forward(real: inout [Double], imaginary: inout [Double]) {
        transform(real: &real, imaginary: &imaginary, sign: -1)
    }

    /// Transforms `real` + i·`imaginary` in place with the kernel e^(+2πi·jk/N), without the 1/N factor.
    /// - Parameters:
    ///   - real: real parts, `length` values.
    ///   - imaginary: imaginary parts, `length` values.
    public func inverse(real: inout [Double], imaginary: inout [Double]) {
        transform(real: &real, imaginary: &imaginary, sign: 1)
    }

    private func transform(real: inout [Double], imaginary: inout [Double], sign: Double) {
        let n = length
        guard real.count == n, imaginary.count == n, n > 1 else { return }
        real.withUnsafeMutableBufferPointer { re in
            imaginary.withUnsafeMutableBufferPointer { im in
                var j = 0
                for i in 1..<n {
                    var bit = n >> 1
                    while j & bit != 0 {
                        j ^= bit
                        bit >>= 1
                    }
                    j |= bit
                    if i < j {
                        re.swapAt(i, j)
                        im.swapAt(i, j)
                    }
                }
                var size = 2
                while size <= n {
                    let half = size / 2
                    let stride = n / size
                    var start = 0
                    while start < n {
                        for k in 0..<half {
                            let wr = cosines[k * stride]
                            let wi = sign * sines[k * stride]
                            let a = start + k
                            let b = a + half
                            let tr = re[b] * wr - im[b] * wi
                            let ti = re[b] * wi + im[b] * wr
                            re[b] = re[a] - tr
                            im[b] = im[a] - ti
                            re[a] += tr
                            im[a] += ti
                        }
                        start += size
                    }
                    size <<= 1
                }
            }
        }
    }
}
