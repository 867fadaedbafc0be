/// Householder QR triangularization of a small or tall column-major matrix, keeping only R.
///
/// Column-wise backward stable: the R returned is exact for a matrix whose every column differs from the
/// input's by a few ulps of that column's norm, whatever the columns' scales.
enum HouseholderQR {
    /// Reduces the `rows × columns` column-major matrix `a` to its `columns × columns` upper-triangular R
    /// (column-major; rows past `min(rows, columns)` are zero).
    static func triangularFactor(_ a: [Double], rows: Int, columns: Int) -> [Double] {
        var work = a
        let steps = Swift.min(rows, columns)
        work.withUnsafeMutableBufferPointer { m in
            for k in 0..<steps {
                let pivot = k * rows
                var scale = 0.0
                for i in k..<rows { scale = Swift.max(scale, abs(m[pivot + i])) }
                if scale == 0 { continue }
                var norm2 = 0.0
                for i in k..<rows {
                    let v = m[pivot + i] / scale
                    norm2 += v * v
                }
                let norm = norm2.squareRoot() * scale
                let alpha = m[pivot + k] > 0 ? -norm : norm
                // v = x − α·e₁ stored in place; H = I − v·vᵀ/(−α·v₁).
                m[pivot + k] -= alpha
                let beta = -alpha * m[pivot + k]
                if beta != 0 {
                    for j in (k + 1)..<Swift.max(columns, k + 1) {
                        let column = j * rows
                        var dot = 0.0
                        for i in k..<rows { dot += m[pivot + i] * m[column + i] }
                        let factor = dot / beta
                        if factor != 0 {
                            for i in k..<rows { m[column + i] -= factor * m[pivot + i] }
                        }
                    }
                }
                m[pivot + k] = alpha
                for i in (k + 1)..<Swift.max(rows, k + 1) { m[pivot + i] = 0 }
            }
        }
        var r = [Double](repeating: 0, count: columns * columns)
        for j in 0..<columns {
            for i in 0..<Swift.min(j + 1, steps) {
                r[j * columns + i] = work[j * rows + i]
            }
        }
        return r
    }
}
