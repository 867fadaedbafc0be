// The AVX2 + FMA screening kernel of the Holt-Winters start grid (see CHoltWintersKernel.h and Swift's
// HoltWintersGridKernel+Screen.swift, whose recursion it vectorises 16 points at a time).
#include "CHoltWintersKernel.h"

#if defined(__x86_64__)
#include <immintrin.h>

int sibyl_hw_screen_available(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

enum { WIDTH = SIBYL_HW_SCREEN_WIDTH };

/// Runs `start ..< end` for one block of 16 points held in `block` (prediction p = L + B, slope, SSE) and in
/// `ring` (seasons, phase-major, 16 per phase), with the screening form
/// r = (y − S) − p, E += r², p' = (p + B) + c·r, B' = B + ab·r, S' = S + g·r.
__attribute__((target("avx2,fma"))) static void screenBlock(
    const double *y, ptrdiff_t start, ptrdiff_t end, ptrdiff_t period, const double *c, const double *ab,
    const double *g, double *p, double *b, double *e, double *ring) {
    __m256d p0 = _mm256_loadu_pd(p + 0), p1 = _mm256_loadu_pd(p + 4);
    __m256d p2 = _mm256_loadu_pd(p + 8), p3 = _mm256_loadu_pd(p + 12);
    __m256d b0 = _mm256_loadu_pd(b + 0), b1 = _mm256_loadu_pd(b + 4);
    __m256d b2 = _mm256_loadu_pd(b + 8), b3 = _mm256_loadu_pd(b + 12);
    __m256d e0 = _mm256_loadu_pd(e + 0), e1 = _mm256_loadu_pd(e + 4);
    __m256d e2 = _mm256_loadu_pd(e + 8), e3 = _mm256_loadu_pd(e + 12);
    const __m256d c0 = _mm256_loadu_pd(c + 0), c1 = _mm256_loadu_pd(c + 4);
    const __m256d c2 = _mm256_loadu_pd(c + 8), c3 = _mm256_loadu_pd(c + 12);
    const __m256d ab0 = _mm256_loadu_pd(ab + 0), ab1 = _mm256_loadu_pd(ab + 4);
    const __m256d ab2 = _mm256_loadu_pd(ab + 8), ab3 = _mm256_loadu_pd(ab + 12);
    const __m256d g0 = _mm256_loadu_pd(g + 0), g1 = _mm256_loadu_pd(g + 4);
    const __m256d g2 = _mm256_loadu_pd(g + 8), g3 = _mm256_loadu_pd(g + 12);
    double *slot = ring + WIDTH * (start % period);
    double *const ringEnd = ring + WIDTH * period;
    for (ptrdiff_t index = start; index < end; index++) {
        const __m256d value = _mm256_broadcast_sd(y + index);
        const __m256d s0 = _mm256_loadu_pd(slot + 0), s1 = _mm256_loadu_pd(slot + 4);
        const __m256d s2 = _mm256_loadu_pd(slot + 8), s3 = _mm256_loadu_pd(slot + 12);
        const __m256d r0 = _mm256_sub_pd(_mm256_sub_pd(value, s0), p0);
        const __m256d r1 = _mm256_sub_pd(_mm256_sub_pd(value, s1), p1);
        const __m256d r2 = _mm256_sub_pd(_mm256_sub_pd(value, s2), p2);
        const __m256d r3 = _mm256_sub_pd(_mm256_sub_pd(value, s3), p3);
        e0 = _mm256_fmadd_pd(r0, r0, e0);
        e1 = _mm256_fmadd_pd(r1, r1, e1);
        e2 = _mm256_fmadd_pd(r2, r2, e2);
        e3 = _mm256_fmadd_pd(r3, r3, e3);
        p0 = _mm256_fmadd_pd(c0, r0, _mm256_add_pd(p0, b0));
        p1 = _mm256_fmadd_pd(c1, r1, _mm256_add_pd(p1, b1));
        p2 = _mm256_fmadd_pd(c2, r2, _mm256_add_pd(p2, b2));
        p3 = _mm256_fmadd_pd(c3, r3, _mm256_add_pd(p3, b3));
        b0 = _mm256_fmadd_pd(ab0, r0, b0);
        b1 = _mm256_fmadd_pd(ab1, r1, b1);
        b2 = _mm256_fmadd_pd(ab2, r2, b2);
        b3 = _mm256_fmadd_pd(ab3, r3, b3);
        _mm256_storeu_pd(slot + 0, _mm256_fmadd_pd(g0, r0, s0));
        _mm256_storeu_pd(slot + 4, _mm256_fmadd_pd(g1, r1, s1));
        _mm256_storeu_pd(slot + 8, _mm256_fmadd_pd(g2, r2, s2));
        _mm256_storeu_pd(slot + 12, _mm256_fmadd_pd(g3, r3, s3));
        slot += WIDTH;
        if (slot == ringEnd) slot = ring;
    }
    _mm256_storeu_pd(p + 0, p0);
    _mm256_storeu_pd(p + 4, p1);
    _mm256_storeu_pd(p + 8, p2);
    _mm256_storeu_pd(p + 12, p3);
    _mm256_storeu_pd(b + 0, b0);
    _mm256_storeu_pd(b + 4, b1);
    _mm256_storeu_pd(b + 8, b2);
    _mm256_storeu_pd(b + 12, b3);
    _mm256_storeu_pd(e + 0, e0);
    _mm256_storeu_pd(e + 4, e1);
    _mm256_storeu_pd(e + 8, e2);
    _mm256_storeu_pd(e + 12, e3);
}

ptrdiff_t sibyl_hw_screen(
    SibylHoltWintersGridStates states, const double *y, ptrdiff_t start, ptrdiff_t end, double bound, double *ring) {
    const ptrdiff_t period = states.period;
    const ptrdiff_t capacity = states.capacity;
    const ptrdiff_t last = states.count - 1;
    ptrdiff_t stored = 0;
    for (ptrdiff_t first = 0; first <= last; first += WIDTH) {
        double c[WIDTH], ab[WIDTH], g[WIDTH], p[WIDTH], b[WIDTH], e[WIDTH];
        ptrdiff_t source[WIDTH];
        // Lanes past the last point repeat it and are not stored.
        for (int lane = 0; lane < WIDTH; lane++) {
            const ptrdiff_t q = first + lane <= last ? first + lane : last;
            source[lane] = q;
            const double alpha = states.alpha[q];
            ab[lane] = alpha * states.beta[q];
            c[lane] = alpha + ab[lane];
            g[lane] = states.gamma[q];
            b[lane] = states.trend[q];
            p[lane] = states.level[q] + b[lane];
            e[lane] = states.sse[q];
            for (ptrdiff_t phase = 0; phase < period; phase++) {
                ring[WIDTH * phase + lane] = states.seasons[phase * capacity + q];
            }
        }
        screenBlock(y, start, end, period, c, ab, g, p, b, e, ring);
        // Stores go to positions ≤ the block's first, so no point not yet loaded is overwritten.
        for (int lane = 0; lane < WIDTH && first + lane <= last; lane++) {
            if (e[lane] > bound) continue;
            const ptrdiff_t q = source[lane];
            states.alpha[stored] = states.alpha[q];
            states.beta[stored] = states.beta[q];
            states.gamma[stored] = states.gamma[q];
            states.indices[stored] = states.indices[q];
            states.level[stored] = p[lane] - b[lane];
            states.trend[stored] = b[lane];
            states.sse[stored] = e[lane];
            for (ptrdiff_t phase = 0; phase < period; phase++) {
                states.seasons[phase * capacity + stored] = ring[WIDTH * phase + lane];
            }
            stored++;
        }
    }
    return stored;
}

#else

int sibyl_hw_screen_available(void) { return 0; }

ptrdiff_t sibyl_hw_screen(
    SibylHoltWintersGridStates states, const double *y, ptrdiff_t start, ptrdiff_t end, double bound, double *ring) {
    (void)y;
    (void)start;
    (void)end;
    (void)bound;
    (void)ring;
    return states.count;
}

#endif
