/* OSR: a nested-loop numeric kernel that lives in main (called once, loops for a long time). */
#include <stdio.h>

int main(void) {
    enum { N = 160 };
    static double a[N][N], b[N][N], c[N][N];
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            a[i][j] = (double)((i * 7 + j * 3) % 17) / 8.0;
            b[i][j] = (double)((i * 5 + j * 11) % 13) / 4.0;
        }
    for (int rep = 0; rep < 64; rep++) {
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++) {
                double s = 0.0;
                for (int k = 0; k < N; k++)
                    s += a[i][k] * b[k][j];
                c[i][j] = s + rep;
            }
        a[rep % N][rep % N] += c[N - 1 - rep % N][rep % N] / 1000.0;
    }
    double trace = 0.0, total = 0.0;
    for (int i = 0; i < N; i++) {
        trace += c[i][i];
        for (int j = 0; j < N; j++)
            total += c[i][j];
    }
    printf("trace=%.6f total=%.6f\n", trace, total);
    return (int)((long)total % 97);
}
