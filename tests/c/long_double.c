/* exercises: long double (x86_fp80) arithmetic, structs holding it, libm (fmodl, sqrtl), long double _Complex multiplication, conversions to integers, printf %Lf/%Lg/%Le, all of it in tier 0 */
#include <stdio.h>
#include <math.h>
#include <complex.h>
typedef struct { long double a; int b; long double c; } S;
__attribute__((noinline)) long double poly(long double x) { return ((x * 3.25L - 1.5L) * x + 0.125L) * x - 7.0L; }
__attribute__((noinline)) S mk(long double a, int b) { S s = { a, b, a / b }; return s; }
__attribute__((noinline)) long double sum(S *s, int n) { long double t = 0; for (int i = 0; i < n; i++) t += s[i].a * s[i].b - s[i].c; return t; }
__attribute__((noinline)) long double _Complex cmul(long double _Complex a, long double _Complex b) { return a * b; }
int main(void) {
    S arr[64];
    long double acc = 0;
    for (int r = 0; r < 3000; r++) {
        for (int i = 0; i < 64; i++) arr[i] = mk(poly(i * 0.01L + r * 1e-4L), i + 1);
        acc += sum(arr, 64) * 1e-3L;
        acc = fmodl(acc, 1e6L);
    }
    long double _Complex z = 1.0L + 2.0L * I;
    for (int i = 0; i < 1000; i++) z = cmul(z, 0.9995L + 0.001L * I);
    printf("%.10Lf %.6Lf %.6Lf\n", acc, creall(z), cimagl(z));
    printf("%Lg %d %ld %llu\n", sqrtl(2.0L), (int)(acc / 3), (long)(acc * 1000), (unsigned long long)(acc * 1e6L));
    long double big = 1e4000L;
    printf("%Le %d\n", big, isinf((double)big));
    return (int)acc & 63;
}
