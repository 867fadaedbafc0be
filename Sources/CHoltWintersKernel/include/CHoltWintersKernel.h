#ifndef SIBYL_CHOLTWINTERSKERNEL_H
#define SIBYL_CHOLTWINTERSKERNEL_H

#include <stddef.h>

/// The running states of grid points, one array per field (the layout of Swift's HoltWintersGridStates):
/// `seasons[phase * capacity + i]` is the seasonal effect of phase `phase` of point `i`.
typedef struct {
    double *alpha;
    double *beta;
    double *gamma;
    double *level;
    double *trend;
    double *sse;
    double *seasons;
    ptrdiff_t *indices;
    ptrdiff_t capacity;
    ptrdiff_t count;
    ptrdiff_t period;
    /// The screening kernel's own states, `singles[field * capacity + i]`: q, B, c − 1, αβ, γ, then the seasons
    /// (`5 + period` fields, single precision, in units of the screen's scale).
    float *singles;
    /// 1 when `singles` hold the running states (then `level`, `trend` and `seasons` are stale), else 0.
    int singlesCurrent;
} SibylHoltWintersGridStates;

/// Number of grid points the AVX2 screening kernel advances together (3 vectors of 8 floats).
#define SIBYL_HW_SCREEN_WIDTH 24

/// What the screening kernel reads besides the points: the observations, their scaled steps and the weights of
/// the tail bound.
typedef struct {
    /// The observations y[0 ..< n].
    const double *y;
    /// `steps[t] = (y[t] − y[t − 1]) / scale` in single precision, `steps[0] = 0`.
    const float *steps;
    /// A power of two near the largest step, so that the single-precision states are of order one.
    double scale;
    /// Per grid index i (`states.indices`): the factors of the two tail bounds at `2i` (`1/max|θ(e^{iω})|²`)
    /// and `2i + 1` (`1/max|(1 + e^{iω})²θ(e^{iω})|²`), or 0.
    const double *tailWeights;
} SibylHoltWintersScreenInput;

/// 1 when this CPU runs `sibyl_hw_screen` (AVX2 and FMA), else 0 (always 0 off x86-64).
int sibyl_hw_screen_available(void);

/// Advances every point of `states` through observations `start ..< end` with the error-correction form of the
/// additive Holt-Winters recursion, relative to the previous observation and in single precision (screening
/// only: the rounding differs from statsmodels' order of operations by far more than the double-precision
/// forms), and keeps, in order, the points whose running SSE plus the larger of `tail · tailWeights[2·index]`
/// and `smoothTail · tailWeights[2·index + 1]` (lower bounds of the SSE still to come) is not above `bound`;
/// with an infinite `bound` it keeps every point. It starts from `singles` when `singlesCurrent` is 1, else
/// from the double-precision states, and leaves the running states in `singles` (α, β, γ, the index and the
/// SSE in double precision). `ring` is scratch of `SIBYL_HW_SCREEN_WIDTH * period` floats. Returns the number
/// of points kept; call only when `sibyl_hw_screen_available()` is 1.
ptrdiff_t sibyl_hw_screen(
    SibylHoltWintersGridStates states, SibylHoltWintersScreenInput input, ptrdiff_t start, ptrdiff_t end,
    double bound, double tail, double smoothTail, float *ring);

/// 1 when this CPU runs `sibyl_hw_normal_equations` for period `period` (AVX2 and FMA, and `period + 5 ≤ 12`),
/// else 0.
int sibyl_hw_normal_equations_available(ptrdiff_t period);

/// The SSE of the additive Holt-Winters recursion through `y[0 ..< n]` in the error-correction form of
/// `sibyl_hw_normal_equations` (same operations, same order), returned as soon as it passes `bound`. `ring` is
/// scratch of `period` doubles. Call only when `sibyl_hw_normal_equations_available(period)` is 1.
double sibyl_hw_sum_of_squares(
    const double *y, ptrdiff_t n, ptrdiff_t period, double alpha, double beta, double gamma, double level,
    double trend, const double *initialSeasons, double *ring, double bound);

/// Runs the additive Holt-Winters recursion through `y[0 ..< n]` at `(alpha, beta, gamma)` and the start states
/// in error-correction form (`e = (y − S) − p`, `p' = c·e + (p + B)`, `B' = αβ·e + B`, `S' = γ·e + S`, each
/// `x + a·b` one fused multiply-add, `c = α + αβ`), carries the derivatives of the prediction `p = L + B`, the
/// slope and the seasons with respect to `θ = (α, β, γ, l0, b0, s0 … s_{period−1})`, and overwrites
/// `normal` (row-major `(period + 5)²`) with `JᵀJ` and `gradient` with `Jᵀe` of the one-step errors. `jacobian`
/// (`12 · blockRows` doubles) and `errors` (`blockRows`) are scratch: rows are buffered and reduced per block of
/// `blockRows` steps. Returns the SSE. Every operation is a correctly rounded add, multiply or fused multiply-add
/// in the order of Swift's `HoltWintersLeastSquares.naturalNormalEquations`, so both give identical numbers; call
/// only when `sibyl_hw_normal_equations_available(period)` is 1.
double sibyl_hw_normal_equations(
    const double *y, ptrdiff_t n, ptrdiff_t period, double alpha, double beta, double gamma, double level,
    double trend, const double *initialSeasons, double *normal, double *gradient, double *jacobian, double *errors,
    ptrdiff_t blockRows);

/// The C library's `cos(x)`, for the cosine table of Swift's `HoltWintersTailBound`: SibylAnalysis imports only
/// the standard library, and the pure-Swift `ElementaryFunctions.sinCos` is up to 2 ulp away from libm, which
/// would change the bits of the tail weights.
double sibyl_hw_cos(double x);

#endif
