/* exercises: __int128 and unsigned __int128 multiply, divide, modulo, shifts, comparisons; printed via two 64-bit halves and decimal conversion */
#include <stdio.h>
#include <stdint.h>

typedef unsigned __int128 u128;
typedef __int128 i128;

static void print_hex(const char *label, u128 v) {
    printf("%s = 0x%016llx%016llx\n", label, (unsigned long long)(v >> 64), (unsigned long long)v);
}

static void print_dec(const char *label, i128 v) {
    char buf[50];
    int pos = 49, neg = v < 0;
    u128 u = neg ? -(u128)v : (u128)v;
    buf[pos] = 0;
    do { buf[--pos] = (char)('0' + (int)(u % 10)); u /= 10; } while (u);
    if (neg) buf[--pos] = '-';
    printf("%s = %s\n", label, buf + pos);
}

static u128 factorial(unsigned n) { u128 r = 1; for (unsigned i = 2; i <= n; i++) r *= i; return r; }

int main(void) {
    volatile uint64_t x = 0xFFFFFFFFFFFFFFFFull, y = 0x123456789ABCDEF0ull;
    u128 p = (u128)x * y;
    print_hex("x*y", p);
    print_dec("30!", (i128)factorial(30));
    print_hex("33!", factorial(33));
    u128 f = factorial(34);
    print_dec("34!/10^20", (i128)(f / ((u128)10000000000ull * 10000000000ull)));
    u128 big = ((u128)0x0123456789ABCDEFull << 64) | 0xFEDCBA9876543210ull;
    print_hex("big", big);
    print_hex("big>>37", big >> 37);
    print_hex("big<<71", big << 71);
    print_dec("big/1000000007", (i128)(big / 1000000007u));
    print_dec("big%1000000007", (i128)(big % 1000000007u));
    print_hex("big/y", big / y);
    print_hex("big%y", big % y);
    i128 s = -(i128)big;
    print_dec("-big", s);
    print_dec("-big/7", s / 7);
    print_dec("-big%7", s % 7);
    print_dec("-big>>3", s >> 3);
    i128 q = s / (i128)-123456789012345LL;
    print_dec("-big/-123456789012345", q);
    printf("cmp: %d %d %d %d\n", s < 0, big > (u128)s, (u128)s > big, (i128)big > s);
    /* 128-bit via 64x64 mul-high */
    uint64_t hi = (uint64_t)(((u128)0xDEADBEEFCAFEBABEull * 0x0123456789ABCDEFull) >> 64);
    printf("mulhi=%016llx\n", (unsigned long long)hi);
    u128 acc = 1;
    for (int i = 0; i < 100; i++) acc = acc * 6364136223846793005ull + 1442695040888963407ull;
    print_hex("lcg128", acc);
    return (int)(acc % 100);
}
