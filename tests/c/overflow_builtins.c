/* exercises: overflow-checked arithmetic via __builtin_add_overflow/__builtin_sub_overflow/__builtin_mul_overflow at several widths */
#include <stdio.h>
#include <stdint.h>
#include <limits.h>

static int checked_factorial(int n, int64_t *out) {
    int64_t r = 1;
    for (int i = 2; i <= n; i++) if (__builtin_mul_overflow(r, (int64_t)i, &r)) return 0;
    *out = r;
    return 1;
}

int main(void) {
    int r32; unsigned u32; int64_t r64; uint64_t u64; int8_t r8; uint16_t r16;
    int flags = 0, bit = 0;
#define CHK(expr) do { int o_ = (expr); flags |= o_ << bit; bit++; } while (0)
    CHK(__builtin_add_overflow(INT_MAX, 1, &r32)); printf("INT_MAX+1 ovf, wrapped=%d\n", r32);
    CHK(__builtin_add_overflow(100, 200, &r32)); printf("100+200=%d\n", r32);
    CHK(__builtin_sub_overflow(INT_MIN, 1, &r32)); printf("INT_MIN-1 wrapped=%d\n", r32);
    CHK(__builtin_mul_overflow(65536, 65536, &r32)); printf("65536^2 wrapped=%d\n", r32);
    CHK(__builtin_mul_overflow(46340, 46340, &r32)); printf("46340^2=%d\n", r32);
    CHK(__builtin_add_overflow(4000000000u, 400000000u, &u32)); printf("u32 add wrapped=%u\n", u32);
    CHK(__builtin_sub_overflow(3u, 5u, &u32)); printf("3u-5u=%u\n", u32);
    CHK(__builtin_mul_overflow(INT64_MAX / 2, (int64_t)3, &r64)); printf("i64 mul wrapped=%lld\n", (long long)r64);
    CHK(__builtin_mul_overflow((uint64_t)1 << 32, (uint64_t)1 << 31, &u64)); printf("2^63=%llu\n", (unsigned long long)u64);
    CHK(__builtin_add_overflow(100, 27, &r8)); printf("i8 100+27=%d\n", r8);
    CHK(__builtin_add_overflow(100, 28, &r8)); printf("i8 100+28 wrapped=%d\n", r8);
    CHK(__builtin_mul_overflow(300, 300, &r16)); printf("u16 300*300 wrapped=%u\n", r16);
    CHK(__builtin_sub_overflow(0, 1, &r16)); printf("u16 0-1 wrapped=%u\n", r16);
    CHK(__builtin_add_overflow(-5, 3, &u32)); printf("-5+3 into unsigned=%u\n", u32);
    printf("overflow flags=0x%04x\n", flags);
    int64_t f;
    int maxn = 0;
    for (int n = 1; n < 30; n++) if (checked_factorial(n, &f)) maxn = n;
    checked_factorial(maxn, &f);
    printf("largest n with n! in int64: %d (%lld)\n", maxn, (long long)f);
    return flags % 100;
}
