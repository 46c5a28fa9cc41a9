/* workload: large-module | 2,200 distinct small function definitions stamped out by macros; main calls only 48 of them through a table */
#pragma STDC FP_CONTRACT OFF
#include <stdint.h>
#include <stdio.h>

/* Each GROUP(S) defines ten functions fS_0 .. fS_9 whose constants depend on
   the seed S (the group number read as a hexadecimal literal), so no two
   functions are identical after optimisation.  All are noinline + used and are
   also referenced from a function-pointer table. */
#define SEEDV(S) (0x##S##u)
#ifndef FN
#define FN __attribute__((noinline, used)) static uint32_t
#endif

#define GROUP(S)                                                                 \
    FN f##S##_0(uint32_t x) {                                                    \
        return (x ^ (SEEDV(S) * 0x9E3779B1u)) * (2u * SEEDV(S) + 1u) +           \
               (x >> (SEEDV(S) % 7u + 1u));                                      \
    }                                                                            \
    FN f##S##_1(uint32_t x) {                                                    \
        for (uint32_t i = 0; i < SEEDV(S) % 4u + 2u; i++)                        \
            x = ((x << 5) | (x >> 27)) + SEEDV(S) + i;                           \
        return x;                                                                \
    }                                                                            \
    FN f##S##_2(uint32_t x) {                                                    \
        if ((x & 7u) == SEEDV(S) % 8u)                                           \
            return x * 3u + SEEDV(S);                                            \
        return (x ^ (SEEDV(S) << 4)) - (x >> 3);                                 \
    }                                                                            \
    FN f##S##_3(uint32_t x) {                                                    \
        uint64_t t = (uint64_t)x * (0x100000001B3ull + SEEDV(S));                \
        return (uint32_t)(t >> 17) ^ (uint32_t)t;                                \
    }                                                                            \
    FN f##S##_4(uint32_t x) {                                                    \
        switch ((x + SEEDV(S)) % 5u) {                                           \
        case 0: return x + SEEDV(S) * 17u;                                       \
        case 1: return x ^ (SEEDV(S) * 0x45D9F3Bu);                              \
        case 2: return (x >> 2) * (SEEDV(S) | 1u);                               \
        case 3: return ~x + SEEDV(S);                                            \
        default: return x * 0x27D4EB2Du - SEEDV(S);                              \
        }                                                                        \
    }                                                                            \
    FN f##S##_5(uint32_t x) {                                                    \
        return x / (SEEDV(S) % 29u + 3u) + (x % (SEEDV(S) % 31u + 5u)) * SEEDV(S); \
    }                                                                            \
    FN f##S##_6(uint32_t x) {                                                    \
        double d = (double)(x & 0xffffu) * (1.0 + (double)SEEDV(S) / 1024.0);    \
        return (uint32_t)d ^ (x & 0xffff0000u) ^ SEEDV(S);                       \
    }                                                                            \
    FN f##S##_7(uint32_t x) {                                                    \
        uint32_t a[4] = {x, x ^ SEEDV(S), x + SEEDV(S), x * (SEEDV(S) | 1u)};    \
        uint32_t r = SEEDV(S);                                                   \
        for (uint32_t i = 0; i < 4u; i++)                                        \
            r = r * 31u + a[(i + SEEDV(S)) & 3u];                                \
        return r;                                                                \
    }                                                                            \
    FN f##S##_8(uint32_t x) {                                                    \
        uint32_t y = x ^ (x >> (SEEDV(S) % 16u + 1u));                           \
        y *= 0x7FEB352Du + 2u * SEEDV(S);                                        \
        return y ^ (y >> 15);                                                    \
    }                                                                            \
    FN f##S##_9(uint32_t x) {                                                    \
        return f##S##_0(x + SEEDV(S)) ^ f##S##_5(x >> 1) ^ f##S##_8(x);          \
    }

#define TAB(S) f##S##_0, f##S##_1, f##S##_2, f##S##_3, f##S##_4, \
               f##S##_5, f##S##_6, f##S##_7, f##S##_8, f##S##_9,

#define G10(M, p) M(p##0) M(p##1) M(p##2) M(p##3) M(p##4) \
                  M(p##5) M(p##6) M(p##7) M(p##8) M(p##9)
#define G100(M, p) G10(M, p##0) G10(M, p##1) G10(M, p##2) G10(M, p##3) G10(M, p##4) \
                   G10(M, p##5) G10(M, p##6) G10(M, p##7) G10(M, p##8) G10(M, p##9)
#define ALL(M) G100(M, 0) G100(M, 1) G10(M, 20) G10(M, 21)

ALL(GROUP)

static uint32_t (*const table[])(uint32_t) = {ALL(TAB)};

#define NF ((uint32_t)(sizeof table / sizeof table[0]))
#define NCALLED 48
#define REPEAT 4

int main(void) {
    uint32_t idx[NCALLED];
    for (uint32_t i = 0; i < NCALLED; i++)
        idx[i] = (i * 1237u + 101u) % NF; /* 48 distinct functions spread over the module */

    uint32_t h = 0x12345678u, sum = 0;
    for (int r = 0; r < REPEAT; r++) {
        for (uint32_t i = 0; i < NCALLED; i++) {
            uint32_t v = table[idx[i]](h ^ (uint32_t)r);
            h = (h ^ v) * 0x01000193u;
            sum += v;
        }
    }
    printf("functions in module: %u, called: %d x %d\n", (unsigned)NF, NCALLED, REPEAT);
    printf("hash: %u\n", (unsigned)h);
    printf("sum: %u\n", (unsigned)sum);
    return (int)(h % 101u);
}
