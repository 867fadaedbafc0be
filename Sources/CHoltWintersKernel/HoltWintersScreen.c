// The AVX2 + FMA screening kernel of the Holt-Winters start grid (see CHoltWintersKernel.h and Swift's
// HoltWintersGridKernel+Screen.swift, whose recursion it runs 24 points at a time in single precision).
#include "CHoltWintersKernel.h"

#include <math.h>

#if defined(__x86_64__)
#include <immintrin.h>

int sibyl_hw_screen_available(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

enum { WIDTH = SIBYL_HW_SCREEN_WIDTH, LANES = 8, VECTORS = WIDTH / LANES };

/// Runs `start ..< end` for one block of points held in `q` (prediction minus the previous observation), `b`
/// (slope), `e` (SSE of this segment) and `ring` (seasons, phase-major, one block per phase), all in units of
/// the scale, with r = (d − S) − q, E += r², q' = (B − S) + (c − 1)·r, B' = B + ab·r, S' = S + g·r, where d
/// is the scaled step `(y_t − y_{t−1})/scale` (q' = p' − y_t = q − d + B + c·r and q − d = −S − r), so that
/// only r → q' is on the loop-carried path. VECTORS vectors of 8 floats: enough independent chains to hide the
/// latency of r → q', few enough that the running states stay in the 16 AVX registers.
__attribute__((target("avx2,fma"))) static void screenBlock(
    const float *d, ptrdiff_t start, ptrdiff_t end, ptrdiff_t period, const float *c, const float *ab,
    const float *g, float *q, float *b, float *e, float *ring) {
    __m256 qv[VECTORS], bv[VECTORS], ev[VECTORS];
    for (int k = 0; k < VECTORS; k++) {
        qv[k] = _mm256_loadu_ps(q + LANES * k);
        bv[k] = _mm256_loadu_ps(b + LANES * k);
        ev[k] = _mm256_setzero_ps();
    }
    float *slot = ring + WIDTH * (start % period);
    float *const ringEnd = ring + WIDTH * period;
    for (ptrdiff_t index = start; index < end; index++) {
        const __m256 step = _mm256_broadcast_ss(d + index);
        for (int k = 0; k < VECTORS; k++) {
            const __m256 s = _mm256_loadu_ps(slot + LANES * k);
            const __m256 r = _mm256_sub_ps(_mm256_sub_ps(step, s), qv[k]);
            ev[k] = _mm256_fmadd_ps(r, r, ev[k]);
            qv[k] = _mm256_fmadd_ps(_mm256_loadu_ps(c + LANES * k), r, _mm256_sub_ps(bv[k], s));
            bv[k] = _mm256_fmadd_ps(_mm256_loadu_ps(ab + LANES * k), r, bv[k]);
            _mm256_storeu_ps(slot + LANES * k, _mm256_fmadd_ps(_mm256_loadu_ps(g + LANES * k), r, s));
        }
        slot += WIDTH;
        if (slot == ringEnd) slot = ring;
    }
    for (int k = 0; k < VECTORS; k++) {
        _mm256_storeu_ps(q + LANES * k, qv[k]);
        _mm256_storeu_ps(b + LANES * k, bv[k]);
        _mm256_storeu_ps(e + LANES * k, ev[k]);
    }
}

ptrdiff_t sibyl_hw_screen(
    SibylHoltWintersGridStates states, SibylHoltWintersScreenInput input, ptrdiff_t start, ptrdiff_t end,
    double bound, double tail, double smoothTail, float *ring) {
    const ptrdiff_t period = states.period;
    const ptrdiff_t capacity = states.capacity;
    const ptrdiff_t last = states.count - 1;
    const double scale = input.scale;
    const double inverse = 1.0 / scale;
    const double before = input.y[start > 0 ? start - 1 : 0];
    const int pruning = isfinite(bound);
    ptrdiff_t stored = 0;
    float *const singles = states.singles;
    float *const fieldQ = singles, *const fieldB = singles + capacity, *const fieldC = singles + 2 * capacity;
    float *const fieldAB = singles + 3 * capacity, *const fieldG = singles + 4 * capacity;
    float *const fieldSeasons = singles + 5 * capacity;
    for (ptrdiff_t first = 0; first <= last; first += WIDTH) {
        float c[WIDTH], ab[WIDTH], g[WIDTH], q[WIDTH], b[WIDTH], e[WIDTH];
        ptrdiff_t source[WIDTH];
        // Lanes past the last point repeat it and are not stored.
        for (int lane = 0; lane < WIDTH; lane++) source[lane] = first + lane <= last ? first + lane : last;
        if (states.singlesCurrent) {
            for (int lane = 0; lane < WIDTH; lane++) {
                const ptrdiff_t point = source[lane];
                c[lane] = fieldC[point];
                ab[lane] = fieldAB[point];
                g[lane] = fieldG[point];
                b[lane] = fieldB[point];
                q[lane] = fieldQ[point];
            }
            for (ptrdiff_t phase = 0; phase < period; phase++) {
                const float *seasons = fieldSeasons + phase * capacity;
                for (int lane = 0; lane < WIDTH; lane++) ring[WIDTH * phase + lane] = seasons[source[lane]];
            }
        } else {
            for (int lane = 0; lane < WIDTH; lane++) {
                const ptrdiff_t point = source[lane];
                const double alpha = states.alpha[point];
                const double slope = alpha * states.beta[point];
                ab[lane] = (float)slope;
                c[lane] = (float)((alpha + slope) - 1);
                g[lane] = (float)states.gamma[point];
                b[lane] = (float)(states.trend[point] * inverse);
                q[lane] = (float)(((states.level[point] + states.trend[point]) - before) * inverse);
                for (ptrdiff_t phase = 0; phase < period; phase++) {
                    ring[WIDTH * phase + lane] = (float)(states.seasons[phase * capacity + point] * inverse);
                }
            }
        }
        screenBlock(input.steps, start, end, period, c, ab, g, q, b, e, ring);
        // Stores go to positions ≤ the block's first, so no point not yet loaded is overwritten.
        for (int lane = 0; lane < WIDTH && first + lane <= last; lane++) {
            const ptrdiff_t point = source[lane];
            const double sse = states.sse[point] + (double)e[lane] * scale * scale;
            const double *weights = input.tailWeights + 2 * states.indices[point];
            const double plainBound = tail * weights[0], smoothBound = smoothTail * weights[1];
            const double rest = plainBound > smoothBound ? plainBound : smoothBound;
            if (pruning && !(sse + rest <= bound)) continue;
            states.alpha[stored] = states.alpha[point];
            states.beta[stored] = states.beta[point];
            states.gamma[stored] = states.gamma[point];
            states.indices[stored] = states.indices[point];
            states.sse[stored] = sse;
            fieldQ[stored] = q[lane];
            fieldB[stored] = b[lane];
            fieldC[stored] = c[lane];
            fieldAB[stored] = ab[lane];
            fieldG[stored] = g[lane];
            for (ptrdiff_t phase = 0; phase < period; phase++) {
                fieldSeasons[phase * capacity + stored] = ring[WIDTH * phase + lane];
            }
            stored++;
        }
    }
    return stored;
}

#else

int sibyl_hw_screen_available(void) { return 0; }

ptrdiff_t sibyl_hw_screen(
    SibylHoltWintersGridStates states, SibylHoltWintersScreenInput input, ptrdiff_t start, ptrdiff_t end,
    double bound, double tail, double smoothTail, float *ring) {
    (void)input;
    (void)start;
    (void)end;
    (void)bound;
    (void)tail;
    (void)smoothTail;
    (void)ring;
    return states.count;
}

#endif
