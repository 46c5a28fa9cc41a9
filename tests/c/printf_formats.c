/* exercises: printf format conversions, flags, widths, precisions; ints, doubles and floats mixed in one call */
#include <stdio.h>
#include <limits.h>
#include <stddef.h>

int main(void) {
    int i = -42; unsigned u = 3000000000u; long l = -1234567890123L;
    long long ll = LLONG_MIN; unsigned long long ull = ULLONG_MAX;
    double d = 3.14159265358979; float f = 2.5f;
    printf("%%d=%d %%i=%i %%u=%u\n", i, i, u);
    printf("%%ld=%ld %%lld=%lld %%llu=%llu\n", l, ll, ull);
    printf("%%x=%x %%X=%X %%o=%o %%#x=%#x %%#o=%#o\n", 255u, 0xBEEFu, 8u, 255u, 8u);
    printf("%%c=%c%c%c %%s=%s %%.3s=%.3s\n", 'a', 'B', '9', "string", "truncate");
    printf("%%f=%f %%e=%e %%g=%g %%E=%E %%G=%G\n", d, d, d, 12345.678, 0.00001234);
    printf("%%.3f=%.3f %%10.4f=[%10.4f] %%-10.2f=[%-10.2f]\n", d, d, d);
    printf("%%-8d=[%-8d] %%8d=[%8d] %%05d=[%05d] %%+d=[%+d] %% d=[% d]\n", 17, 17, 42, 5, 5);
    printf("%%*d=[%*d] %%.*f=[%.*f] %%-*s=[%-*s]\n", 6, 99, 2, 1.005, 7, "ab");
    printf("mixed: %d %f %u %.2f %ld %e %c %g\n", 1, 2.0, 3u, (double)f, 4L, 5.5, 'x', (double)(f * 3));
    printf("mixed2: %.1f %d %.1f %d %.1f %d %.1f %d %.1f %d\n", 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5);
    printf("many doubles: %g %g %g %g %g %g %g %g %g %g\n", 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0);
    printf("hh/h: %hhd %hhu %hd %hu\n", (signed char)-5, (unsigned char)250, (short)-30000, (unsigned short)65000);
    printf("td/zu: %td %zu  limits: %d %d %u\n", (ptrdiff_t)-7, sizeof(long double), INT_MIN, INT_MAX, UINT_MAX);
    printf("special: %.0f %.0f %.0f %.0f %g %g\n", 0.5, 1.5, 2.5, -0.5, 1e100, 1e-100);
    printf("%08.3f|%-+9.2e|%+.4g|%#.3g|%#x|%5s|%-5s|\n", -3.14159, 12345.6789, 2.0 / 3.0, 1.0, 0u, "ab", "cd");
    char buf[64];
    int n = snprintf(buf, sizeof buf, "%s-%04d-%.2f", "id", 7, 9.999);
    printf("snprintf -> \"%s\" n=%d\n", buf, n);
    n = snprintf(buf, 8, "%d", 123456789);
    printf("truncated -> \"%s\" n=%d\n", buf, n);
    return n * 5;
}
