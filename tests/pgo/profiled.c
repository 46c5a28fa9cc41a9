/* Profile-sensitive shapes: a comparator passed by pointer, a handler table with a skewed mix, a bytecode
 * switch, and branches whose rare side is heavy. Every result is printed. */
#include <stdio.h>
#include <stdlib.h>

typedef int (*cmp_fn)(const void *, const void *);
static int by_value(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }
static int by_value_desc(const void *a, const void *b) { return *(const int *)b - *(const int *)a; }
static int by_low_bits(const void *a, const void *b) { return (*(const int *)a & 15) - (*(const int *)b & 15); }

__attribute__((noinline)) static void insertion_sort(int *v, int n, cmp_fn cmp) {
    for (int i = 1; i < n; i++) {
        int x = v[i], j = i - 1;
        while (j >= 0 && cmp(&v[j], &x) > 0) {
            v[j + 1] = v[j];
            j--;
        }
        v[j + 1] = x;
    }
}

typedef long (*handler)(long, long);
static long h_add(long a, long b) { return a + b; }
static long h_xor(long a, long b) { return a ^ b; }
static long h_mul(long a, long b) { return a * (b | 1); }
static long h_heavy(long a, long b) {
    long s = 0;
    for (int i = 0; i < 40; i++) s += (a >> (i & 7)) ^ (b + i);
    return s;
}
static const handler handlers[4] = {h_add, h_xor, h_mul, h_heavy};

__attribute__((noinline)) static long run_bytecode(const unsigned char *code, int n, long acc) {
    for (int pc = 0; pc < n; pc++) {
        switch (code[pc]) {
        case 0: acc += 1; break;
        case 1: acc *= 3; break;
        case 2: acc ^= acc >> 7; break;
        case 3: acc -= pc; break;
        case 4: acc = acc % 1000003; break;
        default: acc += code[pc]; break;
        }
    }
    return acc;
}

int main(void) {
    int v[200];
    long checksum = 0;
    unsigned seed = 12345;
    for (int round = 0; round < 60; round++) {
        for (int i = 0; i < 200; i++) {
            seed = seed * 1103515245u + 12345u;
            v[i] = (int)(seed >> 8) % 10000;
        }
        cmp_fn cmp = round % 10 == 9 ? by_value_desc : round % 10 == 8 ? by_low_bits : by_value;
        insertion_sort(v, 200, cmp);
        checksum += v[0] * 3 + v[199] * 7 + v[100];
    }
    long acc = 1;
    for (long i = 0; i < 300000; i++) {
        int k = (i % 97 == 0) ? (int)((i / 97) % 4) : 0;
        acc = handlers[k](acc, i) & 0xffffffffL;
        if (i % 5003 == 0) acc = h_heavy(acc, i) & 0xffffff;
    }
    unsigned char code[64];
    for (int i = 0; i < 64; i++) code[i] = (unsigned char)(i % 9 == 0 ? i % 7 : i % 2);
    long vm = 7;
    for (int r = 0; r < 3000; r++) vm = run_bytecode(code, 64, vm) & 0xfffffff;
    printf("%ld %ld %ld\n", checksum, acc, vm);
    return (int)(checksum & 63);
}
