/* exercises: mutual recursion via a recursive-descent expression parser/evaluator (expr -> term -> factor -> expr) with error reporting */
#include <stdio.h>
#include <ctype.h>

typedef struct { const char *p; int err; } Parser;

static long parse_expr(Parser *ps);

static void skip(Parser *ps) { while (*ps->p == ' ') ps->p++; }

static long parse_factor(Parser *ps) {
    skip(ps);
    if (*ps->p == '(') {
        ps->p++;
        long v = parse_expr(ps);
        skip(ps);
        if (*ps->p == ')') ps->p++; else ps->err = 1;
        return v;
    }
    if (*ps->p == '-') { ps->p++; return -parse_factor(ps); }
    if (!isdigit((unsigned char)*ps->p)) { ps->err = 2; return 0; }
    long v = 0;
    while (isdigit((unsigned char)*ps->p)) v = v * 10 + (*ps->p++ - '0');
    return v;
}

static long parse_power(Parser *ps) {
    long base = parse_factor(ps);
    skip(ps);
    if (*ps->p == '^') {
        ps->p++;
        long e = parse_power(ps); /* right associative */
        long r = 1;
        for (long i = 0; i < e && i < 62; i++) r *= base;
        return r;
    }
    return base;
}

static long parse_term(Parser *ps) {
    long v = parse_power(ps);
    for (;;) {
        skip(ps);
        char op = *ps->p;
        if (op != '*' && op != '/' && op != '%') return v;
        ps->p++;
        long r = parse_power(ps);
        if ((op == '/' || op == '%') && r == 0) { ps->err = 3; return 0; }
        v = op == '*' ? v * r : op == '/' ? v / r : v % r;
    }
}

static long parse_expr(Parser *ps) {
    long v = parse_term(ps);
    for (;;) {
        skip(ps);
        char op = *ps->p;
        if (op != '+' && op != '-') return v;
        ps->p++;
        long r = parse_term(ps);
        v = op == '+' ? v + r : v - r;
    }
}

static long eval(const char *s, int *err) {
    Parser ps = {s, 0};
    long v = parse_expr(&ps);
    skip(&ps);
    if (!ps.err && *ps.p) ps.err = 4;
    *err = ps.err;
    return v;
}

int main(void) {
    const char *exprs[] = {"1 + 2 * 3", "(1 + 2) * 3", "2 ^ 3 ^ 2", "-(4 - 10) * -3", "100 / 7 % 5 + 3 * (2 - -2)",
                           "((((((7))))))", "2 ^ 10 - 1000 / (3 + 2)", "1 / 0", "3 + * 4", "(1 + 2", "12 34"};
    long total = 0; int errors = 0;
    for (unsigned i = 0; i < sizeof exprs / sizeof exprs[0]; i++) {
        int err;
        long v = eval(exprs[i], &err);
        if (err) { printf("%-28s => error %d\n", exprs[i], err); errors++; }
        else { printf("%-28s => %ld\n", exprs[i], v); total += v; }
    }
    printf("total=%ld errors=%d\n", total, errors);
    return (int)(total % 50) + errors;
}
