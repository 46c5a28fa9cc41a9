/* exercises: variable-length arrays (dynamic stack allocation) in loops and recursion, 2D VLAs, sizeof on VLAs, VLA parameters */
#include <stdio.h>

static long vla_sum(int n) {
    int buf[n];
    for (int i = 0; i < n; i++) buf[i] = i * 3 - n;
    long s = 0;
    for (int i = 0; i < n; i++) s += buf[i];
    return s + (long)sizeof buf;
}

static int pascal_row(int n, int k) {
    long row[n + 1];
    row[0] = 1;
    for (int i = 1; i <= n; i++) {
        row[i] = 1;
        for (int j = i - 1; j > 0; j--) row[j] += row[j - 1];
    }
    return (int)(row[k] % 1000003);
}

static long rec_vla(int depth, long carry) {
    if (depth == 0) return carry;
    char scratch[depth * 8 + 1];
    for (int i = 0; i < depth * 8; i++) scratch[i] = (char)('a' + (i + depth) % 26);
    scratch[depth * 8] = 0;
    long h = carry;
    for (int i = 0; scratch[i]; i++) h = (h * 131 + scratch[i]) % 1000000007L;
    return rec_vla(depth - 1, h);
}

static double trace(int n, double m[n][n]) { double t = 0; for (int i = 0; i < n; i++) t += m[i][i]; return t; }

int main(void) {
    for (int n = 1; n <= 64; n *= 4) printf("vla_sum(%d)=%ld\n", n, vla_sum(n));
    printf("C(20,10)=%d C(30,7)=%d\n", pascal_row(20, 10), pascal_row(30, 7));
    printf("rec_vla=%ld\n", rec_vla(12, 1));
    long total = 0;
    for (int n = 2; n <= 6; n++) {
        double m[n][n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) m[i][j] = (i + 1) * 0.5 + j;
        double t = trace(n, m);
        printf("n=%d sizeof=%zu trace=%.2f\n", n, sizeof m, t);
        total += (long)t;
    }
    /* VLA in a loop whose size changes each iteration */
    int acc = 0;
    for (int it = 1; it <= 200; it++) {
        unsigned char tmp[it % 37 + 1];
        for (int i = 0; i < (int)sizeof tmp; i++) tmp[i] = (unsigned char)(i ^ it);
        acc += tmp[sizeof tmp - 1];
    }
    printf("loop acc=%d total=%ld\n", acc, total);
    return (int)((acc + total) % 100);
}
