/* workload: hot-kernel | OSR case: main's loop keeps local arrays and a local struct whose addresses are passed to callees every iteration */
#include <stdint.h>
#include <stdio.h>

#define ITERS 4000000
#define WIN 64
#define BLOCK 32

struct stats {
    uint64_t sum;
    uint32_t max;
    uint32_t calls;
};

/* callee writes through the pointer */
__attribute__((noinline)) static void fill_block(uint32_t *block, int n, uint32_t seed) {
    uint32_t x = seed * 0x9e3779b9u + 0x7f4a7c15u;
    for (int i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        block[i] = x;
    }
}

/* callee reads one local array and updates a local struct of the caller */
__attribute__((noinline)) static uint32_t reduce(const uint32_t *win, int n, struct stats *st) {
    uint32_t h = 0;
    for (int i = 0; i < n; i++) {
        h = (h ^ win[i]) * 0x01000193u;
        if (win[i] > st->max)
            st->max = win[i];
    }
    st->sum += h;
    st->calls++;
    return h;
}

/* callee rewrites a small coefficient table owned by main */
__attribute__((noinline)) static void update_coeffs(uint32_t *coeffs, int n, uint64_t acc) {
    for (int i = 0; i < n; i++)
        coeffs[i] = (uint32_t)(acc >> (i & 31)) | 1u;
}

int main(void) {
    uint32_t window[WIN];
    uint32_t coeffs[16];
    struct stats st = {0, 0, 0};
    for (int i = 0; i < WIN; i++)
        window[i] = (uint32_t)i * 2654435761u;
    update_coeffs(coeffs, 16, 0x123456789abcdefull);

    uint64_t acc = 0;
    for (int it = 0; it < ITERS; it++) {
        uint32_t block[BLOCK]; /* a loop-scoped local array, also escaping */
        fill_block(block, BLOCK, (uint32_t)it);

        /* main's own work on the arrays between the calls */
        for (int i = 0; i < BLOCK; i++) {
            uint32_t w = window[(it + i) & (WIN - 1)];
            window[(it + i) & (WIN - 1)] = (w ^ block[i]) * coeffs[i & 15] + (w >> 7);
        }
        for (int i = 0; i < WIN; i += 4)
            acc += window[i] >> 3;

        acc ^= reduce(window, WIN, &st);
        if ((it & 4095) == 4095)
            update_coeffs(coeffs, 16, acc);
    }

    uint32_t wfold = 0;
    for (int i = 0; i < WIN; i++)
        wfold = wfold * 31u + window[i];
    printf("iterations: %d\n", ITERS);
    printf("acc: %llu\n", (unsigned long long)acc);
    printf("stats: sum %llu max %u calls %u\n", (unsigned long long)st.sum, (unsigned)st.max, (unsigned)st.calls);
    printf("window fold: %u, coeff[3]: %u\n", (unsigned)wfold, (unsigned)coeffs[3]);
    return (int)((acc ^ wfold) % 101u);
}
