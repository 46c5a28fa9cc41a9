/* workload: numeric | iterative radix-2 complex FFT (bit reversal + butterflies), used for repeated circular convolutions */
#pragma STDC FP_CONTRACT OFF
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define LOG2N 16
#define N (1 << LOG2N)
#define ROUNDS 260

typedef struct {
    double re, im;
} cplx;

static cplx twiddle[N / 2];

static void init_twiddles(void) {
    const double two_pi = 6.283185307179586476925;
    for (int k = 0; k < N / 2; k++) {
        double ang = -two_pi * (double)k / (double)N;
        twiddle[k].re = cos(ang);
        twiddle[k].im = sin(ang);
    }
}

static void bit_reverse(cplx *a) {
    for (uint32_t i = 1, j = 0; i < N; i++) {
        uint32_t bit = N >> 1;
        for (; j & bit; bit >>= 1)
            j ^= bit;
        j ^= bit;
        if (i < j) {
            cplx t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}

/* in-place FFT; inverse != 0 conjugates the twiddles (no 1/N scaling here) */
static void fft(cplx *a, int inverse) {
    bit_reverse(a);
    for (int len = 2; len <= N; len <<= 1) {
        int half = len >> 1;
        int stride = N / len;
        for (int start = 0; start < N; start += len) {
            for (int k = 0; k < half; k++) {
                cplx w = twiddle[k * stride];
                if (inverse)
                    w.im = -w.im;
                cplx u = a[start + k];
                cplx v = a[start + k + half];
                cplx t = {v.re * w.re - v.im * w.im, v.re * w.im + v.im * w.re};
                a[start + k].re = u.re + t.re;
                a[start + k].im = u.im + t.im;
                a[start + k + half].re = u.re - t.re;
                a[start + k + half].im = u.im - t.im;
            }
        }
    }
}

int main(void) {
    cplx *sig = malloc(sizeof(cplx) * N);
    cplx *filt = malloc(sizeof(cplx) * N);
    if (!sig || !filt)
        return 100;
    init_twiddles();

    uint32_t s = 4711u;
    for (int i = 0; i < N; i++) {
        s = s * 1664525u + 1013904223u;
        sig[i].re = (double)(s >> 12) / 1048576.0 - 0.5;
        sig[i].im = 0.0;
    }
    /* low-pass smoothing filter: 1 2 3 2 1 (normalised), transformed once */
    for (int i = 0; i < N; i++)
        filt[i].re = filt[i].im = 0.0;
    filt[0].re = 3.0 / 9.0;
    filt[1].re = filt[N - 1].re = 2.0 / 9.0;
    filt[2].re = filt[N - 2].re = 1.0 / 9.0;
    fft(filt, 0);

    double energy_trace = 0.0;
    for (int r = 0; r < ROUNDS; r++) {
        fft(sig, 0);
        for (int i = 0; i < N; i++) {
            cplx x = sig[i], h = filt[i];
            sig[i].re = x.re * h.re - x.im * h.im;
            sig[i].im = x.re * h.im + x.im * h.re;
        }
        fft(sig, 1);
        double e = 0.0;
        for (int i = 0; i < N; i++) {
            sig[i].re /= (double)N;
            sig[i].im /= (double)N;
            e += sig[i].re * sig[i].re;
        }
        /* re-inject a little deterministic noise so the signal does not die out */
        sig[(r * 7919) & (N - 1)].re += 0.25;
        energy_trace = energy_trace * 0.5 + e;
    }

    double sum = 0.0, isum = 0.0;
    for (int i = 0; i < N; i++) {
        sum += sig[i].re;
        isum += fabs(sig[i].im);
    }
    printf("fft size %d, %d convolution rounds\n", N, ROUNDS);
    printf("energy trace: %.12f\n", energy_trace);
    printf("sum re: %.12f, sum |im|: %.6e\n", sum, isum);
    printf("sig[12345] = %.12f\n", sig[12345].re);
    free(sig);
    free(filt);
    return (int)((uint64_t)(energy_trace * 1.0e6) % 101u);
}
