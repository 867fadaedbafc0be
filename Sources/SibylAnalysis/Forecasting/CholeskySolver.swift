/// Solves a small symmetric positive-definite system `A x = b` by the Cholesky factorisation `A = L·Lᵀ`.
enum CholeskySolver {
    /// Factorises `matrix` (row-major `size × size`, overwritten by L) and solves for `rightHandSide`.
    /// - Returns: the solution, or `nil` when a pivot is not positive (matrix not positive definite).
    static func solve(_ matrix: inout [Double], _ rightHandSide: inout [Double], size: Int) -> [Double]? {
        for column in 0..<size {
            var pivot = matrix[column * size + column]
            for k in 0..<column { pivot -= matrix[column * size + k] * matrix[column * size + k] }
            guard pivot > 0, pivot.isFinite else { return nil }
            let root = pivot.squareRoot()
            matrix[column * size + column] = root
            for row in (column + 1)..<max(size, column + 1) {
                var value = matrix[row * size + column]
                for k in 0..<column { value -= matrix[row * size + k] * matrix[column * size + k] }
                matrix[row * size + column] = value / root
            }
        }
        for row in 0..<size {
            var value = rightHandSide[row]
            for k in 0..<row { value -= matrix[row * size + k] * rightHandSide[k] }
            rightHandSide[row] = value / matrix[row * size + row]
        }
        for row in stride(from: size - 1, through: 0, by: -1) {
            var value = rightHandSide[row]
            for k in (row + 1)..<max(size, row + 1) { value -= matrix[k * size + row] * rightHandSide[k] }
            rightHandSide[row] = value / matrix[row * size + row]
        }
        return rightHandSide
    }
}
