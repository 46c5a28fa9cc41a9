/* exercises: variadic definitions whose arguments overflow the registers onto the stack (more than 6 integers,
   more than 8 doubles), fixed double and integer parameters before the ellipsis, structs read with va_arg, va_copy of a list half consumed, and a list handed to another variadic reader */
#include <stdarg.h>
#include <stdio.h>

struct pair { long a; double b; };
struct big { long v[5]; };

static long sum_longs(int n, ...) {
    va_list ap;
    va_start(ap, n);
    long s = 0;
    for (int i = 0; i < n; i++) s = s * 3 + va_arg(ap, long);
    va_end(ap);
    return s;
}

static double weigh(double w0, int n, double w1, ...) {
    va_list ap;
    va_start(ap, w1);
    double s = w0 * w1;
    for (int i = 0; i < n; i++) s = s * 0.5 + va_arg(ap, double) * (i + 1);
    va_end(ap);
    return s;
}

static long mixed(const char *fmt, ...) {
    va_list ap, rest;
    va_start(ap, fmt);
    long acc = 0;
    int half = 0;
    for (const char *p = fmt; *p; p++) {
        if (!half && p - fmt == 4) {
            va_copy(rest, ap);
            half = 1;
        }
        switch (*p) {
        case 'i': acc = acc * 7 + va_arg(ap, int); break;
        case 'd': acc = acc * 7 + (long)(va_arg(ap, double) * 8); break;
        case 'p': { struct pair q = va_arg(ap, struct pair); acc = acc * 7 + q.a + (long)q.b; } break;
        case 'b': { struct big q = va_arg(ap, struct big); acc = acc * 7 + q.v[0] + q.v[4]; } break;
        }
    }
    va_end(ap);
    long again = 0;
    if (half) {
        for (const char *p = fmt + 4; *p; p++) {
            switch (*p) {
            case 'i': again += va_arg(rest, int); break;
            case 'd': again += (long)va_arg(rest, double); break;
            case 'p': { struct pair q = va_arg(rest, struct pair); again += q.a; } break;
            case 'b': { struct big q = va_arg(rest, struct big); again += q.v[1]; } break;
            }
        }
        va_end(rest);
    }
    return acc * 1000 + again;
}

static int vformat(char *buf, int size, const char *fmt, va_list ap) { return vsnprintf(buf, size, fmt, ap); }

static int format(char *buf, int size, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vformat(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

int main(void) {
    printf("%ld\n", sum_longs(3, 1L, 2L, 3L));
    printf("%ld\n", sum_longs(12, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L));
    printf("%.6f\n", weigh(1.5, 10, 2.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0));
    struct pair q = {40, 2.5};
    struct big g = {{1, 2, 3, 4, 5}};
    printf("%ld\n", mixed("idpiibdiiidddddddddd", 1, 2.25, q, 4, 5, g, 0.5, 7, 8, 9, 1.0, 2.0,
                          3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0));
    char buf[128];
    int n = format(buf, sizeof buf, "%d %s %.3f %ld %c %d %d %d %.1f", 7, "seven", 7.125, 77L, 'x', 1, 2, 3, 9.5);
    printf("%d [%s]\n", n, buf);
    return (int)(sum_longs(2, 5L, 6L) & 0x7f);
}
