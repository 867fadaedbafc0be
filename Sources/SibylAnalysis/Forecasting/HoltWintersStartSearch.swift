/// How ``HoltWinters/fit(_:seasonalPeriods:startSearch:)`` picks the smoothing parameters it starts the optimiser from.
public enum HoltWintersStartSearch: Sendable, Hashable {
    /// statsmodels' brute-force grid (`fit(use_brute=True)`, algorithms.md §5.4): all 9,943 points, so the
    /// optimiser starts exactly where statsmodels' L-BFGS-B starts. About 0.05 µs per point per 1,000 values
    /// with the single-precision AVX2 screening kernel and its tail bounds (3–5 ms at n = 8640), 0.7 µs without.
    case statsmodelsGrid
    /// A 128-point subgrid of the same box (every 4th α of statsmodels' 29, four β in `[0, α]`, four γ in
    /// `[0, 1 − α]`): about 60 times cheaper. It may start in another basin than statsmodels: on the 17 public
    /// oracle cases and 33 statsmodels fits of synthetic series (1e12 and 1e-6 magnitudes, heavy tails, level
    /// shifts, counter resets, n = 13 and 25) it never ended above statsmodels' SSE and reached the same
    /// optimum as `statsmodelsGrid` in 48 of 50, a lower one in the other two — whose forecasts then differ
    /// from statsmodels' by more than statsmodels' own spread. On 300 seeded synthetic series of those shapes
    /// (n = 13 to 8640) it ended above `statsmodelsGrid`'s SSE in 6 (by up to 75 %, forecasts up to 84 standard
    /// deviations apart) and below it in 4, so it is not a drop-in replacement.
    case coarseGrid
}
