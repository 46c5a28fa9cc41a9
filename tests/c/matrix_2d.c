/* exercises: 2D arrays - matrix multiply (int and double), transpose, determinant via Gaussian elimination, passing 2D arrays to functions */
#include <stdio.h>
#include <math.h>
#pragma STDC FP_CONTRACT OFF

#define N 6
typedef double Mat[N][N];

static void matmul(const Mat a, const Mat b, Mat c) {
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            double s = 0;
            for (int k = 0; k < N; k++) s += a[i][k] * b[k][j];
            c[i][j] = s;
        }
}

static double det(Mat m) {
    double d = 1;
    for (int c = 0; c < N; c++) {
        int p = c;
        for (int r = c + 1; r < N; r++) if (fabs(m[r][c]) > fabs(m[p][c])) p = r;
        if (m[p][c] == 0) return 0;
        if (p != c) { for (int k = 0; k < N; k++) { double t = m[p][k]; m[p][k] = m[c][k]; m[c][k] = t; } d = -d; }
        d *= m[c][c];
        for (int r = c + 1; r < N; r++) {
            double f = m[r][c] / m[c][c];
            for (int k = c; k < N; k++) m[r][k] -= f * m[c][k];
        }
    }
    return d;
}

static void imatmul(int n, int m, int p, const int a[n][m], const int b[m][p], long c[n][p]) {
    for (int i = 0; i < n; i++)
        for (int j = 0; j < p; j++) {
            long s = 0;
            for (int k = 0; k < m; k++) s += (long)a[i][k] * b[k][j];
            c[i][j] = s;
        }
}

int main(void) {
    Mat a, b, c, t;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            a[i][j] = (i == j) ? 4.0 : 1.0 / (1 + i + j);
            b[i][j] = (double)((i * 7 + j * 3) % 5) - 2.0;
        }
    matmul(a, b, c);
    for (int i = 0; i < N; i++) printf("c[%d]: %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f\n", i, c[i][0], c[i][1], c[i][2], c[i][3], c[i][4], c[i][5]);
    for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) t[j][i] = a[i][j];
    int sym = 1;
    for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) if (t[i][j] != a[i][j]) sym = 0;
    printf("a symmetric=%d det(a)=%.6f\n", sym, det(a));
    int x[3][4] = {{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12}};
    int y[4][2] = {{1, -1}, {2, -2}, {3, -3}, {4, -4}};
    long z[3][2];
    imatmul(3, 4, 2, x, y, z);
    printf("int matmul: [%ld %ld] [%ld %ld] [%ld %ld]\n", z[0][0], z[0][1], z[1][0], z[1][1], z[2][0], z[2][1]);
    static int grid[20][30];
    for (int i = 0; i < 20; i++) for (int j = 0; j < 30; j++) grid[i][j] = (i * 31 + j * 17) % 10;
    long rows = 0, diag = 0;
    for (int i = 0; i < 20; i++) { int rs = 0; for (int j = 0; j < 30; j++) rs += grid[i][j]; rows += (long)rs * (i + 1); }
    for (int i = 0; i < 20; i++) diag += grid[i][i] + grid[i][29 - i];
    printf("grid rows=%ld diag=%ld\n", rows, diag);
    return (int)(rows % 100);
}
