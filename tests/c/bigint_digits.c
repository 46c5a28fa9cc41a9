/* exercises: arbitrary-precision decimal arithmetic on digit arrays - factorial of 100, 2^500, Fibonacci(300), carry propagation */
#include <stdio.h>
#include <string.h>

#define MAXD 700
typedef struct { int n; unsigned char d[MAXD]; } Big; /* little-endian decimal digits */

static void big_set(Big *b, unsigned v) { b->n = 0; do { b->d[b->n++] = (unsigned char)(v % 10); v /= 10; } while (v); }

static void big_mul_small(Big *b, unsigned m) {
    unsigned carry = 0;
    for (int i = 0; i < b->n; i++) { unsigned v = b->d[i] * m + carry; b->d[i] = (unsigned char)(v % 10); carry = v / 10; }
    while (carry) { b->d[b->n++] = (unsigned char)(carry % 10); carry /= 10; }
}

static void big_add(Big *r, const Big *a, const Big *b) {
    int n = a->n > b->n ? a->n : b->n, carry = 0;
    for (int i = 0; i < n; i++) {
        int v = (i < a->n ? a->d[i] : 0) + (i < b->n ? b->d[i] : 0) + carry;
        r->d[i] = (unsigned char)(v % 10); carry = v / 10;
    }
    r->n = n;
    if (carry) r->d[r->n++] = (unsigned char)carry;
}

static int digit_sum(const Big *b) { int s = 0; for (int i = 0; i < b->n; i++) s += b->d[i]; return s; }

static void print_big(const char *label, const Big *b) {
    char s[MAXD + 1];
    for (int i = 0; i < b->n; i++) s[i] = (char)('0' + b->d[b->n - 1 - i]);
    s[b->n] = 0;
    if (b->n > 40) printf("%s = %.20s...%s (%d digits, digit sum %d)\n", label, s, s + b->n - 20, b->n, digit_sum(b));
    else printf("%s = %s\n", label, s);
}

int main(void) {
    static Big f, p, a, b, c;
    big_set(&f, 1);
    for (unsigned i = 2; i <= 100; i++) big_mul_small(&f, i);
    print_big("100!", &f);
    big_set(&p, 1);
    for (int i = 0; i < 500; i++) big_mul_small(&p, 2);
    print_big("2^500", &p);
    big_set(&a, 0); big_set(&b, 1);
    for (int i = 2; i <= 300; i++) { big_add(&c, &a, &b); a = b; b = c; }
    print_big("fib(300)", &b);
    big_set(&c, 1);
    for (int i = 0; i < 20; i++) big_mul_small(&c, 3);
    print_big("3^20", &c);
    int zeros = 0;
    for (int i = 0; i < f.n && f.d[i] == 0; i++) zeros++;
    printf("trailing zeros of 100! = %d\n", zeros);
    return digit_sum(&f) % 100;
}
