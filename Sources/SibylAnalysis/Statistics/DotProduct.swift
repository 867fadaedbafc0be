/// Σᵢ aᵢ·bᵢ with sixteen independent partial sums (four SIMD4 lanes), the kernel of the lag sums and Gram
/// matrices; the summation order differs from a left-to-right loop only by rounding.
enum DotProduct {
    /// Σ_{i<count} a[i]·b[i] over raw memory.
    static func sum(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, count: Int) -> Double {
        let stride = MemoryLayout<Double>.stride
        let rawA = UnsafeRawPointer(a)
        let rawB = UnsafeRawPointer(b)
        func lanes(_ base: UnsafeRawPointer, _ index: Int) -> SIMD4<Double> {
            base.loadUnaligned(fromByteOffset: index * stride, as: SIMD4<Double>.self)
        }
        var s0 = SIMD4<Double>()
        var s1 = SIMD4<Double>()
        var s2 = SIMD4<Double>()
        var s3 = SIMD4<Double>()
        var i = 0
        while i + 16 <= count {
            s0 += lanes(rawA, i) * lanes(rawB, i)
            s1 += lanes(rawA, i + 4) * lanes(rawB, i + 4)
            s2 += lanes(rawA, i + 8) * lanes(rawB, i + 8)
            s3 += lanes(rawA, i + 12) * lanes(rawB, i + 12)
            i += 16
        }
        var tail = 0.0
        while i < count {
            tail += a[i] * b[i]
            i += 1
        }
        let total = (s0 + s1) + (s2 + s3)
        return ((total[0] + total[1]) + (total[2] + total[3])) + tail
    }

    /// Σ_{i<count} a[offsetA + i]·b[offsetB + i] over two arrays; 0 when a range falls outside an array.
    static func sum(_ a: [Double], from offsetA: Int, _ b: [Double], from offsetB: Int, count: Int) -> Double {
        guard count > 0, offsetA >= 0, offsetB >= 0, offsetA + count <= a.count, offsetB + count <= b.count else {
            return 0
        }
        return a.withUnsafeBufferPointer { x in
            b.withUnsafeBufferPointer { y in
                guard let baseX = x.baseAddress, let baseY = y.baseAddress else { return 0 }
                return sum(baseX + offsetA, baseY + offsetB, count: count)
            }
        }
    }
}
