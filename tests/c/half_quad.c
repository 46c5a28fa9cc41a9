/* exercises: _Float16 and __float128 arithmetic, comparisons and conversions, passed and returned in xmm registers (beyond them on the stack), between tier-0 code and functions with inline assembly (which LLVM compiles) both ways */
#include <stdio.h>
#include <string.h>

__attribute__((noinline)) _Float16 hpoly(_Float16 x) { return (x * (_Float16)0.75f - (_Float16)1.25f) * x + (_Float16)3; }
__attribute__((noinline)) __float128 qpoly(__float128 x) { return (x * 0.75Q - 1.25Q) * x + 1.0Q / 3; }

__attribute__((noinline)) __float128 qmany(__float128 a, __float128 b, __float128 c, __float128 d, __float128 e, __float128 f,
                                           __float128 g, __float128 h, __float128 i, _Float16 j, __float128 k) {
    return (a + b + c + d + e + f + g + h) * i - k / j;
}

__attribute__((noinline)) _Float16 hmany(_Float16 a, _Float16 b, _Float16 c, _Float16 d, _Float16 e, _Float16 f, _Float16 g,
                                         _Float16 h, _Float16 i, double x, _Float16 k) {
    return (a + b + c + d + e + f + g + h) * i - k + (_Float16)x;
}

/* Inline assembly keeps these out of tier 0. */
__attribute__((noinline)) __float128 qpoly_elsewhere(__float128 x) {
    __asm__ volatile("");
    return (x * 0.75Q - 1.25Q) * x + 1.0Q / 3;
}

__attribute__((noinline)) _Float16 hpoly_elsewhere(_Float16 x) {
    __asm__ volatile("");
    return (x * (_Float16)0.75f - (_Float16)1.25f) * x + (_Float16)3;
}

__attribute__((noinline)) double from_elsewhere(void) {
    __asm__ volatile("");
    __float128 q = qmany(1, 2, 3, 4, 5, 6, 7, 8, 0.5Q, (_Float16)4, 10);
    _Float16 h = hmany(1, 1, 1, 1, 1, 1, 1, 0.5f16, 2, 0.25, 3);
    return (double)q + (double)h + (double)qpoly(2.5Q) + (double)hpoly((_Float16)2.5f);
}

static unsigned long long bits_hi(__float128 q) { unsigned long long w[2]; memcpy(w, &q, 16); return w[1]; }
static unsigned long long bits_lo(__float128 q) { unsigned long long w[2]; memcpy(w, &q, 16); return w[0]; }

int main(void) {
    _Float16 h = 0;
    __float128 q = 0;
    int less = 0;
    for (int i = 0; i < 200; i++) {
        h = hpoly(h * (_Float16)0.125f + (_Float16)(i % 5)) * (_Float16)0.0625f;
        q = qpoly(q / 7 + i % 5) / 16;
        if (h < (_Float16)q) less++;
    }
    __float128 m = qmany(1, 2, 3, 4, 5, 6, 7, 8, 0.5Q, (_Float16)4, 10);
    _Float16 n = hmany(1, 1, 1, 1, 1, 1, 1, 0.5f16, 2, 0.25, 3);
    printf("%.6f %016llx%016llx %d\n", (double)h, bits_hi(q), bits_lo(q), less);
    printf("%.6f %.6f %lld %u\n", (double)m, (double)n, (long long)(q * 1e15Q), (unsigned)(h * (_Float16)10));
    printf("%.6f %.6f %.6f\n", (double)qpoly_elsewhere(2.5Q), (double)hpoly_elsewhere((_Float16)2.5f), from_elsewhere());
    return less % 100;
}
