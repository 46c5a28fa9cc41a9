/* workload: recursive | small integer recursions called from main: Takeuchi, Ackermann, naive fib, mutual even/odd, Euclid gcd */
#include <stdio.h>
static int tak(int x, int y, int z) { return y < x ? tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y)) : z; }
static unsigned ack(unsigned m, unsigned n) {
    if (m == 0) return n + 1;
    if (n == 0) return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}
static long fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
static int is_odd(unsigned n);
static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }
static unsigned gcd(unsigned a, unsigned b) { return b ? gcd(b, a % b) : a; }
int main(int argc, char **argv) {
    (void)argv;
    long s = 0;
    for (int i = 0; i < 6; i++) s += tak(22 + (argc > 5), 14, 6 + i % 2);
    s += ack(2, 2000 + argc) + ack(3, 9);
    s += fib(34 + argc);
    for (unsigned i = 0; i < 3000; i++) s += is_even(i * 7 % 5000);
    for (unsigned i = 1; i < 3000000; i++) s += gcd(i * 2654435761u, i + 12345);
    printf("%ld\n", s);
    return 0;
}
