/* exercises: recursion - fib, small ackermann, mutual recursion, hanoi, gcd, recursive sum over array */
#include <stdio.h>

static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static unsigned ack(unsigned m, unsigned n) {
    if (m == 0) return n + 1;
    if (n == 0) return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}

static int is_odd(unsigned n);
static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }
static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }

static long hanoi(int n, int from, int to, int via, long *checksum) {
    if (n == 0) return 0;
    long moves = hanoi(n - 1, from, via, to, checksum);
    *checksum = (*checksum * 31 + from * 3 + to) % 1000003;
    moves += 1;
    moves += hanoi(n - 1, via, to, from, checksum);
    return moves;
}

static long gcd(long a, long b) { return b == 0 ? a : gcd(b, a % b); }

static long rsum(const int *a, int n) {
    if (n == 0) return 0;
    if (n == 1) return a[0];
    int h = n / 2;
    return rsum(a, h) + rsum(a + h, n - h);
}

static long long power(long long base, unsigned e) {
    if (e == 0) return 1;
    long long half = power(base, e / 2);
    return (e & 1) ? half * half * base : half * half;
}

int main(void) {
    int i;
    for (i = 0; i <= 20; i += 5) printf("fib(%d) = %d\n", i, fib(i));
    printf("ack(2,3) = %u\n", ack(2, 3));
    printf("ack(3,3) = %u\n", ack(3, 3));
    printf("is_even(100)=%d is_odd(77)=%d is_even(33)=%d\n", is_even(100), is_odd(77), is_even(33));
    long ck = 7;
    long mv = hanoi(10, 1, 3, 2, &ck);
    printf("hanoi(10) moves=%ld checksum=%ld\n", mv, ck);
    printf("gcd(1071,462)=%ld gcd(832040,514229)=%ld\n", gcd(1071, 462), gcd(832040, 514229));
    int arr[100];
    for (i = 0; i < 100; i++) arr[i] = i * i - 50 * i;
    printf("rsum = %ld\n", rsum(arr, 100));
    printf("3^20 = %lld, 7^15 = %lld\n", power(3, 20), power(7, 15));
    return (fib(15) + (int)ack(2, 3)) % 101;
}
