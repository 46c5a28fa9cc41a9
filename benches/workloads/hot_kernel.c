/* workload: hot-kernel | one noinline dot-product kernel (sliding 1-D convolution) dominates; the driver only shuffles data */
#pragma STDC FP_CONTRACT OFF
#include <stdint.h>
#include <stdio.h>

#define SIGNAL_LEN 4096
#define TAPS 64
#define PASSES 10000

static double signal_buf[SIGNAL_LEN + TAPS];
static double taps[TAPS];
static double out[SIGNAL_LEN];

/* The hot kernel: a strict left-to-right dot product. */
__attribute__((noinline)) static double dot(const double *a, const double *b, int n) {
    double s0 = 0.0, s1 = 0.0;
    int i = 0;
    for (; i + 1 < n; i += 2) {
        s0 += a[i] * b[i];
        s1 += a[i + 1] * b[i + 1];
    }
    if (i < n)
        s0 += a[i] * b[i];
    return s0 + s1;
}

static uint32_t lcg_state = 12345u;
static double next_unit(void) {
    lcg_state = lcg_state * 1664525u + 1013904223u;
    return (double)(lcg_state >> 8) / 16777216.0 - 0.5;
}

int main(void) {
    for (int i = 0; i < SIGNAL_LEN + TAPS; i++)
        signal_buf[i] = next_unit();
    for (int k = 0; k < TAPS; k++)
        taps[k] = next_unit() / (double)(k + 1);

    double total = 0.0;
    uint64_t bits_mix = 0;
    for (int p = 0; p < PASSES; p++) {
        for (int i = 0; i < SIGNAL_LEN; i++)
            out[i] = dot(&signal_buf[i], taps, TAPS);
        /* cheap feedback so each pass sees different data */
        double pass_sum = 0.0;
        for (int i = 0; i < SIGNAL_LEN; i += 64)
            pass_sum += out[i];
        total += pass_sum;
        int j = (p * 97) % SIGNAL_LEN;
        signal_buf[j] = out[(j + 1) % SIGNAL_LEN] * 0.5;
        bits_mix = bits_mix * 31u + (uint64_t)(int64_t)(pass_sum * 1.0e6);
    }

    double final_sum = 0.0;
    for (int i = 0; i < SIGNAL_LEN; i++)
        final_sum += out[i];
    printf("passes: %d x %d outputs x %d taps\n", PASSES, SIGNAL_LEN, TAPS);
    printf("total: %.9f\n", total);
    printf("last pass sum: %.9f\n", final_sum);
    printf("mix: %llu\n", (unsigned long long)bits_mix);
    return (int)(bits_mix % 101u);
}
