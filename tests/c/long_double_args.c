/* exercises: long double arguments in the argument area behind odd numbers of stack words, structs holding a long double or an __int128 passed by value (aligned to 16 there), long double through variadic calls and va_arg, long double _Complex arguments and results, structs with a long double returned in memory; the same calls between tier-0 code and functions with inline assembly (which LLVM compiles) both ways */
#include <stdarg.h>
#include <stdio.h>
#include <complex.h>

typedef struct { long double v; int tag; } Tagged;
typedef struct { __int128 wide; char c; } Wide;
typedef struct { long double re, im; int n; } Triple;

__attribute__((noinline)) long double behind(long a, long b, long c, long d, long e, long f, long g, long double x, int h, long double y) {
    return (long double)(a + b + c + d + e + f) + g * x - h * y;
}

__attribute__((noinline)) long double tagged(long a, long b, long c, long d, long e, long f, long g, Tagged t, long k) {
    return t.v * t.tag + (long double)(a + b + c + d + e + f + g + k);
}

__attribute__((noinline)) long wide(long a, long b, long c, long d, long e, long f, long g, Wide w, long k) {
    return (long)(w.wide >> 64) + (long)w.wide + w.c + a + b + c + d + e + f + g + k;
}

__attribute__((noinline)) long double sum_varargs(int n, ...) {
    va_list ap;
    va_start(ap, n);
    long double s = 0;
    for (int i = 0; i < n; i++) {
        if (i % 3 == 2) s += va_arg(ap, double);
        else if (i % 3 == 1) s += va_arg(ap, int);
        else s += va_arg(ap, long double);
    }
    va_end(ap);
    return s;
}

__attribute__((noinline)) long double _Complex twist(long double _Complex z, long double k) { return z * (k + 1.0L * I); }

__attribute__((noinline)) Triple triple(long double re, long double im, int n) {
    Triple t = { re * n, im / n, n };
    return t;
}

/* Inline assembly keeps these out of tier 0: calls cross between the code generators in both directions. */
__attribute__((noinline)) long double behind_elsewhere(long a, long b, long c, long d, long e, long f, long g, long double x, int h, long double y) {
    __asm__ volatile("");
    return (long double)(a + b + c + d + e + f) + g * x - h * y;
}

__attribute__((noinline)) long double tagged_elsewhere(long a, long b, long c, long d, long e, long f, long g, Tagged t, long k) {
    __asm__ volatile("");
    return t.v * t.tag + (long double)(a + b + c + d + e + f + g + k);
}

__attribute__((noinline)) long wide_elsewhere(long a, long b, long c, long d, long e, long f, long g, Wide w, long k) {
    __asm__ volatile("");
    return (long)(w.wide >> 64) + (long)w.wide + w.c + a + b + c + d + e + f + g + k;
}

__attribute__((noinline)) long double _Complex twist_elsewhere(long double _Complex z, long double k) {
    __asm__ volatile("");
    return z * (k + 1.0L * I);
}

__attribute__((noinline)) long double from_elsewhere(void) {
    __asm__ volatile("");
    Tagged t = { -1.25L, 2 };
    long double _Complex z = twist(2.0L - 1.0L * I, 0.5L);
    Triple tr = triple(4.0L, 2.0L, 4);
    return behind(7, 6, 5, 4, 3, 2, 1, 0.75L, 5, 0.5L) + tagged(1, 2, 3, 4, 5, 6, 7, t, 8) + creall(z) + cimagl(z) + tr.re + tr.im + sum_varargs(4, 1.25L, 3, 0.5, 2.5L);
}

int main(void) {
    long double a = behind(1, 2, 3, 4, 5, 6, 7, 0.5L, 3, 0.25L);
    Tagged t = { 2.75L, 4 };
    long double b = tagged(1, 1, 1, 1, 1, 1, 1, t, 100);
    Wide w = { ((__int128)5 << 64) | 9, 3 };
    long c = wide(1, 2, 3, 4, 5, 6, 7, w, 8);
    long double d = sum_varargs(7, 1.5L, 2, 0.25, 3.5L, 4, 0.125, 1e-20L);
    long double _Complex z = twist(1.0L + 2.0L * I, 3.0L);
    Triple tr = triple(1.5L, 9.0L, 3);
    printf("%.6Lf %.6Lf %ld %.25Lg\n", a, b, c, d);
    printf("%.3Lf %.3Lf %.3Lf %.3Lf %d\n", creall(z), cimagl(z), tr.re, tr.im, tr.n);
    printf("%d %.2f %Lg %d %.2f %Lg %d %.2f %Lg %d\n", 1, 2.0, 3.0L, 4, 5.0, 6.0L, 7, 8.0, 9.0L, 10);
    long double _Complex y = twist_elsewhere(0.5L + 0.25L * I, 2.0L);
    printf("%.6Lf %ld\n", tagged_elsewhere(1, 1, 1, 1, 1, 1, 1, t, 100), wide_elsewhere(1, 2, 3, 4, 5, 6, 7, w, 8));
    printf("%.6Lf %.6Lf %.6Lf %.6Lf\n", behind_elsewhere(1, 2, 3, 4, 5, 6, 7, 0.5L, 3, 0.25L), creall(y), cimagl(y), from_elsewhere());
    return (int)(a + b + d) % 100;
}
