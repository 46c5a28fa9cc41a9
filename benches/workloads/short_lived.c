/* workload: short | finishes in a few ms natively yet calls 48 distinct small functions 200-600 times each */
#pragma STDC FP_CONTRACT OFF
#include <stdint.h>
#include <stdio.h>

#define N 1024
#define NFUNCS 48
#define MAX_ROUNDS 600

static uint32_t data[N];
static uint32_t scratch[N];

__attribute__((noinline)) static uint32_t fn00(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 112; i++)
        h = (h * 3705246615u + data[i]) ^ (h >> 13);
    return h + 4075710207u;
}

__attribute__((noinline)) static uint32_t fn01(uint32_t seed) {
    uint32_t x = seed | 1u, h = 122263153u;
    for (int i = 0; i < 106; i++) {
        x ^= x << 6;
        x ^= x >> 21;
        x ^= x << 7;
        h += x ^ data[i];
    }
    return h ^ x;
}

__attribute__((noinline)) static uint32_t fn02(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 133; i++) {
        uint32_t v = (data[i] * 2649264207u + h) ^ data[(i * 19) & (N - 1)];
        scratch[i] = v;
        h ^= v + 1676235790u;
        h = (h << 3) | (h >> 29);
    }
    return h ^ scratch[(seed >> 4) & (N - 1)];
}

__attribute__((noinline)) static uint32_t fn03(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 129; i++) {
        uint32_t v = data[i] ^ h;
        if (v & 4128u)
            h += v * 795231827u;
        else
            h ^= (v >> 10) + 2120278913u;
    }
    return h;
}

__attribute__((noinline)) static uint32_t fn04(uint32_t seed) {
    uint32_t h = seed, lo = 0xffffffffu, hi = 0u;
    for (int i = 0; i < 153; i++) {
        uint32_t v = data[i] + h;
        lo = v < lo ? v : lo;
        hi = v > hi ? v : hi;
        h = h * 103870599u + (lo ^ hi ^ v);
    }
    return h + lo - hi + 3494765835u;
}

__attribute__((noinline)) static uint32_t fn05(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 102; i++) {
        uint32_t t = h ^ data[i];
        h = ((t << 18) | (t >> 14)) * 676998479u + 669351932u;
    }
    return h;
}

__attribute__((noinline)) static uint32_t fn06(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 46; i++) {
        uint32_t v = data[i] ^ h;
        h += (v % 590u) * (v / 784u) ^ (h >> 13);
    }
    return h;
}

__attribute__((noinline)) static uint32_t fn07(uint32_t seed) {
    uint64_t acc = seed;
    uint32_t h = 0;
    for (int i = 0; i < 149; i++) {
        acc = acc * 2211768169322204513ull + data[i] + 2338621340739166094ull;
        h ^= (uint32_t)(acc >> 36);
    }
    return h ^ (uint32_t)acc;
}

__attribute__((noinline)) static uint32_t fn08(uint32_t seed) {
    double acc = (double)(seed & 0xffffu);
    uint32_t h = seed;
    for (int i = 0; i < 139; i++) {
        acc = acc * 0.665078 + (double)(data[i] & 1023u) * 0.002279;
        h = h * 33u + (uint32_t)acc;
    }
    return h;
}

__attribute__((noinline)) static uint32_t fn09(uint32_t seed) {
    uint32_t h = seed, bits = 0;
    for (int i = 0; i < 61; i++) {
        uint32_t v = data[i] ^ h;
        v = v - ((v >> 1) & 0x55555555u);
        v = (v & 0x33333333u) + ((v >> 2) & 0x33333333u);
        v = (((v + (v >> 4)) & 0x0f0f0f0fu) * 0x01010101u) >> 24;
        bits += v;
        h = h * 737382093u + v;
    }
    return h ^ bits;
}

__attribute__((noinline)) static uint32_t fn10(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 112; i++)
        h = (h * 3083876741u + data[i]) ^ (h >> 18);
    return h + 1021092484u;
}

__attribute__((noinline)) static uint32_t fn11(uint32_t seed) {
    uint32_t x = seed | 1u, h = 2870631239u;
    for (int i = 0; i < 106; i++) {
        x ^= x << 3;
        x ^= x >> 25;
        x ^= x << 24;
        h += x ^ data[i];
    }
    return h ^ x;
}

__attribute__((noinline)) static uint32_t fn12(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 133; i++) {
        uint32_t v = (data[i] * 2703553151u + h) ^ data[(i * 23) & (N - 1)];
        scratch[i] = v;
        h ^= v + 1003830932u;
        h = (h << 3) | (h >> 29);
    }
    return h ^ scratch[(seed >> 4) & (N - 1)];
}

__attribute__((noinline)) static uint32_t fn13(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 129; i++) {
        uint32_t v = data[i] ^ h;
        if (v & 4097u)
            h += v * 1446127467u;
        else
            h ^= (v >> 2) + 1370022766u;
    }
    return h;
}

__attribute__((noinline)) static uint32_t fn14(uint32_t seed) {
    uint32_t h = seed, lo = 0xffffffffu, hi = 0u;
    for (int i = 0; i < 153; i++) {
        uint32_t v = data[i] + h;
        lo = v < lo ? v : lo;
        hi = v > hi ? v : hi;
        h = h * 3828955435u + (lo ^ hi ^ v);
    }
    return h + lo - hi + 722616790u;
}

__attribute__((noinline)) static uint32_t fn15(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 102; i++) {
        uint32_t t = h ^ data[i];
        h = ((t << 19) | (t >> 13)) * 1445146107u + 2886678229u;
    }
    return h;
}

__attribute__((noinline)) static uint32_t fn16(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 46; i++) {
        uint32_t v = data[i] ^ h;
        h += (v % 367u) * (v / 624u) ^ (h >> 9);
    }
    return h;
}

__attribute__((noinline)) static uint32_t fn17(uint32_t seed) {
    uint64_t acc = seed;
    uint32_t h = 0;
    for (int i = 0; i < 149; i++) {
        acc = acc * 5918121007525421389ull + data[i] + 5663913207656203626ull;
        h ^= (uint32_t)(acc >> 25);
    }
    return h ^ (uint32_t)acc;
}

__attribute__((noinline)) static uint32_t fn18(uint32_t seed) {
    double acc = (double)(seed & 0xffffu);
    uint32_t h = seed;
    for (int i = 0; i < 139; i++) {
        acc = acc * 0.774282 + (double)(data[i] & 1023u) * 0.004099;
        h = h * 33u + (uint32_t)acc;
    }
    return h;
}

__attribute__((noinline)) static uint32_t fn19(uint32_t seed) {
    uint32_t h = seed, bits = 0;
    for (int i = 0; i < 61; i++) {
        uint32_t v = data[i] ^ h;
        v = v - ((v >> 1) & 0x55555555u);
        v = (v & 0x33333333u) + ((v >> 2) & 0x33333333u);
        v = (((v + (v >> 4)) & 0x0f0f0f0fu) * 0x01010101u) >> 24;
        bits += v;
        h = h * 1151915991u + v;
    }
    return h ^ bits;
}

__attribute__((noinline)) static uint32_t fn20(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 112; i++)
        h = (h * 1893628307u + data[i]) ^ (h >> 18);
    return h + 338288557u;
}

__attribute__((noinline)) static uint32_t fn21(uint32_t seed) {
    uint32_t x = seed | 1u, h = 1102149909u;
    for (int i = 0; i < 106; i++) {
        x ^= x << 11;
        x ^= x >> 7;
        x ^= x << 12;
        h += x ^ data[i];
    }
    return h ^ x;
}

__attribute__((noinline)) static uint32_t fn22(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 133; i++) {
        uint32_t v = (data[i] * 718506719u + h) ^ data[(i * 7) & (N - 1)];
        scratch[i] = v;
        h ^= v + 4190311783u;
        h = (h << 3) | (h >> 29);
    }
    return h ^ scratch[(seed >> 4) & (N - 1)];
}

__attribute__((noinline)) static uint32_t fn23(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 129; i++) {
        uint32_t v = data[i] ^ h;
        if (v & 32784u)
            h += v * 1193896143u;
        else
            h ^= (v >> 3) + 3792833286u;
    }
    return h;
}

__attribute__((noinline)) static uint32_t fn24(uint32_t seed) {
    uint32_t h = seed, lo = 0xffffffffu, hi = 0u;
    for (int i = 0; i < 153; i++) {
        uint32_t v = data[i] + h;
        lo = v < lo ? v : lo;
        hi = v > hi ? v : hi;
        h = h * 437000737u + (lo ^ hi ^ v);
    }
    return h + lo - hi + 3123816472u;
}

__attribute__((noinline)) static uint32_t fn25(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 102; i++) {
        uint32_t t = h ^ data[i];
        h = ((t << 15) | (t >> 17)) * 3552665915u + 1848860022u;
    }
    return h;
}

__attribute__((noinline)) static uint32_t fn26(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 46; i++) {
        uint32_t v = data[i] ^ h;
        h += (v % 684u) * (v / 969u) ^ (h >> 10);
    }
    return h;
}

__attribute__((noinline)) static uint32_t fn27(uint32_t seed) {
    uint64_t acc = seed;
    uint32_t h = 0;
    for (int i = 0; i < 149; i++) {
        acc = acc * 4221034461138466213ull + data[i] + 4133376442171343639ull;
        h ^= (uint32_t)(acc >> 23);
    }
    return h ^ (uint32_t)acc;
}

__attribute__((noinline)) static uint32_t fn28(uint32_t seed) {
    double acc = (double)(seed & 0xffffu);
    uint32_t h = seed;
    for (int i = 0; i < 139; i++) {
        acc = acc * 0.703294 + (double)(data[i] & 1023u) * 0.006585;
        h = h * 33u + (uint32_t)acc;
    }
    return h;
}

__attribute__((noinline)) static uint32_t fn29(uint32_t seed) {
    uint32_t h = seed, bits = 0;
    for (int i = 0; i < 61; i++) {
        uint32_t v = data[i] ^ h;
        v = v - ((v >> 1) & 0x55555555u);
        v = (v & 0x33333333u) + ((v >> 2) & 0x33333333u);
        v = (((v + (v >> 4)) & 0x0f0f0f0fu) * 0x01010101u) >> 24;
        bits += v;
        h = h * 3722810449u + v;
    }
    return h ^ bits;
}

__attribute__((noinline)) static uint32_t fn30(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 112; i++)
        h = (h * 1810050191u + data[i]) ^ (h >> 10);
    return h + 951351012u;
}

__attribute__((noinline)) static uint32_t fn31(uint32_t seed) {
    uint32_t x = seed | 1u, h = 3067144245u;
    for (int i = 0; i < 106; i++) {
        x ^= x << 5;
        x ^= x >> 9;
        x ^= x << 23;
        h += x ^ data[i];
    }
    return h ^ x;
}

__attribute__((noinline)) static uint32_t fn32(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 133; i++) {
        uint32_t v = (data[i] * 929653403u + h) ^ data[(i * 19) & (N - 1)];
        scratch[i] = v;
        h ^= v + 2270981887u;
        h = (h << 3) | (h >> 29);
    }
    return h ^ scratch[(seed >> 4) & (N - 1)];
}

__attribute__((noinline)) static uint32_t fn33(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 129; i++) {
        uint32_t v = data[i] ^ h;
        if (v & 4098u)
            h += v * 3828117723u;
        else
            h ^= (v >> 2) + 2295526700u;
    }
    return h;
}

__attribute__((noinline)) static uint32_t fn34(uint32_t seed) {
    uint32_t h = seed, lo = 0xffffffffu, hi = 0u;
    for (int i = 0; i < 153; i++) {
        uint32_t v = data[i] + h;
        lo = v < lo ? v : lo;
        hi = v > hi ? v : hi;
        h = h * 929487005u + (lo ^ hi ^ v);
    }
    return h + lo - hi + 435120223u;
}

__attribute__((noinline)) static uint32_t fn35(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 102; i++) {
        uint32_t t = h ^ data[i];
        h = ((t << 16) | (t >> 16)) * 38059799u + 3194969423u;
    }
    return h;
}

__attribute__((noinline)) static uint32_t fn36(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 46; i++) {
        uint32_t v = data[i] ^ h;
        h += (v % 27u) * (v / 758u) ^ (h >> 11);
    }
    return h;
}

__attribute__((noinline)) static uint32_t fn37(uint32_t seed) {
    uint64_t acc = seed;
    uint32_t h = 0;
    for (int i = 0; i < 149; i++) {
        acc = acc * 11012575849942212219ull + data[i] + 10650307716160742884ull;
        h ^= (uint32_t)(acc >> 26);
    }
    return h ^ (uint32_t)acc;
}

__attribute__((noinline)) static uint32_t fn38(uint32_t seed) {
    double acc = (double)(seed & 0xffffu);
    uint32_t h = seed;
    for (int i = 0; i < 139; i++) {
        acc = acc * 0.62372 + (double)(data[i] & 1023u) * 0.008139;
        h = h * 33u + (uint32_t)acc;
    }
    return h;
}

__attribute__((noinline)) static uint32_t fn39(uint32_t seed) {
    uint32_t h = seed, bits = 0;
    for (int i = 0; i < 61; i++) {
        uint32_t v = data[i] ^ h;
        v = v - ((v >> 1) & 0x55555555u);
        v = (v & 0x33333333u) + ((v >> 2) & 0x33333333u);
        v = (((v + (v >> 4)) & 0x0f0f0f0fu) * 0x01010101u) >> 24;
        bits += v;
        h = h * 3508196745u + v;
    }
    return h ^ bits;
}

__attribute__((noinline)) static uint32_t fn40(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 112; i++)
        h = (h * 1839353351u + data[i]) ^ (h >> 10);
    return h + 2089280942u;
}

__attribute__((noinline)) static uint32_t fn41(uint32_t seed) {
    uint32_t x = seed | 1u, h = 1511550378u;
    for (int i = 0; i < 106; i++) {
        x ^= x << 11;
        x ^= x >> 7;
        x ^= x << 12;
        h += x ^ data[i];
    }
    return h ^ x;
}

__attribute__((noinline)) static uint32_t fn42(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 133; i++) {
        uint32_t v = (data[i] * 1050192435u + h) ^ data[(i * 19) & (N - 1)];
        scratch[i] = v;
        h ^= v + 697595064u;
        h = (h << 3) | (h >> 29);
    }
    return h ^ scratch[(seed >> 4) & (N - 1)];
}

__attribute__((noinline)) static uint32_t fn43(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 129; i++) {
        uint32_t v = data[i] ^ h;
        if (v & 16385u)
            h += v * 2739666793u;
        else
            h ^= (v >> 3) + 3711251252u;
    }
    return h;
}

__attribute__((noinline)) static uint32_t fn44(uint32_t seed) {
    uint32_t h = seed, lo = 0xffffffffu, hi = 0u;
    for (int i = 0; i < 153; i++) {
        uint32_t v = data[i] + h;
        lo = v < lo ? v : lo;
        hi = v > hi ? v : hi;
        h = h * 2081874661u + (lo ^ hi ^ v);
    }
    return h + lo - hi + 3439939123u;
}

__attribute__((noinline)) static uint32_t fn45(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 102; i++) {
        uint32_t t = h ^ data[i];
        h = ((t << 22) | (t >> 10)) * 957148739u + 2001468047u;
    }
    return h;
}

__attribute__((noinline)) static uint32_t fn46(uint32_t seed) {
    uint32_t h = seed;
    for (int i = 0; i < 46; i++) {
        uint32_t v = data[i] ^ h;
        h += (v % 385u) * (v / 677u) ^ (h >> 7);
    }
    return h;
}

__attribute__((noinline)) static uint32_t fn47(uint32_t seed) {
    uint64_t acc = seed;
    uint32_t h = 0;
    for (int i = 0; i < 149; i++) {
        acc = acc * 9816073340876507995ull + data[i] + 12792331747251224055ull;
        h ^= (uint32_t)(acc >> 24);
    }
    return h ^ (uint32_t)acc;
}

static uint32_t (*const table[NFUNCS])(uint32_t) = {
    fn00, fn01, fn02, fn03, fn04, fn05, fn06, fn07,
    fn08, fn09, fn10, fn11, fn12, fn13, fn14, fn15,
    fn16, fn17, fn18, fn19, fn20, fn21, fn22, fn23,
    fn24, fn25, fn26, fn27, fn28, fn29, fn30, fn31,
    fn32, fn33, fn34, fn35, fn36, fn37, fn38, fn39,
    fn40, fn41, fn42, fn43, fn44, fn45, fn46, fn47,
};

int main(void) {
    uint32_t s = 7u;
    for (int i = 0; i < N; i++) {
        s = s * 1103515245u + 12345u;
        data[i] = s ^ (s >> 13);
    }

    /* function f is called 200 + (37 * f) % 401 times in total */
    int calls[NFUNCS];
    int total_calls = 0;
    for (int f = 0; f < NFUNCS; f++) {
        calls[f] = 200 + (37 * f) % 401;
        total_calls += calls[f];
    }

    uint32_t h = 0x811c9dc5u, fold = 0;
    for (int r = 0; r < MAX_ROUNDS; r++) {
        for (int f = 0; f < NFUNCS; f++) {
            if (r >= calls[f])
                continue;
            uint32_t v = table[f](h + (uint32_t)r);
            h = (h ^ v) * 0x01000193u;
            fold += v >> (f & 7);
        }
        data[(r * 7) & (N - 1)] += h;
    }
    printf("functions: %d, total calls: %d\n", NFUNCS, total_calls);
    printf("final hash: %u\n", (unsigned)h);
    printf("fold: %u\n", (unsigned)fold);
    return (int)((h + fold) % 101u);
}
