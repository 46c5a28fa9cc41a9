/* A hot loop in main carrying long double (x86_fp80) values in registers at -O1/-O2 and in locals at -O0: an OSR
   entry's state holds them; sums of alternating and squared reciprocals, a running maximum, and a conversion. */
#include <stdio.h>

static long double scale(long double x, int k) { return x * (long double)(k % 7 + 1) / 8.0L; }

int main(void) {
    long double alternating = 0, squares = 0, sign = 1, top = -1e30L;
    long long truncated = 0;
    for (int i = 1; i <= 2000000; i++) {
        long double r = 1.0L / i;
        alternating += sign * r;
        squares += r * r;
        sign = -sign;
        long double s = scale(r * 1e6L, i);
        if (s > top) top = s;
        truncated += (long long)s;
    }
    printf("%.18Lg %.18Lg %.10Lg %lld\n", alternating, squares, top, truncated);
    return (int)(squares * 10) & 0xff;
}
