/* workload: numeric | dense double-precision matrix multiply (i-k-j loop order), repeated as a scaled power iteration */
#pragma STDC FP_CONTRACT OFF
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define N 480
#define REPS 32

static void matmul(const double *a, const double *b, double *c, int n) {
    for (int i = 0; i < n * n; i++)
        c[i] = 0.0;
    for (int i = 0; i < n; i++) {
        double *ci = c + (size_t)i * n;
        for (int k = 0; k < n; k++) {
            double aik = a[(size_t)i * n + k];
            const double *bk = b + (size_t)k * n;
            for (int j = 0; j < n; j++)
                ci[j] += aik * bk[j];
        }
    }
}

/* scale so that the largest absolute entry becomes 1; returns that entry */
static double normalise(double *m, int n) {
    double mx = 0.0;
    for (int i = 0; i < n * n; i++)
        if (fabs(m[i]) > mx)
            mx = fabs(m[i]);
    if (mx > 0.0)
        for (int i = 0; i < n * n; i++)
            m[i] /= mx;
    return mx;
}

int main(void) {
    double *a = malloc(sizeof(double) * N * N);
    double *x = malloc(sizeof(double) * N * N);
    double *y = malloc(sizeof(double) * N * N);
    if (!a || !x || !y)
        return 100;
    uint32_t s = 31337u;
    for (int i = 0; i < N * N; i++) {
        s = s * 1103515245u + 12345u;
        a[i] = (double)((s >> 9) & 0xffff) / 65536.0 - 0.25;
        x[i] = (i / N == i % N) ? 1.0 : 0.0; /* identity */
    }

    double log_growth = 0.0;
    for (int r = 0; r < REPS; r++) {
        matmul(a, x, y, N); /* y = a * x */
        double mx = normalise(y, N);
        log_growth += log(mx);
        double *t = x;
        x = y;
        y = t;
    }

    double trace = 0.0, sum = 0.0;
    for (int i = 0; i < N; i++)
        trace += x[(size_t)i * N + i];
    for (int i = 0; i < N * N; i++)
        sum += x[i];
    printf("n = %d, %d multiplications\n", N, REPS);
    printf("log growth: %.10f\n", log_growth);
    printf("trace: %.12f\n", trace);
    printf("sum: %.12f\n", sum);
    printf("x[7][11] = %.12f\n", x[7 * N + 11]);
    free(a);
    free(x);
    free(y);
    return (int)((uint64_t)(fabs(sum) * 1.0e4) % 101u);
}
