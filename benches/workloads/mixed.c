/* workload: mixed | 3 hot loop functions take ~60% of the time, 20 lukewarm ones share the rest, called round-robin */
#pragma STDC FP_CONTRACT OFF
#include <stdint.h>
#include <stdio.h>

#define N 1024
/* fn02, fn13 and fn17 have ~10x longer loops than the others (~60% of run time together). */
#define NFUNCS 23
#define ROUNDS 100000

static uint32_t data[N];
static uint32_t scratch[N];

__attribute__((noinline)) static uint32_t fn00(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 100; i++)
        h = (h * 3973314573u + data[i]) ^ (h >> 11);
    return h + 3347488686u;
}

__attribute__((noinline)) static uint32_t fn01(uint32_t seed) {
    uint32_t x = seed | 1u, h = 73408986u;
    for (int i = 0; i < 83; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        h += x ^ data[i];
    }
    return h ^ x;
}

__attribute__((noinline)) static uint32_t fn02(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 870; i++) {
        uint32_t v = (data[i] * 2543786151u + h) ^ data[(i * 19) & (N - 1)];
        scratch[i] = v;
        h ^= v + 1317520634u;
        h = (h << 3) | (h >> 29);
    }
    return h ^ scratch[(seed >> 4) & (N - 1)];
}

__attribute__((noinline)) static uint32_t fn03(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 80; i++) {
        uint32_t v = data[i] ^ h;
        if (v & 8256u)
            h += v * 560695443u;
        else
            h ^= (v >> 5) + 1148462228u;
    }
    return h;
}

__attribute__((noinline)) static uint32_t fn04(uint32_t seed) {
    uint32_t h = seed, lo = 0xffffffffu, hi = 0u;
    for (int i = 0; i < 86; i++) {
        uint32_t v = data[i] + h;
        lo = v < lo ? v : lo;
        hi = v > hi ? v : hi;
        h = h * 1910477539u + (lo ^ hi ^ v);
    }
    return h + lo - hi + 60521352u;
}

__attribute__((noinline)) static uint32_t fn05(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 92; i++) {
        uint32_t t = h ^ data[i];
        h = ((t << 10) | (t >> 22)) * 2664617847u + 1954417195u;
    }
    return h;
}

__attribute__((noinline)) static uint32_t fn06(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 36; i++) {
        uint32_t v = data[i] ^ h;
        h += (v % 926u) * (v / 28u) ^ (h >> 4);
    }
    return h;
}

__attribute__((noinline)) static uint32_t fn07(uint32_t seed) {
    uint64_t acc = seed;
    uint32_t h = 0;
    for (int i = 0; i < 103; i++) {
        acc = acc * 18101319048669514333ull + data[i] + 9190921955665189097ull;
        h ^= (uint32_t)(acc >> 33);
    }
    return h ^ (uint32_t)acc;
}

__attribute__((noinline)) static uint32_t fn08(uint32_t seed) {
    double acc = (double)(seed & 0xffffu);
    uint32_t h = seed;
    for (int i = 0; i < 86; i++) {
        acc = acc * 0.807556 + (double)(data[i] & 1023u) * 0.001176;
        h = h * 33u + (uint32_t)acc;
    }
    return h;
}

__attribute__((noinline)) static uint32_t fn09(uint32_t seed) {
    uint32_t h = seed, bits = 0;
    for (int i = 0; i < 34; i++) {
        uint32_t v = data[i] ^ h;
        v = v - ((v >> 1) & 0x55555555u);
        v = (v & 0x33333333u) + ((v >> 2) & 0x33333333u);
        v = (((v + (v >> 4)) & 0x0f0f0f0fu) * 0x01010101u) >> 24;
        bits += v;
        h = h * 1853441235u + v;
    }
    return h ^ bits;
}

__attribute__((noinline)) static uint32_t fn10(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 100; i++)
        h = (h * 1542926191u + data[i]) ^ (h >> 7);
    return h + 3310515925u;
}

__attribute__((noinline)) static uint32_t fn11(uint32_t seed) {
    uint32_t x = seed | 1u, h = 3363464561u;
    for (int i = 0; i < 83; i++) {
        x ^= x << 6;
        x ^= x >> 21;
        x ^= x << 7;
        h += x ^ data[i];
    }
    return h ^ x;
}

__attribute__((noinline)) static uint32_t fn12(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 92; i++) {
        uint32_t v = (data[i] * 152702465u + h) ^ data[(i * 17) & (N - 1)];
        scratch[i] = v;
        h ^= v + 2530331647u;
        h = (h << 3) | (h >> 29);
    }
    return h ^ scratch[(seed >> 4) & (N - 1)];
}

__attribute__((noinline)) static uint32_t fn13(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 940; i++) {
        uint32_t v = data[i] ^ h;
        if (v & 2052u)
            h += v * 4170324631u;
        else
            h ^= (v >> 7) + 2428997267u;
    }
    return h;
}

__attribute__((noinline)) static uint32_t fn14(uint32_t seed) {
    uint32_t h = seed, lo = 0xffffffffu, hi = 0u;
    for (int i = 0; i < 86; i++) {
        uint32_t v = data[i] + h;
        lo = v < lo ? v : lo;
        hi = v > hi ? v : hi;
        h = h * 3264307223u + (lo ^ hi ^ v);
    }
    return h + lo - hi + 3694354685u;
}

__attribute__((noinline)) static uint32_t fn15(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 92; i++) {
        uint32_t t = h ^ data[i];
        h = ((t << 14) | (t >> 18)) * 4160988803u + 2456987759u;
    }
    return h;
}

__attribute__((noinline)) static uint32_t fn16(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 36; i++) {
        uint32_t v = data[i] ^ h;
        h += (v % 291u) * (v / 679u) ^ (h >> 8);
    }
    return h;
}

__attribute__((noinline)) static uint32_t fn17(uint32_t seed) {
    uint64_t acc = seed;
    uint32_t h = 0;
    for (int i = 0; i < 1024; i++) {
        acc = acc * 1581553406348046083ull + data[i] + 8744982038709558465ull;
        h ^= (uint32_t)(acc >> 25);
    }
    return h ^ (uint32_t)acc;
}

__attribute__((noinline)) static uint32_t fn18(uint32_t seed) {
    double acc = (double)(seed & 0xffffu);
    uint32_t h = seed;
    for (int i = 0; i < 86; i++) {
        acc = acc * 0.789399 + (double)(data[i] & 1023u) * 0.007461;
        h = h * 33u + (uint32_t)acc;
    }
    return h;
}

__attribute__((noinline)) static uint32_t fn19(uint32_t seed) {
    uint32_t h = seed, bits = 0;
    for (int i = 0; i < 34; i++) {
        uint32_t v = data[i] ^ h;
        v = v - ((v >> 1) & 0x55555555u);
        v = (v & 0x33333333u) + ((v >> 2) & 0x33333333u);
        v = (((v + (v >> 4)) & 0x0f0f0f0fu) * 0x01010101u) >> 24;
        bits += v;
        h = h * 1922838395u + v;
    }
    return h ^ bits;
}

__attribute__((noinline)) static uint32_t fn20(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 100; i++)
        h = (h * 2903262211u + data[i]) ^ (h >> 9);
    return h + 2759060063u;
}

__attribute__((noinline)) static uint32_t fn21(uint32_t seed) {
    uint32_t x = seed | 1u, h = 3431769059u;
    for (int i = 0; i < 83; i++) {
        x ^= x << 6;
        x ^= x >> 21;
        x ^= x << 7;
        h += x ^ data[i];
    }
    return h ^ x;
}

__attribute__((noinline)) static uint32_t fn22(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 92; i++) {
        uint32_t v = (data[i] * 767871815u + h) ^ data[(i * 17) & (N - 1)];
        scratch[i] = v;
        h ^= v + 2291802891u;
        h = (h << 3) | (h >> 29);
    }
    return h ^ scratch[(seed >> 4) & (N - 1)];
}

static uint32_t (*const table[NFUNCS])(uint32_t) = {
    fn00, fn01, fn02, fn03, fn04, fn05, fn06, fn07,
    fn08, fn09, fn10, fn11, fn12, fn13, fn14, fn15,
    fn16, fn17, fn18, fn19, fn20, fn21, fn22,
};

int main(void) {
    uint32_t s = 1u;
    for (int i = 0; i < N; i++) {
        s = s * 1103515245u + 12345u;
        data[i] = s ^ (s >> 15);
    }

    uint32_t h = 0x9e3779b9u;
    uint32_t per_func[NFUNCS] = {0};
    for (uint32_t r = 0; r < ROUNDS; r++) {
        for (int f = 0; f < NFUNCS; f++) {
            uint32_t v = table[f](h ^ r);
            per_func[f] += v;
            h = (h ^ v) * 0x01000193u;
        }
        data[r & (N - 1)] ^= h;
    }

    uint32_t fold = 0;
    for (int f = 0; f < NFUNCS; f++)
        fold = fold * 31u + per_func[f];
    printf("rounds: %d x %d functions\n", ROUNDS, NFUNCS);
    printf("final hash: %u\n", (unsigned)h);
    printf("per-function fold: %u\n", (unsigned)fold);
    printf("data[0..2]: %u %u %u\n", (unsigned)data[0], (unsigned)data[1], (unsigned)data[2]);
    return (int)((h ^ fold) % 101u);
}
