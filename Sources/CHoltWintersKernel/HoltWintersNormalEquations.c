// The AVX2 Jacobian pass of the Holt-Winters least-squares problem (see CHoltWintersKernel.h and Swift's
// HoltWintersLeastSquares+Jacobian.swift, whose arithmetic it performs element for element: four θ components
// per instruction in the tangent recursion, four Jacobian entries per instruction in JᵀJ).
#include "CHoltWintersKernel.h"

// Only the fused multiply-adds written out are fused: `a * b + c` elsewhere is rounded twice, as in Swift.
#pragma clang fp contract(off)

#if defined(__x86_64__)
#include <immintrin.h>

enum { LANES = 12 };

#define BROADCAST(index) _mm256_broadcast_sd(row + (index))

/// Adds `JᵀJ` and `Jᵀe` of `rows` buffered Jacobian rows (row-major, `LANES` doubles per row, lanes past `size`
/// zero): each entry `Σ_t J_tr·J_tc` (and `Σ_t e_t·J_tc`) is one fused multiply-add chain over the block's rows in
/// order, added to `normal` (upper triangle, mirrored) and `gradient` at the end of the block.
__attribute__((target("avx2,fma"))) static void accumulate(
    const double *jacobian, const double *errors, ptrdiff_t rows, ptrdiff_t size, double *normal, double *gradient) {
    if (rows <= 0) return;
    double sums[LANES][LANES];
    double errorSums[LANES];
    {
        // Rows 0–3 of JᵀJ, all three column vectors.
        __m256d s00 = _mm256_setzero_pd(), s01 = s00, s02 = s00, s10 = s00, s11 = s00, s12 = s00;
        __m256d s20 = s00, s21 = s00, s22 = s00, s30 = s00, s31 = s00, s32 = s00;
        for (ptrdiff_t t = 0; t < rows; t++) {
            const double *row = jacobian + t * LANES;
            const __m256d c0 = _mm256_loadu_pd(row), c1 = _mm256_loadu_pd(row + 4), c2 = _mm256_loadu_pd(row + 8);
            const __m256d r0 = BROADCAST(0), r1 = BROADCAST(1), r2 = BROADCAST(2), r3 = BROADCAST(3);
            s00 = _mm256_fmadd_pd(r0, c0, s00);
            s01 = _mm256_fmadd_pd(r0, c1, s01);
            s02 = _mm256_fmadd_pd(r0, c2, s02);
            s10 = _mm256_fmadd_pd(r1, c0, s10);
            s11 = _mm256_fmadd_pd(r1, c1, s11);
            s12 = _mm256_fmadd_pd(r1, c2, s12);
            s20 = _mm256_fmadd_pd(r2, c0, s20);
            s21 = _mm256_fmadd_pd(r2, c1, s21);
            s22 = _mm256_fmadd_pd(r2, c2, s22);
            s30 = _mm256_fmadd_pd(r3, c0, s30);
            s31 = _mm256_fmadd_pd(r3, c1, s31);
            s32 = _mm256_fmadd_pd(r3, c2, s32);
        }
        _mm256_storeu_pd(sums[0], s00);
        _mm256_storeu_pd(sums[0] + 4, s01);
        _mm256_storeu_pd(sums[0] + 8, s02);
        _mm256_storeu_pd(sums[1], s10);
        _mm256_storeu_pd(sums[1] + 4, s11);
        _mm256_storeu_pd(sums[1] + 8, s12);
        _mm256_storeu_pd(sums[2], s20);
        _mm256_storeu_pd(sums[2] + 4, s21);
        _mm256_storeu_pd(sums[2] + 8, s22);
        _mm256_storeu_pd(sums[3], s30);
        _mm256_storeu_pd(sums[3] + 4, s31);
        _mm256_storeu_pd(sums[3] + 8, s32);
    }
    {
        // Rows 4–11 of JᵀJ from the column vector holding them on, and Jᵀe.
        __m256d s41 = _mm256_setzero_pd(), s42 = s41, s51 = s41, s52 = s41, s61 = s41, s62 = s41;
        __m256d s71 = s41, s72 = s41, s82 = s41, s92 = s41, s102 = s41, s112 = s41;
        __m256d e0 = s41, e1 = s41, e2 = s41;
        for (ptrdiff_t t = 0; t < rows; t++) {
            const double *row = jacobian + t * LANES;
            const __m256d c0 = _mm256_loadu_pd(row), c1 = _mm256_loadu_pd(row + 4), c2 = _mm256_loadu_pd(row + 8);
            const __m256d r4 = BROADCAST(4), r5 = BROADCAST(5), r6 = BROADCAST(6), r7 = BROADCAST(7);
            const __m256d error = _mm256_broadcast_sd(errors + t);
            s41 = _mm256_fmadd_pd(r4, c1, s41);
            s42 = _mm256_fmadd_pd(r4, c2, s42);
            s51 = _mm256_fmadd_pd(r5, c1, s51);
            s52 = _mm256_fmadd_pd(r5, c2, s52);
            s61 = _mm256_fmadd_pd(r6, c1, s61);
            s62 = _mm256_fmadd_pd(r6, c2, s62);
            s71 = _mm256_fmadd_pd(r7, c1, s71);
            s72 = _mm256_fmadd_pd(r7, c2, s72);
            s82 = _mm256_fmadd_pd(BROADCAST(8), c2, s82);
            s92 = _mm256_fmadd_pd(BROADCAST(9), c2, s92);
            s102 = _mm256_fmadd_pd(BROADCAST(10), c2, s102);
            s112 = _mm256_fmadd_pd(BROADCAST(11), c2, s112);
            e0 = _mm256_fmadd_pd(error, c0, e0);
            e1 = _mm256_fmadd_pd(error, c1, e1);
            e2 = _mm256_fmadd_pd(error, c2, e2);
        }
        _mm256_storeu_pd(sums[4] + 4, s41);
        _mm256_storeu_pd(sums[4] + 8, s42);
        _mm256_storeu_pd(sums[5] + 4, s51);
        _mm256_storeu_pd(sums[5] + 8, s52);
        _mm256_storeu_pd(sums[6] + 4, s61);
        _mm256_storeu_pd(sums[6] + 8, s62);
        _mm256_storeu_pd(sums[7] + 4, s71);
        _mm256_storeu_pd(sums[7] + 8, s72);
        _mm256_storeu_pd(sums[8] + 8, s82);
        _mm256_storeu_pd(sums[9] + 8, s92);
        _mm256_storeu_pd(sums[10] + 8, s102);
        _mm256_storeu_pd(sums[11] + 8, s112);
        _mm256_storeu_pd(errorSums, e0);
        _mm256_storeu_pd(errorSums + 4, e1);
        _mm256_storeu_pd(errorSums + 8, e2);
    }
    for (ptrdiff_t row = 0; row < size; row++) {
        gradient[row] += errorSums[row];
        for (ptrdiff_t column = row; column < size; column++) {
            normal[row * size + column] += sums[row][column];
            if (column != row) normal[column * size + row] += sums[row][column];
        }
    }
}

int sibyl_hw_normal_equations_available(ptrdiff_t period) {
    __builtin_cpu_init();
    return period >= 1 && period + 5 <= LANES && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

__attribute__((target("fma"))) double sibyl_hw_sum_of_squares(
    const double *y, ptrdiff_t n, ptrdiff_t period, double alpha, double beta, double gamma, double level,
    double trend, const double *initialSeasons, double *ring, double bound) {
    const double c = alpha + alpha * beta, ab = alpha * beta;
    for (ptrdiff_t season = 0; season < period; season++) ring[season] = initialSeasons[season];
    double sse = 0;
    double prediction = level + trend;
    ptrdiff_t slot = 0;
    for (ptrdiff_t t = 0; t < n; t++) {
        const double season = ring[slot];
        const double error = (y[t] - season) - prediction;
        sse += error * error;
        if (sse > bound) return sse;
        prediction = __builtin_fma(c, error, prediction + trend);
        trend = __builtin_fma(ab, error, trend);
        ring[slot] = __builtin_fma(gamma, error, season);
        slot += 1;
        if (slot == period) slot = 0;
    }
    return sse;
}

__attribute__((target("avx2,fma"))) double sibyl_hw_normal_equations(
    const double *y, ptrdiff_t n, ptrdiff_t period, double alpha, double beta, double gamma, double level,
    double trend, const double *initialSeasons, double *normal, double *gradient, double *jacobian, double *errors,
    ptrdiff_t blockRows) {
    const ptrdiff_t size = period + 5;
    const double c = alpha + alpha * beta, ab = alpha * beta;
    const __m256d cVector = _mm256_set1_pd(c), abVector = _mm256_set1_pd(ab), gammaVector = _mm256_set1_pd(gamma);
    // ∂c/∂(α, β) = (1 + β, α), ∂(αβ)/∂(α, β) = (β, α), ∂γ/∂γ = 1: lanes 0–2 of the first vector.
    const __m256d cSlope = _mm256_set_pd(0, 0, alpha, 1 + beta);
    const __m256d abSlope = _mm256_set_pd(0, 0, alpha, beta);
    const __m256d gammaSlope = _mm256_set_pd(0, 1, 0, 0);
    // Tangents of p = L + B, B and each season over θ, 12 lanes (lanes past θ stay 0).
    __m256d dPrediction[3], dTrend[3];
    __m256d dSeasons[LANES - 5][3];
    double ring[LANES - 5];
    double unit[LANES] = {0};
    unit[3] = 1;
    unit[4] = 1;
    for (int v = 0; v < 3; v++) dPrediction[v] = _mm256_loadu_pd(unit + 4 * v);
    unit[3] = 0;
    for (int v = 0; v < 3; v++) dTrend[v] = _mm256_loadu_pd(unit + 4 * v);
    unit[4] = 0;
    for (ptrdiff_t season = 0; season < period; season++) {
        unit[5 + season] = 1;
        for (int v = 0; v < 3; v++) dSeasons[season][v] = _mm256_loadu_pd(unit + 4 * v);
        unit[5 + season] = 0;
        ring[season] = initialSeasons[season];
    }
    for (ptrdiff_t index = 0; index < size * size; index++) normal[index] = 0;
    for (ptrdiff_t index = 0; index < size; index++) gradient[index] = 0;
    double sse = 0;
    double prediction = level + trend;
    ptrdiff_t slot = 0, step = 0;
    for (ptrdiff_t t = 0; t < n; t++) {
        const double season = ring[slot];
        const double error = (y[t] - season) - prediction;
        sse += error * error;
        errors[step] = error;
        prediction = __builtin_fma(c, error, prediction + trend);
        trend = __builtin_fma(ab, error, trend);
        ring[slot] = __builtin_fma(gamma, error, season);
        const __m256d errorVector = _mm256_set1_pd(error);
        double *row = jacobian + step * LANES;
        for (int v = 0; v < 3; v++) {
            const __m256d oldSeason = dSeasons[slot][v];
            const __m256d negativeError = _mm256_add_pd(dPrediction[v], oldSeason);
            _mm256_storeu_pd(row + 4 * v, negativeError);
            __m256d dP = _mm256_fnmadd_pd(cVector, negativeError, _mm256_add_pd(dPrediction[v], dTrend[v]));
            __m256d dB = _mm256_fnmadd_pd(abVector, negativeError, dTrend[v]);
            __m256d dS = _mm256_fnmadd_pd(gammaVector, negativeError, oldSeason);
            if (v == 0) {
                dP = _mm256_fmadd_pd(errorVector, cSlope, dP);
                dB = _mm256_fmadd_pd(errorVector, abSlope, dB);
                dS = _mm256_fmadd_pd(errorVector, gammaSlope, dS);
            }
            dPrediction[v] = dP;
            dTrend[v] = dB;
            dSeasons[slot][v] = dS;
        }
        slot += 1;
        if (slot == period) slot = 0;
        step += 1;
        if (step == blockRows) {
            accumulate(jacobian, errors, step, size, normal, gradient);
            step = 0;
        }
    }
    accumulate(jacobian, errors, step, size, normal, gradient);
    // The buffered rows are −∂e/∂θ: JᵀJ is unchanged by the sign, Jᵀe flips.
    for (ptrdiff_t index = 0; index < size; index++) gradient[index] = -gradient[index];
    return sse;
}

#else

double sibyl_hw_sum_of_squares(
    const double *y, ptrdiff_t n, ptrdiff_t period, double alpha, double beta, double gamma, double level,
    double trend, const double *initialSeasons, double *ring, double bound) {
    (void)y, (void)n, (void)period, (void)alpha, (void)beta, (void)gamma, (void)level, (void)trend;
    (void)initialSeasons, (void)ring, (void)bound;
    return __builtin_nan("");
}

int sibyl_hw_normal_equations_available(ptrdiff_t period) {
    (void)period;
    return 0;
}

double sibyl_hw_normal_equations(
    const double *y, ptrdiff_t n, ptrdiff_t period, double alpha, double beta, double gamma, double level,
    double trend, const double *initialSeasons, double *normal, double *gradient, double *jacobian, double *errors,
    ptrdiff_t blockRows) {
    (void)y, (void)n, (void)period, (void)alpha, (void)beta, (void)gamma, (void)level, (void)trend;
    (void)initialSeasons, (void)normal, (void)gradient, (void)jacobian, (void)errors, (void)blockRows;
    return __builtin_nan("");
}

#endif
