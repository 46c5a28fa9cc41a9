/* workload: flat | 50 distinct small loop functions (hash, bit-mix, div/mod, 64-bit, float, branchy) sharing time evenly, called round-robin */
#pragma STDC FP_CONTRACT OFF
#include <stdint.h>
#include <stdio.h>

#define N 1024
#define NFUNCS 50
#define ROUNDS 35000

static uint32_t data[N];
static uint32_t scratch[N];

__attribute__((noinline)) static uint32_t fn00(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 280; i++)
        h = (h * 2137951841u + data[i]) ^ (h >> 11);
    return h + 3675249216u;
}

__attribute__((noinline)) static uint32_t fn01(uint32_t seed) {
    uint32_t x = seed | 1u, h = 2737725617u;
    for (int i = 0; i < 232; i++) {
        x ^= x << 5;
        x ^= x >> 9;
        x ^= x << 23;
        h += x ^ data[i];
    }
    return h ^ x;
}

__attribute__((noinline)) static uint32_t fn02(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 256; i++) {
        uint32_t v = (data[i] * 3827062985u + h) ^ data[(i * 23) & (N - 1)];
        scratch[i] = v;
        h ^= v + 1041508142u;
        h = (h << 3) | (h >> 29);
    }
    return h ^ scratch[(seed >> 4) & (N - 1)];
}

__attribute__((noinline)) static uint32_t fn03(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 224; i++) {
        uint32_t v = data[i] ^ h;
        if (v & 544u)
            h += v * 2313855355u;
        else
            h ^= (v >> 7) + 963825675u;
    }
    return h;
}

__attribute__((noinline)) static uint32_t fn04(uint32_t seed) {
    uint32_t h = seed, lo = 0xffffffffu, hi = 0u;
    for (int i = 0; i < 240; i++) {
        uint32_t v = data[i] + h;
        lo = v < lo ? v : lo;
        hi = v > hi ? v : hi;
        h = h * 2906353221u + (lo ^ hi ^ v);
    }
    return h + lo - hi + 2391057252u;
}

__attribute__((noinline)) static uint32_t fn05(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 256; i++) {
        uint32_t t = h ^ data[i];
        h = ((t << 5) | (t >> 27)) * 3996593061u + 658559307u;
    }
    return h;
}

__attribute__((noinline)) static uint32_t fn06(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 100; i++) {
        uint32_t v = data[i] ^ h;
        h += (v % 358u) * (v / 848u) ^ (h >> 4);
    }
    return h;
}

__attribute__((noinline)) static uint32_t fn07(uint32_t seed) {
    uint64_t acc = seed;
    uint32_t h = 0;
    for (int i = 0; i < 288; i++) {
        acc = acc * 6410576123298520553ull + data[i] + 4102264720529042790ull;
        h ^= (uint32_t)(acc >> 26);
    }
    return h ^ (uint32_t)acc;
}

__attribute__((noinline)) static uint32_t fn08(uint32_t seed) {
    double acc = (double)(seed & 0xffffu);
    uint32_t h = seed;
    for (int i = 0; i < 240; i++) {
        acc = acc * 0.923489 + (double)(data[i] & 1023u) * 0.001619;
        h = h * 33u + (uint32_t)acc;
    }
    return h;
}

__attribute__((noinline)) static uint32_t fn09(uint32_t seed) {
    uint32_t h = seed, bits = 0;
    for (int i = 0; i < 96; i++) {
        uint32_t v = data[i] ^ h;
        v = v - ((v >> 1) & 0x55555555u);
        v = (v & 0x33333333u) + ((v >> 2) & 0x33333333u);
        v = (((v + (v >> 4)) & 0x0f0f0f0fu) * 0x01010101u) >> 24;
        bits += v;
        h = h * 4245025045u + v;
    }
    return h ^ bits;
}

__attribute__((noinline)) static uint32_t fn10(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 280; i++)
        h = (h * 2594283343u + data[i]) ^ (h >> 16);
    return h + 3836251377u;
}

__attribute__((noinline)) static uint32_t fn11(uint32_t seed) {
    uint32_t x = seed | 1u, h = 2727321483u;
    for (int i = 0; i < 232; i++) {
        x ^= x << 11;
        x ^= x >> 7;
        x ^= x << 12;
        h += x ^ data[i];
    }
    return h ^ x;
}

__attribute__((noinline)) static uint32_t fn12(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 256; i++) {
        uint32_t v = (data[i] * 383114925u + h) ^ data[(i * 5) & (N - 1)];
        scratch[i] = v;
        h ^= v + 3931644904u;
        h = (h << 3) | (h >> 29);
    }
    return h ^ scratch[(seed >> 4) & (N - 1)];
}

__attribute__((noinline)) static uint32_t fn13(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 224; i++) {
        uint32_t v = data[i] ^ h;
        if (v & 16416u)
            h += v * 25640915u;
        else
            h ^= (v >> 5) + 1449398933u;
    }
    return h;
}

__attribute__((noinline)) static uint32_t fn14(uint32_t seed) {
    uint32_t h = seed, lo = 0xffffffffu, hi = 0u;
    for (int i = 0; i < 240; i++) {
        uint32_t v = data[i] + h;
        lo = v < lo ? v : lo;
        hi = v > hi ? v : hi;
        h = h * 1144283687u + (lo ^ hi ^ v);
    }
    return h + lo - hi + 3430732498u;
}

__attribute__((noinline)) static uint32_t fn15(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 256; i++) {
        uint32_t t = h ^ data[i];
        h = ((t << 16) | (t >> 16)) * 3007808707u + 4227106649u;
    }
    return h;
}

__attribute__((noinline)) static uint32_t fn16(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 100; i++) {
        uint32_t v = data[i] ^ h;
        h += (v % 111u) * (v / 208u) ^ (h >> 10);
    }
    return h;
}

__attribute__((noinline)) static uint32_t fn17(uint32_t seed) {
    uint64_t acc = seed;
    uint32_t h = 0;
    for (int i = 0; i < 288; i++) {
        acc = acc * 16716457705872941449ull + data[i] + 10720945608874863910ull;
        h ^= (uint32_t)(acc >> 34);
    }
    return h ^ (uint32_t)acc;
}

__attribute__((noinline)) static uint32_t fn18(uint32_t seed) {
    double acc = (double)(seed & 0xffffu);
    uint32_t h = seed;
    for (int i = 0; i < 240; i++) {
        acc = acc * 0.805308 + (double)(data[i] & 1023u) * 0.00214;
        h = h * 33u + (uint32_t)acc;
    }
    return h;
}

__attribute__((noinline)) static uint32_t fn19(uint32_t seed) {
    uint32_t h = seed, bits = 0;
    for (int i = 0; i < 96; i++) {
        uint32_t v = data[i] ^ h;
        v = v - ((v >> 1) & 0x55555555u);
        v = (v & 0x33333333u) + ((v >> 2) & 0x33333333u);
        v = (((v + (v >> 4)) & 0x0f0f0f0fu) * 0x01010101u) >> 24;
        bits += v;
        h = h * 2295050665u + v;
    }
    return h ^ bits;
}

__attribute__((noinline)) static uint32_t fn20(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 280; i++)
        h = (h * 2488158953u + data[i]) ^ (h >> 13);
    return h + 527581200u;
}

__attribute__((noinline)) static uint32_t fn21(uint32_t seed) {
    uint32_t x = seed | 1u, h = 2682023042u;
    for (int i = 0; i < 232; i++) {
        x ^= x << 7;
        x ^= x >> 13;
        x ^= x << 19;
        h += x ^ data[i];
    }
    return h ^ x;
}

__attribute__((noinline)) static uint32_t fn22(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 256; i++) {
        uint32_t v = (data[i] * 3823546209u + h) ^ data[(i * 5) & (N - 1)];
        scratch[i] = v;
        h ^= v + 2989285928u;
        h = (h << 3) | (h >> 29);
    }
    return h ^ scratch[(seed >> 4) & (N - 1)];
}

__attribute__((noinline)) static uint32_t fn23(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 224; i++) {
        uint32_t v = data[i] ^ h;
        if (v & 16512u)
            h += v * 3813047691u;
        else
            h ^= (v >> 10) + 3500361980u;
    }
    return h;
}

__attribute__((noinline)) static uint32_t fn24(uint32_t seed) {
    uint32_t h = seed, lo = 0xffffffffu, hi = 0u;
    for (int i = 0; i < 240; i++) {
        uint32_t v = data[i] + h;
        lo = v < lo ? v : lo;
        hi = v > hi ? v : hi;
        h = h * 2285207781u + (lo ^ hi ^ v);
    }
    return h + lo - hi + 3511441980u;
}

__attribute__((noinline)) static uint32_t fn25(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 256; i++) {
        uint32_t t = h ^ data[i];
        h = ((t << 24) | (t >> 8)) * 538388317u + 2144964690u;
    }
    return h;
}

__attribute__((noinline)) static uint32_t fn26(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 100; i++) {
        uint32_t v = data[i] ^ h;
        h += (v % 587u) * (v / 849u) ^ (h >> 11);
    }
    return h;
}

__attribute__((noinline)) static uint32_t fn27(uint32_t seed) {
    uint64_t acc = seed;
    uint32_t h = 0;
    for (int i = 0; i < 288; i++) {
        acc = acc * 1718586634564155487ull + data[i] + 6783599555759165532ull;
        h ^= (uint32_t)(acc >> 36);
    }
    return h ^ (uint32_t)acc;
}

__attribute__((noinline)) static uint32_t fn28(uint32_t seed) {
    double acc = (double)(seed & 0xffffu);
    uint32_t h = seed;
    for (int i = 0; i < 240; i++) {
        acc = acc * 0.675615 + (double)(data[i] & 1023u) * 0.002352;
        h = h * 33u + (uint32_t)acc;
    }
    return h;
}

__attribute__((noinline)) static uint32_t fn29(uint32_t seed) {
    uint32_t h = seed, bits = 0;
    for (int i = 0; i < 96; i++) {
        uint32_t v = data[i] ^ h;
        v = v - ((v >> 1) & 0x55555555u);
        v = (v & 0x33333333u) + ((v >> 2) & 0x33333333u);
        v = (((v + (v >> 4)) & 0x0f0f0f0fu) * 0x01010101u) >> 24;
        bits += v;
        h = h * 3886671815u + v;
    }
    return h ^ bits;
}

__attribute__((noinline)) static uint32_t fn30(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 280; i++)
        h = (h * 2522242885u + data[i]) ^ (h >> 13);
    return h + 2924626980u;
}

__attribute__((noinline)) static uint32_t fn31(uint32_t seed) {
    uint32_t x = seed | 1u, h = 4202037068u;
    for (int i = 0; i < 232; i++) {
        x ^= x << 11;
        x ^= x >> 7;
        x ^= x << 12;
        h += x ^ data[i];
    }
    return h ^ x;
}

__attribute__((noinline)) static uint32_t fn32(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 256; i++) {
        uint32_t v = (data[i] * 3397156081u + h) ^ data[(i * 11) & (N - 1)];
        scratch[i] = v;
        h ^= v + 3651916341u;
        h = (h << 3) | (h >> 29);
    }
    return h ^ scratch[(seed >> 4) & (N - 1)];
}

__attribute__((noinline)) static uint32_t fn33(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 224; i++) {
        uint32_t v = data[i] ^ h;
        if (v & 516u)
            h += v * 3601359679u;
        else
            h ^= (v >> 4) + 1100183264u;
    }
    return h;
}

__attribute__((noinline)) static uint32_t fn34(uint32_t seed) {
    uint32_t h = seed, lo = 0xffffffffu, hi = 0u;
    for (int i = 0; i < 240; i++) {
        uint32_t v = data[i] + h;
        lo = v < lo ? v : lo;
        hi = v > hi ? v : hi;
        h = h * 1616279867u + (lo ^ hi ^ v);
    }
    return h + lo - hi + 3479894384u;
}

__attribute__((noinline)) static uint32_t fn35(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 256; i++) {
        uint32_t t = h ^ data[i];
        h = ((t << 10) | (t >> 22)) * 1443892567u + 143962925u;
    }
    return h;
}

__attribute__((noinline)) static uint32_t fn36(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 100; i++) {
        uint32_t v = data[i] ^ h;
        h += (v % 650u) * (v / 533u) ^ (h >> 3);
    }
    return h;
}

__attribute__((noinline)) static uint32_t fn37(uint32_t seed) {
    uint64_t acc = seed;
    uint32_t h = 0;
    for (int i = 0; i < 288; i++) {
        acc = acc * 15758322544605549065ull + data[i] + 11953271916458436165ull;
        h ^= (uint32_t)(acc >> 27);
    }
    return h ^ (uint32_t)acc;
}

__attribute__((noinline)) static uint32_t fn38(uint32_t seed) {
    double acc = (double)(seed & 0xffffu);
    uint32_t h = seed;
    for (int i = 0; i < 240; i++) {
        acc = acc * 0.62842 + (double)(data[i] & 1023u) * 0.007141;
        h = h * 33u + (uint32_t)acc;
    }
    return h;
}

__attribute__((noinline)) static uint32_t fn39(uint32_t seed) {
    uint32_t h = seed, bits = 0;
    for (int i = 0; i < 96; i++) {
        uint32_t v = data[i] ^ h;
        v = v - ((v >> 1) & 0x55555555u);
        v = (v & 0x33333333u) + ((v >> 2) & 0x33333333u);
        v = (((v + (v >> 4)) & 0x0f0f0f0fu) * 0x01010101u) >> 24;
        bits += v;
        h = h * 1810042189u + v;
    }
    return h ^ bits;
}

__attribute__((noinline)) static uint32_t fn40(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 280; i++)
        h = (h * 1998497561u + data[i]) ^ (h >> 13);
    return h + 2480594475u;
}

__attribute__((noinline)) static uint32_t fn41(uint32_t seed) {
    uint32_t x = seed | 1u, h = 2019485955u;
    for (int i = 0; i < 232; i++) {
        x ^= x << 11;
        x ^= x >> 7;
        x ^= x << 12;
        h += x ^ data[i];
    }
    return h ^ x;
}

__attribute__((noinline)) static uint32_t fn42(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 256; i++) {
        uint32_t v = (data[i] * 383485555u + h) ^ data[(i * 5) & (N - 1)];
        scratch[i] = v;
        h ^= v + 1731339946u;
        h = (h << 3) | (h >> 29);
    }
    return h ^ scratch[(seed >> 4) & (N - 1)];
}

__attribute__((noinline)) static uint32_t fn43(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 224; i++) {
        uint32_t v = data[i] ^ h;
        if (v & 288u)
            h += v * 3330527057u;
        else
            h ^= (v >> 2) + 290132575u;
    }
    return h;
}

__attribute__((noinline)) static uint32_t fn44(uint32_t seed) {
    uint32_t h = seed, lo = 0xffffffffu, hi = 0u;
    for (int i = 0; i < 240; i++) {
        uint32_t v = data[i] + h;
        lo = v < lo ? v : lo;
        hi = v > hi ? v : hi;
        h = h * 1906078813u + (lo ^ hi ^ v);
    }
    return h + lo - hi + 2868718792u;
}

__attribute__((noinline)) static uint32_t fn45(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 256; i++) {
        uint32_t t = h ^ data[i];
        h = ((t << 23) | (t >> 9)) * 2434726771u + 38014396u;
    }
    return h;
}

__attribute__((noinline)) static uint32_t fn46(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 100; i++) {
        uint32_t v = data[i] ^ h;
        h += (v % 317u) * (v / 327u) ^ (h >> 8);
    }
    return h;
}

__attribute__((noinline)) static uint32_t fn47(uint32_t seed) {
    uint64_t acc = seed;
    uint32_t h = 0;
    for (int i = 0; i < 288; i++) {
        acc = acc * 11897030519992180623ull + data[i] + 9582509847804592713ull;
        h ^= (uint32_t)(acc >> 35);
    }
    return h ^ (uint32_t)acc;
}

__attribute__((noinline)) static uint32_t fn48(uint32_t seed) {
    double acc = (double)(seed & 0xffffu);
    uint32_t h = seed;
    for (int i = 0; i < 240; i++) {
        acc = acc * 0.578383 + (double)(data[i] & 1023u) * 0.001799;
        h = h * 33u + (uint32_t)acc;
    }
    return h;
}

__attribute__((noinline)) static uint32_t fn49(uint32_t seed) {
    uint32_t h = seed, bits = 0;
    for (int i = 0; i < 96; i++) {
        uint32_t v = data[i] ^ h;
        v = v - ((v >> 1) & 0x55555555u);
        v = (v & 0x33333333u) + ((v >> 2) & 0x33333333u);
        v = (((v + (v >> 4)) & 0x0f0f0f0fu) * 0x01010101u) >> 24;
        bits += v;
        h = h * 844252015u + v;
    }
    return h ^ bits;
}

static uint32_t (*const table[NFUNCS])(uint32_t) = {
    fn00, fn01, fn02, fn03, fn04, fn05, fn06, fn07,
    fn08, fn09, fn10, fn11, fn12, fn13, fn14, fn15,
    fn16, fn17, fn18, fn19, fn20, fn21, fn22, fn23,
    fn24, fn25, fn26, fn27, fn28, fn29, fn30, fn31,
    fn32, fn33, fn34, fn35, fn36, fn37, fn38, fn39,
    fn40, fn41, fn42, fn43, fn44, fn45, fn46, fn47,
    fn48, fn49,
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
