/// The thin SVD `A = U·diag(s)·Vᵀ` of a column-major `rows × columns` matrix by one-sided (Hestenes) Jacobi.
///
/// Plane rotations make the columns of `A·V` mutually orthogonal; then `sᵢ = ‖(A·V)ᵢ‖` and
/// `uᵢ = (A·V)ᵢ / sᵢ`. The singular values come out with high relative accuracy (Demmel–Veselić), so a
/// value far below `1e-15·max(s)` is known to be below it, which statsmodels' cut-off rules need.
struct SingularValueDecomposition {
    /// Singular values, in the order of the columns of ``v`` (not sorted).
    let values: [Double]
    /// `A·V`, column-major `rows × columns`: column i is `sᵢ·uᵢ`.
    let scaledLeft: [Double]
    /// V, column-major `columns × columns`, orthogonal.
    let v: [Double]
    /// Rows of A.
    let rows: Int
    /// Columns of A.
    let columns: Int

    /// Decomposes `a` (`rows × columns`, column-major).
    init(_ a: [Double], rows: Int, columns: Int) {
        var v = [Double](repeating: 0, count: columns * columns)
        for i in 0..<columns { v[i * columns + i] = 1 }
        self.init(rotated: a, v: v, rows: rows, columns: columns)
    }

    /// The SVD of `[A; 0 | column]` started from this one of A: `A` gains zero rows up to `column.count`
    /// (≥ rows) and the new column; the old columns `A·V` are already orthogonal, so only the new column needs
    /// rotating in (a warm start for nested designs; the result is the same SVD).
    func appending(column: ArraySlice<Double>) -> SingularValueDecomposition {
        let k = columns + 1
        let newRows = Swift.max(column.count, rows)
        var v = [Double](repeating: 0, count: k * k)
        for j in 0..<columns {
            for i in 0..<columns { v[j * k + i] = self.v[j * columns + i] }
        }
        v[k * k - 1] = 1
        var w = [Double](repeating: 0, count: newRows * k)
        for j in 0..<columns {
            for i in 0..<rows { w[j * newRows + i] = scaledLeft[j * rows + i] }
        }
        for (i, value) in column.enumerated() { w[columns * newRows + i] = value }
        return SingularValueDecomposition(rotated: w, v: v, rows: newRows, columns: k)
    }

    /// Runs the Jacobi sweeps on `w = A·V₀` with `V₀ = v` orthogonal.
    private init(rotated: [Double], v start: [Double], rows: Int, columns: Int) {
        var w = rotated
        var v = start
        let tolerance = Double.ulpOfOne
        w.withUnsafeMutableBufferPointer { w in
            v.withUnsafeMutableBufferPointer { v in
                var sweep = 0
                var rotated = true
                while rotated, sweep < 60 {
                    rotated = false
                    sweep += 1
                    for i in 0..<Swift.max(columns - 1, 0) {
                        for j in (i + 1)..<columns {
                            let ci = i * rows
                            let cj = j * rows
                            var alpha = 0.0
                            var beta = 0.0
                            var gamma = 0.0
                            for k in 0..<rows {
                                let x = w[ci + k]
                                let y = w[cj + k]
                                alpha += x * x
                                beta += y * y
                                gamma += x * y
                            }
                            if gamma == 0 || abs(gamma) <= tolerance * alpha.squareRoot() * beta.squareRoot() {
                                continue
                            }
                            rotated = true
                            let zeta = (beta - alpha) / (2 * gamma)
                            let t = (zeta >= 0 ? 1.0 : -1.0) / (abs(zeta) + (1 + zeta * zeta).squareRoot())
                            let c = 1 / (1 + t * t).squareRoot()
                            let s = c * t
                            for k in 0..<rows {
                                let x = w[ci + k]
                                let y = w[cj + k]
                                w[ci + k] = c * x - s * y
                                w[cj + k] = s * x + c * y
                            }
                            let vi = i * columns
                            let vj = j * columns
                            for k in 0..<columns {
                                let x = v[vi + k]
                                let y = v[vj + k]
                                v[vi + k] = c * x - s * y
                                v[vj + k] = s * x + c * y
                            }
                        }
                    }
                }
            }
        }
        var values = [Double](repeating: 0, count: columns)
        for i in 0..<columns {
            var scale = 0.0
            for k in 0..<rows { scale = Swift.max(scale, abs(w[i * rows + k])) }
            if scale > 0 {
                var sum = 0.0
                for k in 0..<rows {
                    let x = w[i * rows + k] / scale
                    sum += x * x
                }
                values[i] = sum.squareRoot() * scale
            }
        }
        self.values = values
        self.scaledLeft = w
        self.v = v
        self.rows = rows
        self.columns = columns
    }
}
