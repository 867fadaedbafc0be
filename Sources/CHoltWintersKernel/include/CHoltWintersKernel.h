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
} SibylHoltWintersGridStates;

/// Number of grid points the AVX2 screening kernel advances together (4 vectors of 4 doubles).
#define SIBYL_HW_SCREEN_WIDTH 16

/// 1 when this CPU runs `sibyl_hw_screen` (AVX2 and FMA), else 0 (always 0 off x86-64).
int sibyl_hw_screen_available(void);

/// Advances every point of `states` through observations `start ..< end` with the error-correction form of the
/// additive Holt-Winters recursion (screening only: AVX2 with fused multiply-add, so the rounding differs from
/// statsmodels' order of operations) and keeps, in order, the points whose running SSE is not above `bound`.
/// `ring` is scratch of `SIBYL_HW_SCREEN_WIDTH * period` doubles. Returns the number of points kept; call only
/// when `sibyl_hw_screen_available()` is 1.
ptrdiff_t sibyl_hw_screen(
    SibylHoltWintersGridStates states, const double *y, ptrdiff_t start, ptrdiff_t end, double bound, double *ring);

/// 1 when this CPU runs `sibyl_hw_normal_equations` for period `period` (AVX2 and FMA, and `period + 5 ≤ 12`),
/// else 0.
int sibyl_hw_normal_equations_available(ptrdiff_t period);

/// Runs the additive Holt-Winters recursion through `y[0 ..< n]` at `(alpha, beta, gamma)` and the start states
/// (statsmodels' order of operations), carries the derivatives of the prediction `p = L + B`, the slope and the
/// seasons with respect to `θ = (α, β, γ, l0, b0, s0 … s_{period−1})` in error-correction form, and overwrites
/// `normal` (row-major `(period + 5)²`) with `JᵀJ` and `gradient` with `Jᵀe` of the one-step errors. `jacobian`
/// (`12 · blockRows` doubles) and `errors` (`blockRows`) are scratch: rows are buffered and reduced per block of
/// `blockRows` steps. Returns the SSE. Every operation is a correctly rounded add, multiply or fused multiply-add
/// in the order of Swift's `HoltWintersLeastSquares.naturalNormalEquations`, so both give identical numbers; call
/// only when `sibyl_hw_normal_equations_available(period)` is 1.
double sibyl_hw_normal_equations(
    const double *y, ptrdiff_t n, ptrdiff_t period, double alpha, double beta, double gamma, double level,
    double trend, const double *initialSeasons, double *normal, double *gradient, double *jacobian, double *errors,
    ptrdiff_t blockRows);

#endif
