import CHoltWintersKernel

/// The running states of many grid points, one array per field (structure of arrays), so that
/// ``HoltWintersGridKernel`` can load 8 neighbouring points at once and drop pruned points by storing the
/// others back closer together.
///
/// Every point has advanced through the same first `t` observations, so all share the seasonal phase `t mod m`;
/// `seasons(j)[i]` is the seasonal effect of phase `j` of point `i`.
final class HoltWintersGridStates {
    /// Number of points the storage holds.
    let capacity: Int
    /// The seasonal period m.
    let period: Int
    /// Points currently held (positions `0 ..< count`).
    private(set) var count: Int
    /// The grid position of each held point (its place in statsmodels' evaluation order).
    let indices: UnsafeMutablePointer<Int>
    private let storage: UnsafeMutablePointer<Double>
    /// The C screening kernel's single-precision states (``singleFields`` fields of `capacity` floats).
    private let singles: UnsafeMutablePointer<Float>
    /// Whether `singles` hold the running states (after a pass of the C screening kernel), so that level, slope
    /// and seasons in double precision are stale.
    var singlesCurrent = false

    /// Fields before the seasons: α, β, γ, level, trend, running SSE.
    private static let scalarFields = 6
    /// Single-precision fields per point: q, B, c − 1, αβ, γ, then the seasons.
    private var singleFields: Int { 5 + period }

    /// Creates the states of `capacity` points, none held yet.
    init(capacity: Int, period: Int) {
        self.capacity = capacity
        self.period = period
        count = 0
        indices = .allocate(capacity: capacity)
        storage = .allocate(capacity: capacity * (Self.scalarFields + period))
        singles = .allocate(capacity: capacity * (5 + period))
    }

    deinit {
        singles.deallocate()
        storage.deallocate()
        indices.deallocate()
    }

    /// α of each point.
    var alpha: UnsafeMutablePointer<Double> { storage }
    /// β of each point.
    var beta: UnsafeMutablePointer<Double> { storage + capacity }
    /// γ of each point.
    var gamma: UnsafeMutablePointer<Double> { storage + 2 * capacity }
    /// The level L_t of each point.
    var level: UnsafeMutablePointer<Double> { storage + 3 * capacity }
    /// The slope B_t of each point.
    var trend: UnsafeMutablePointer<Double> { storage + 4 * capacity }
    /// The SSE of the first t one-step errors of each point.
    var sse: UnsafeMutablePointer<Double> { storage + 5 * capacity }
    /// The seasonal effect of phase `phase` of each point.
    func seasons(_ phase: Int) -> UnsafeMutablePointer<Double> {
        storage + (Self.scalarFields + phase) * capacity
    }

    /// Appends a point at its start states (SSE 0).
    func append(
        index: Int, alpha a: Double, beta b: Double, gamma g: Double, level l: Double, trend t: Double,
        seasons s: [Double]
    ) {
        precondition(count < capacity && s.count == period)
        alpha[count] = a
        beta[count] = b
        gamma[count] = g
        level[count] = l
        trend[count] = t
        sse[count] = 0
        for phase in 0..<period { seasons(phase)[count] = s[phase] }
        indices[count] = index
        count += 1
    }

    /// Appends a copy of the point at `position` of `other` (same period, and the same `singlesCurrent` as the
    /// points already held).
    func append(copyOf position: Int, in other: HoltWintersGridStates) {
        precondition(count < capacity && other.period == period)
        precondition(count == 0 || singlesCurrent == other.singlesCurrent)
        for field in 0..<(Self.scalarFields + period) {
            storage[field * capacity + count] = other.storage[field * other.capacity + position]
        }
        if other.singlesCurrent {
            for field in 0..<singleFields {
                singles[field * capacity + count] = other.singles[field * other.capacity + position]
            }
        }
        singlesCurrent = other.singlesCurrent
        indices[count] = other.indices[position]
        count += 1
    }

    /// Stores the point read from `source` at `position` (`position ≤ source`) with new running states: level,
    /// slope, SSE, and its seasons from `ring[8·j]` for phase j (a kernel lane's seasonal ring).
    @inline(__always)
    func store(
        at position: Int, from source: Int, level l: Double, trend t: Double, sse e: Double,
        ring: UnsafeMutablePointer<Double>
    ) {
        alpha[position] = alpha[source]
        beta[position] = beta[source]
        gamma[position] = gamma[source]
        indices[position] = indices[source]
        level[position] = l
        trend[position] = t
        sse[position] = e
        for phase in 0..<period { seasons(phase)[position] = ring[8 * phase] }
    }

    /// The same storage as the C screening kernel sees it
    /// (``HoltWintersGridKernel/screenVectorized(_:from:to:keepingAtMost:)``).
    var kernelStates: SibylHoltWintersGridStates {
        SibylHoltWintersGridStates(
            alpha: alpha, beta: beta, gamma: gamma, level: level, trend: trend, sse: sse, seasons: seasons(0),
            indices: indices, capacity: capacity, count: count, period: period, singles: singles,
            singlesCurrent: singlesCurrent ? 1 : 0)
    }

    /// Keeps only the first `newCount` points (after a kernel pass stored the survivors there).
    func truncate(to newCount: Int) {
        precondition(newCount <= count)
        count = newCount
    }
}
