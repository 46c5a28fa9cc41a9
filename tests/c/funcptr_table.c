/* exercises: function-pointer tables, passing function pointers, returning function pointers, callbacks */
#include <stdio.h>

typedef long (*binop)(long, long);
static long op_add(long a, long b) { return a + b; }
static long op_sub(long a, long b) { return a - b; }
static long op_mul(long a, long b) { return a * b; }
static long op_div(long a, long b) { return b ? a / b : 0; }
static long op_mod(long a, long b) { return b ? a % b : 0; }
static long op_max(long a, long b) { return a > b ? a : b; }

static const struct { const char *name; binop fn; } ops[] = {
    {"add", op_add}, {"sub", op_sub}, {"mul", op_mul},
    {"div", op_div}, {"mod", op_mod}, {"max", op_max},
};

static long fold(binop f, const long *xs, int n, long init) {
    long acc = init;
    for (int i = 0; i < n; i++) acc = f(acc, xs[i]);
    return acc;
}

static binop pick(char c) {
    switch (c) {
    case '+': return op_add;
    case '-': return op_sub;
    case '*': return op_mul;
    default: return op_max;
    }
}

typedef void (*visitor)(int, void *);
static void each(const int *a, int n, visitor v, void *ctx) { for (int i = 0; i < n; i++) v(a[i], ctx); }
static void count_even(int x, void *ctx) { if (x % 2 == 0) ++*(int *)ctx; }
static void sum_sq(int x, void *ctx) { *(long *)ctx += (long)x * x; }

int main(void) {
    long xs[] = {12, 7, -3, 25, 4};
    int n = (int)(sizeof xs / sizeof xs[0]);
    long check = 0;
    for (unsigned i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        long r = fold(ops[i].fn, xs, n, 100);
        printf("%s fold = %ld; %s(17,5) = %ld\n", ops[i].name, r, ops[i].name, ops[i].fn(17, 5));
        check += r;
    }
    const char *expr = "+*-?";
    long v = 3;
    for (const char *p = expr; *p; p++) { v = pick(*p)(v, 7); printf("after '%c': %ld\n", *p, v); }
    int arr[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    int evens = 0; long sq = 0;
    each(arr, 10, count_even, &evens);
    each(arr, 10, sum_sq, &sq);
    printf("evens=%d sumsq=%ld check=%ld\n", evens, sq, check);
    binop (*table2)[2] = (binop[][2]){{op_add, op_sub}, {op_mul, op_max}};
    printf("table2: %ld %ld %ld %ld\n", table2[0][0](6, 2), table2[0][1](6, 2), table2[1][0](6, 2), table2[1][1](6, 2));
    return (int)((check % 90 + 90) % 90);
}
