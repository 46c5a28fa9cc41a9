/* exercises: C99 _Complex double/float arithmetic (passed and returned by value), creal/cimag/cabs/conj, Mandelbrot iteration */
#include <stdio.h>
#include <complex.h>
#include <math.h>
#pragma STDC FP_CONTRACT OFF

static double complex cmul_add(double complex a, double complex b, double complex c) { return a * b + c; }
static float complex fscale(float complex z, float s) { return z * s; }

static int mandel(double complex c, int maxit) {
    double complex z = 0;
    for (int i = 0; i < maxit; i++) {
        double re = creal(z), im = cimag(z);
        if (re * re + im * im > 4.0) return i;
        z = cmul_add(z, z, c);
    }
    return maxit;
}

int main(void) {
    double complex a = 1.5 + 2.0 * I, b = -0.5 + 0.25 * I;
    double complex s = a + b, d = a - b;
    printf("sum=(%.4f,%.4f) diff=(%.4f,%.4f)\n", creal(s), cimag(s), creal(d), cimag(d));
    printf("conj(a)=(%.2f,%.2f) |a|=%.6f\n", creal(conj(a)), cimag(conj(a)), cabs(a));
    float complex fz = fscale(1.0f - 3.0f * I, 2.5f);
    printf("fscale=(%.3f,%.3f)\n", (double)crealf(fz), (double)cimagf(fz));
    int rows = 0;
    long total = 0;
    for (int y = -6; y <= 6; y += 3) {
        char line[41];
        for (int x = 0; x < 40; x++) {
            double complex c = (-2.2 + x * 0.075) + (y * 0.2) * I;
            int it = mandel(c, 50);
            total += it;
            line[x] = it >= 50 ? '#' : it > 10 ? '+' : it > 4 ? '.' : ' ';
        }
        line[40] = 0;
        printf("|%s|\n", line);
        rows++;
    }
    printf("rows=%d total iterations=%ld\n", rows, total);
    return (int)(total % 100);
}
