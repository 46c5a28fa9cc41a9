/* exercises: variadic function definitions using va_list/va_arg with ints, longs, doubles, strings; va_copy; forwarding with vsnprintf */
#include <stdio.h>
#include <stdarg.h>

static long sum_ints(int n, ...) {
    va_list ap;
    va_start(ap, n);
    long s = 0;
    for (int i = 0; i < n; i++) s += va_arg(ap, int);
    va_end(ap);
    return s;
}

static double mean_doubles(int n, ...) {
    va_list ap;
    va_start(ap, n);
    double s = 0;
    for (int i = 0; i < n; i++) s += va_arg(ap, double);
    va_end(ap);
    return s / n;
}

/* format chars: i=int, l=long, d=double, s=string */
static double mixed(const char *fmt, ...) {
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    double acc = 0;
    for (const char *p = fmt; *p; p++) {
        switch (*p) {
        case 'i': acc += va_arg(ap, int); break;
        case 'l': acc += (double)va_arg(ap, long); break;
        case 'd': acc += va_arg(ap, double); break;
        case 's': { const char *s = va_arg(ap, const char *); while (*s++) acc += 1; } break;
        }
    }
    va_end(ap);
    /* second pass over the copy: count only the ints */
    int ints = 0;
    for (const char *p = fmt; *p; p++) {
        switch (*p) {
        case 'i': ints += va_arg(ap2, int); break;
        case 'l': (void)va_arg(ap2, long); break;
        case 'd': (void)va_arg(ap2, double); break;
        case 's': (void)va_arg(ap2, const char *); break;
        }
    }
    va_end(ap2);
    return acc + ints * 1000.0;
}

static int logf_(char *buf, size_t n, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int r = vsnprintf(buf, n, fmt, ap);
    va_end(ap);
    return r;
}

static int max_of(int first, ...) {
    va_list ap;
    va_start(ap, first);
    int m = first;
    for (int v = va_arg(ap, int); v != -1; v = va_arg(ap, int)) if (v > m) m = v;
    va_end(ap);
    return m;
}

int main(void) {
    printf("sum3=%ld sum10=%ld\n", sum_ints(3, 1, 2, 3), sum_ints(10, 1, -2, 3, -4, 5, -6, 7, -8, 9, 1000));
    printf("mean=%.4f mean9=%.4f\n", mean_doubles(4, 1.5, 2.5, 3.25, -0.25), mean_doubles(9, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.5));
    printf("mixed=%.3f\n", mixed("idlsidd", 7, 0.5, 1234567890123L, "abcd", -3, 2.25, 1e3));
    printf("mixed-many=%.3f\n", mixed("iiiiiiiidddddddddd", 1, 2, 3, 4, 5, 6, 7, 8, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0));
    char buf[80];
    int n = logf_(buf, sizeof buf, "[%s:%d] %.2f %c", "mod", 42, 2.0 / 3.0, 'Z');
    printf("vsnprintf=\"%s\" n=%d\n", buf, n);
    int m = max_of(3, 17, 5, 99, 23, 42, -1);
    printf("max_of=%d\n", m);
    return m - 40;
}
