/* 256- and 512-bit vectors passed in ymm/zmm registers to functions on their first call (AVX, AVX-512F when the CPU has them); built with and without -mavx/-mavx512f by tests/programs.rs */
#include <cpuid.h>
#include <immintrin.h>
#include <stdio.h>

/* Whether the kernel saves the register state in `mask` (XCR0). */
static int os_saves(unsigned mask) {
    unsigned lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    (void)hi;
    return (lo & mask) == mask;
}

static int has_avx(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & (1u << 27)) || !(c & (1u << 28)))
        return 0;
    return os_saves(0x6);
}

static int has_avx512f(void) {
    unsigned a, b, c, d;
    if (!has_avx() || __get_cpuid_max(0, 0) < 7)
        return 0;
    __cpuid_count(7, 0, a, b, c, d);
    return (b & (1u << 16)) && os_saves(0xe6);
}

__attribute__((target("avx"), noinline)) static __m256d scale_add(__m256d a, __m256d b, double k) {
    return _mm256_add_pd(a, _mm256_mul_pd(b, _mm256_set1_pd(k)));
}

__attribute__((target("avx"), noinline)) static double weigh4(__m256d v) {
    double lanes[4];
    _mm256_storeu_pd(lanes, v);
    return lanes[0] + 2.0 * lanes[1] + 3.0 * lanes[2] + 4.0 * lanes[3];
}

__attribute__((target("avx"), noinline)) static __m256i mix8(__m256i a, __m256i b, __m256i c, __m256i d) {
    /* Every argument register in use: the upper lanes of all four must arrive. */
    __m256 fa = _mm256_castsi256_ps(a), fb = _mm256_castsi256_ps(b);
    __m256 x = _mm256_xor_ps(fa, fb);
    __m256 y = _mm256_or_ps(_mm256_castsi256_ps(c), _mm256_castsi256_ps(d));
    return _mm256_castps_si256(_mm256_xor_ps(x, y));
}

__attribute__((target("avx"))) static unsigned long long run_avx(void) {
    __m256d a = _mm256_setr_pd(1.0, 2.0, 3.0, 4.0);
    __m256d b = _mm256_setr_pd(10.0, 20.0, 30.0, 40.0);
    double total = 0.0;
    for (int i = 0; i < 200; i++) {
        total += weigh4(scale_add(a, b, 0.5 + i));
        a = _mm256_add_pd(a, _mm256_set1_pd(0.25));
    }
    __m256i m = mix8(_mm256_setr_epi32(1, 2, 3, 4, 5, 6, 7, 8), _mm256_setr_epi32(16, 32, 64, 128, 256, 512, 1024, 2048),
                     _mm256_setr_epi32(0, 0, 0, 0, 1 << 20, 1 << 21, 1 << 22, 1 << 23),
                     _mm256_setr_epi32(0, 0, 0, 0, 0, 0, 0, 1 << 30));
    int lanes[8];
    _mm256_storeu_si256((__m256i *)lanes, m);
    unsigned long long h = (unsigned long long)total;
    for (int i = 0; i < 8; i++)
        h = h * 1000003u ^ (unsigned)lanes[i];
    return h;
}

__attribute__((target("avx512f"), noinline)) static __m512d fma8(__m512d a, __m512d b, __m512d c) {
    return _mm512_add_pd(_mm512_mul_pd(a, b), c);
}

__attribute__((target("avx512f"), noinline)) static double weigh8(__m512d v) {
    double lanes[8];
    _mm512_storeu_pd(lanes, v);
    double s = 0.0;
    for (int i = 0; i < 8; i++)
        s += lanes[i] * (i + 1);
    return s;
}

__attribute__((target("avx512f"))) static double run_avx512(void) {
    __m512d a = _mm512_setr_pd(1, 2, 3, 4, 5, 6, 7, 8);
    __m512d b = _mm512_setr_pd(8, 7, 6, 5, 4, 3, 2, 1);
    __m512d c = _mm512_set1_pd(0.5);
    double total = 0.0;
    for (int i = 0; i < 100; i++) {
        total += weigh8(fma8(a, b, c));
        c = _mm512_add_pd(c, _mm512_set1_pd(1.0));
    }
    return total;
}

int main(void) {
    unsigned long long h = 0;
    if (has_avx()) {
        h = run_avx();
        printf("avx: %llu\n", h);
    } else {
        printf("avx: not on this CPU\n");
    }
    double t = 0.0;
    if (has_avx512f()) {
        t = run_avx512();
        printf("avx512f: %.2f\n", t);
    } else {
        printf("avx512f: not on this CPU\n");
    }
    return (int)((h ^ (unsigned long long)t) % 101);
}
