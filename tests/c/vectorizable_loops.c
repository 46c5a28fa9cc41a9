/* exercises: loops that -O2 vectorizes - int sum, saxpy over floats, byte histogram, min/max reductions, dot product, element-wise ops */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#pragma STDC FP_CONTRACT OFF

#define N 1024
static int32_t ia[N], ib[N];
static float fx[N], fy[N];
static uint8_t bytes[4096];
static int16_t sh[N];
static double da[N];

static int64_t sum_i32(const int32_t *a, int n) { int64_t s = 0; for (int i = 0; i < n; i++) s += a[i]; return s; }
static int32_t sum_i32_wrap(const int32_t *a, int n) { uint32_t s = 0; for (int i = 0; i < n; i++) s += (uint32_t)a[i]; return (int32_t)s; }
static void saxpy(int n, float a, const float *x, float *y) { for (int i = 0; i < n; i++) y[i] = a * x[i] + y[i]; }
static void histogram(const uint8_t *b, int n, uint32_t *h) { for (int i = 0; i < n; i++) h[b[i]]++; }
static int32_t min_i32(const int32_t *a, int n) { int32_t m = a[0]; for (int i = 1; i < n; i++) m = a[i] < m ? a[i] : m; return m; }
static int32_t max_i32(const int32_t *a, int n) { int32_t m = a[0]; for (int i = 1; i < n; i++) m = a[i] > m ? a[i] : m; return m; }
static int64_t dot(const int32_t *a, const int32_t *b, int n) { int64_t s = 0; for (int i = 0; i < n; i++) s += (int64_t)a[i] * b[i]; return s; }
static void add_sat_u8(uint8_t *d, const uint8_t *s, int n) { for (int i = 0; i < n; i++) { unsigned v = d[i] + s[i]; d[i] = v > 255 ? 255 : (uint8_t)v; } }
static int count_eq(const int16_t *a, int n, int16_t v) { int c = 0; for (int i = 0; i < n; i++) c += a[i] == v; return c; }
static float fmaxred(const float *a, int n) { float m = a[0]; for (int i = 1; i < n; i++) m = a[i] > m ? a[i] : m; return m; }

int main(void) {
    uint32_t s = 1;
    for (int i = 0; i < N; i++) {
        s = s * 1664525u + 1013904223u;
        ia[i] = (int32_t)(s >> 8) - (1 << 23);
        ib[i] = (int32_t)(s % 2001) - 1000;
        fx[i] = (float)(i % 37) * 0.5f - 4.0f;
        fy[i] = (float)(i % 11) * 0.25f;
        sh[i] = (int16_t)(s % 13);
        da[i] = (double)(i % 100) / 8.0;
    }
    for (int i = 0; i < 4096; i++) { s = s * 1103515245u + 12345u; bytes[i] = (uint8_t)(s >> 16); }
    printf("sum=%lld wrapsum=%d min=%d max=%d\n", (long long)sum_i32(ia, N), sum_i32_wrap(ia, N), min_i32(ia, N), max_i32(ia, N));
    printf("dot(ib,ib)=%lld dot(ia,ib)=%lld\n", (long long)dot(ib, ib, N), (long long)dot(ia, ib, N));
    saxpy(N, 1.5f, fx, fy);
    saxpy(N - 3, -0.25f, fy + 3, fy);
    double fs = 0;
    for (int i = 0; i < N; i++) fs += fy[i];
    printf("saxpy sum=%.4f fy[0]=%.4f fy[1000]=%.4f fmax=%.4f\n", fs, (double)fy[0], (double)fy[1000], (double)fmaxred(fy, N));
    uint32_t h[256];
    memset(h, 0, sizeof h);
    histogram(bytes, 4096, h);
    uint32_t hmax = 0, hmin = 1u << 30; int argmax = 0; uint64_t hw = 0;
    for (int i = 0; i < 256; i++) { if (h[i] > hmax) { hmax = h[i]; argmax = i; } if (h[i] < hmin) hmin = h[i]; hw += (uint64_t)h[i] * (uint64_t)i; }
    printf("hist max=%u at %d min=%u weighted=%llu\n", hmax, argmax, hmin, (unsigned long long)hw);
    add_sat_u8(bytes, bytes + 2048, 2048);
    uint32_t bsum = 0; int n255 = 0;
    for (int i = 0; i < 2048; i++) { bsum += bytes[i]; n255 += bytes[i] == 255; }
    printf("satadd sum=%u saturated=%d\n", bsum, n255);
    printf("count_eq: %d %d %d\n", count_eq(sh, N, 0), count_eq(sh, N, 7), count_eq(sh, N, 12));
    double dsum = 0;
    for (int i = 0; i < N; i++) { da[i] = da[i] * 2.0 + 1.0; dsum += da[i]; }
    printf("double map-reduce=%.3f\n", dsum);
    for (int i = 0; i < N; i++) ia[i] = (ia[i] >> 3) ^ (ib[i] & 0xFF);
    printf("xor-shift sum=%lld\n", (long long)sum_i32(ia, N));
    return (int)(hmax + (uint32_t)argmax) % 100;
}
