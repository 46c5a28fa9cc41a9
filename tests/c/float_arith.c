/* exercises: single-precision float arithmetic - accumulation, division, comparisons, float functions, float<->double promotion in printf */
#include <stdio.h>
#include <math.h>
#pragma STDC FP_CONTRACT OFF

static float horner(const float *c, int n, float x) {
    float r = 0.0f;
    for (int i = n - 1; i >= 0; i--) r = r * x + c[i];
    return r;
}

static float newton_sqrt(float a) {
    float x = a > 1.0f ? a / 2.0f : 1.0f;
    for (int i = 0; i < 20; i++) x = 0.5f * (x + a / x);
    return x;
}

int main(void) {
    float sum = 0.0f;
    for (int i = 1; i <= 1000; i++) sum += 1.0f / (float)i;
    printf("harmonic(1000) float=%.6f\n", (double)sum);
    float ksum = 0.0f, c = 0.0f;
    for (int i = 0; i < 10000; i++) { float y = 0.1f - c; float t = ksum + y; c = (t - ksum) - y; ksum = t; }
    float nsum = 0.0f;
    for (int i = 0; i < 10000; i++) nsum += 0.1f;
    printf("kahan=%.4f naive=%.4f\n", (double)ksum, (double)nsum);
    float coef[] = {1.0f, -2.5f, 0.75f, 3.0f};
    for (float x = -1.0f; x <= 1.01f; x += 0.5f) printf("p(%.2f)=%.5f ", (double)x, (double)horner(coef, 4, x));
    printf("\n");
    printf("newton sqrt: %.5f %.5f %.5f\n", (double)newton_sqrt(2.0f), (double)newton_sqrt(1e6f), (double)newton_sqrt(0.25f));
    float a = 16777216.0f;
    printf("2^24+1 float=%.1f 2^24+2=%.1f\n", (double)(a + 1.0f), (double)(a + 2.0f));
    float big = 3.0e38f;
    volatile float zero = 0.0f;
    printf("overflow=%f inf? %d div0 neg=%f\n", (double)(big * 10.0f), isinf(big * 10.0f) != 0, (double)(-1.0f / zero));
    float f1 = 0.1f; double d1 = 0.1;
    printf("0.1f as double=%.10f equal? %d  (float)d1==f1 %d\n", (double)f1, (double)f1 == d1, (float)d1 == f1);
    printf("fmodf=%.4f floorf=%.1f ceilf=%.1f roundf=%.1f fminf=%.2f fmaxf=%.2f\n", (double)fmodf(7.5f, 2.0f), (double)floorf(-1.5f),
           (double)ceilf(-1.5f), (double)roundf(-1.5f), (double)fminf(2.0f, -3.0f), (double)fmaxf(2.0f, -3.0f));
    float arr[16];
    for (int i = 0; i < 16; i++) arr[i] = (float)(i * i) * 0.25f - 3.0f;
    float mn = arr[0], mx = arr[0], prod = 1.0f;
    for (int i = 1; i < 16; i++) { if (arr[i] < mn) mn = arr[i]; if (arr[i] > mx) mx = arr[i]; }
    for (int i = 0; i < 8; i++) prod *= (arr[i] + 4.0f);
    printf("min=%.2f max=%.2f prod=%.3f mixed int/float: %d %.2f %d %.3e\n", (double)mn, (double)mx, (double)prod, 7, (double)(mx / 3.0f), -9, (double)(prod * 1e5f));
    return (int)sum * 10 + (int)(mx) % 10;
}
