/* exercises: bit tricks - popcount, clz, ctz, bswap32/64, rotates, parity, isolate lowest bit, next power of two, bit reversal */
#include <stdio.h>
#include <stdint.h>

static inline uint32_t rotl32(uint32_t x, unsigned r) { r &= 31; return (x << r) | (x >> ((32 - r) & 31)); }
static inline uint32_t rotr32(uint32_t x, unsigned r) { r &= 31; return (x >> r) | (x << ((32 - r) & 31)); }
static inline uint64_t rotl64(uint64_t x, unsigned r) { r &= 63; return (x << r) | (x >> ((64 - r) & 63)); }

static uint32_t next_pow2(uint32_t x) { return x <= 1 ? 1 : 1u << (32 - __builtin_clz(x - 1)); }

static uint32_t bitrev32(uint32_t x) {
    x = ((x >> 1) & 0x55555555u) | ((x & 0x55555555u) << 1);
    x = ((x >> 2) & 0x33333333u) | ((x & 0x33333333u) << 2);
    x = ((x >> 4) & 0x0F0F0F0Fu) | ((x & 0x0F0F0F0Fu) << 4);
    return __builtin_bswap32(x);
}

static int popcount_naive(uint64_t x) { int c = 0; while (x) { x &= x - 1; c++; } return c; }

int main(void) {
    volatile uint32_t vals[] = {1u, 0x80000000u, 0xF0F0u, 0xDEADBEEFu, 12345678u, 0x00010000u};
    unsigned acc = 0;
    for (int i = 0; i < 6; i++) {
        uint32_t v = vals[i];
        printf("v=%08x pop=%d clz=%d ctz=%d bswap=%08x rotl7=%08x rotr9=%08x rev=%08x np2=%u parity=%d low=%x\n", v,
               __builtin_popcount(v), __builtin_clz(v), __builtin_ctz(v), __builtin_bswap32(v), rotl32(v, 7), rotr32(v, 9),
               bitrev32(v), next_pow2(v & 0xFFFFu), __builtin_parity(v), v & -v);
        acc += (unsigned)__builtin_popcount(v) * 3u + (unsigned)__builtin_clz(v) + (unsigned)__builtin_ctz(v);
    }
    volatile uint64_t w = 0x0123456789ABCDEFull;
    printf("bswap64=%016llx rotl64(13)=%016llx popll=%d clzll=%d ctzll=%d\n", (unsigned long long)__builtin_bswap64(w),
           (unsigned long long)rotl64(w, 13), __builtin_popcountll(w), __builtin_clzll(w), __builtin_ctzll(w << 4));
    int agree = 1;
    uint64_t x = 0x9E3779B97F4A7C15ull;
    for (int i = 0; i < 1000; i++) {
        x ^= x >> 12; x ^= x << 25; x ^= x >> 27;
        if (__builtin_popcountll(x) != popcount_naive(x)) agree = 0;
    }
    printf("popcount agree=%d last=%016llx\n", agree, (unsigned long long)x);
    uint16_t h = 0xABCD;
    printf("bswap16=%04x ffs(0x50)=%d ffs(0)=%d\n", __builtin_bswap16(h), __builtin_ffs(0x50), __builtin_ffs(0));
    /* gray code and its inverse */
    unsigned g = 0;
    for (unsigned n = 0; n < 64; n++) {
        unsigned gray = n ^ (n >> 1), inv = gray;
        for (unsigned s = 1; s < 32; s <<= 1) inv ^= inv >> s;
        if (inv != n) g++;
        g += __builtin_popcount(gray) & 1;
    }
    printf("gray check=%u acc=%u\n", g, acc);
    return (int)(acc % 100);
}
