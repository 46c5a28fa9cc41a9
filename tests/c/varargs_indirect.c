/* exercises: variadic functions called through pointers (the module's own and libc's printf family): few and many integer and double arguments, every argument register taken and arguments on the stack, __int128 and struct arguments (in registers and in memory), a table of variadic callbacks picked at run time, and va_list forwarding in the callee */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct pair { long a; double b; };
struct big { long v[5]; };

static long ints(int n, ...) {
    va_list ap;
    va_start(ap, n);
    long s = 0;
    for (int i = 0; i < n; i++) s = s * 5 + va_arg(ap, int);
    va_end(ap);
    return s;
}

static double doubles(int n, ...) {
    va_list ap;
    va_start(ap, n);
    double s = 0;
    for (int i = 0; i < n; i++) s = s * 0.75 + va_arg(ap, double);
    va_end(ap);
    return s;
}

/* 'i' int, 'l' long, 'd' double, 'q' __int128, 'p' struct pair, 'b' struct big (passed in memory) */
static long typed(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    long acc = 0;
    for (const char *p = fmt; *p; p++) {
        switch (*p) {
        case 'i': acc = acc * 3 + va_arg(ap, int); break;
        case 'l': acc = acc * 3 + va_arg(ap, long); break;
        case 'd': acc = acc * 3 + (long)(va_arg(ap, double) * 16); break;
        case 'q': { __int128 q = va_arg(ap, __int128); acc = acc * 3 + (long)(q >> 64) + (long)q; } break;
        case 'p': { struct pair q = va_arg(ap, struct pair); acc = acc * 3 + q.a + (long)(q.b * 4); } break;
        case 'b': { struct big q = va_arg(ap, struct big); acc = acc * 3 + q.v[0] - q.v[4]; } break;
        }
    }
    va_end(ap);
    return acc;
}

static char log_buf[512];
static int log_len;

static int log_to_buffer(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(log_buf + log_len, sizeof log_buf - (size_t)log_len, fmt, ap);
    va_end(ap);
    if (n > 0 && log_len + n < (int)sizeof log_buf) log_len += n;
    return n;
}

static int log_count(const char *fmt, ...) {
    (void)fmt;
    return 1000;
}

typedef long (*ints_fn)(int, ...);
typedef double (*doubles_fn)(int, ...);
typedef long (*typed_fn)(const char *, ...);
typedef int (*log_fn)(const char *, ...);

/* Pointers the optimizer cannot see through. */
static ints_fn volatile ints_ptr = ints;
static doubles_fn volatile doubles_ptr = doubles;
static typed_fn volatile typed_ptr = typed;
static int (*volatile print_ptr)(const char *, ...) = printf;
static int (*volatile format_ptr)(char *, size_t, const char *, ...) = snprintf;
static log_fn loggers[3] = {log_to_buffer, log_count, printf};

int main(void) {
    unsigned check = 0;
    long r;

    r = ints_ptr(0);
    check = check * 31 + (unsigned)r;
    r = ints_ptr(1, 7);
    check = check * 31 + (unsigned)r;
    r = ints_ptr(4, 1, 2, 3, 4);
    check = check * 31 + (unsigned)r;
    /* every integer register taken: the pointer rides in a float register */
    r = ints_ptr(5, 1, 2, 3, 4, 5);
    check = check * 31 + (unsigned)r;
    r = ints_ptr(9, 9, 8, 7, 6, 5, 4, 3, 2, 1);
    check = check * 31 + (unsigned)r;
    printf("ints %ld\n", r);

    double d = doubles_ptr(3, 1.5, 2.5, 3.5);
    printf("doubles3 %.6f\n", d);
    d = doubles_ptr(8, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0);
    printf("doubles8 %.6f\n", d);
    d = doubles_ptr(11, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0);
    printf("doubles11 %.6f\n", d);
    check = check * 31 + (unsigned)(d * 1000);

    /* integer and float registers all taken, arguments on the stack: the pointer goes in the word after them */
    r = typed_ptr("iiiiidddddddddl", 1, 2, 3, 4, 5, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.5, 77L);
    printf("typed stack %ld\n", r);
    check = check * 31 + (unsigned)r;
    r = typed_ptr("iiiiiidddddddd", 1, 2, 3, 4, 5, 6, 0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5);
    printf("typed full %ld\n", r);
    check = check * 31 + (unsigned)r;
    __int128 big = ((__int128)12345 << 64) | 678;
    r = typed_ptr("qiq", big, 9, big + 1);
    printf("typed int128 %ld\n", r);
    check = check * 31 + (unsigned)r;
    r = typed_ptr("iiiqd", 1, 2, 3, big, 2.25);
    printf("typed int128 split %ld\n", r);
    check = check * 31 + (unsigned)r;
    struct pair pr = {40, 2.5};
    r = typed_ptr("pip", pr, 3, pr);
    printf("typed pair %ld\n", r);
    check = check * 31 + (unsigned)r;

    /* structs passed in memory, before and after every register is taken: the pointer goes after them */
    struct big bg = {{11, 12, 13, 14, 15}};
    r = typed_ptr("bib", bg, 7, bg);
    printf("typed big %ld\n", r);
    check = check * 31 + (unsigned)r;
    r = typed_ptr("iiiiiibddddddddbi", 1, 2, 3, 4, 5, 6, bg, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, bg, 9);
    printf("typed big stack %ld\n", r);
    check = check * 31 + (unsigned)r;

    char buf[128];
    int n = format_ptr(buf, sizeof buf, "%d-%s-%.3f-%ld-%c", 42, "x", 3.25, 1234567890123L, 'z');
    printf("formatted %d [%s]\n", n, buf);
    check = check * 31 + (unsigned)n;
    print_ptr("printed %d %.2f %s %d %d %d %d %.1f\n", 1, 2.5, "three", 4, 5, 6, 7, 8.0);

    int total = 0;
    for (int i = 0; i < 9; i++) {
        log_fn f = loggers[((unsigned)i * 7u + check) % 3u];
        total += f("[%d:%.1f:%s]", i, i * 0.5, i % 2 ? "odd" : "even");
    }
    printf("\nlog %s\n", log_buf);
    printf("log total %d len %d\n", total, (int)strlen(log_buf));
    check = check * 31 + (unsigned)total;

    printf("check %u\n", check);
    return (int)(check % 101);
}
