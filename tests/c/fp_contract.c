/* a*b+c that clang turns into llvm.fmuladd: every tier must round it the same way (escape counts near the Mandelbrot boundary expose a fused multiply-add) */
#include <stdio.h>

static int escape(double cx, double cy, int limit) {
    double x = 0.0, y = 0.0;
    int i = 0;
    while (i < limit && x * x + y * y <= 4.0) {
        double t = x * x - y * y + cx;
        y = 2.0 * x * y + cy;
        x = t;
        i++;
    }
    return i;
}

int main(void) {
    long long total = 0;
    for (int row = 0; row < 40; row++)
        for (int col = 0; col < 60; col++)
            total += escape(-0.7487 + 0.0001 * col, 0.1 + 0.0001 * row, 3000);
    float acc = 1.0f;
    for (int i = 1; i < 2000; i++)
        acc = acc * 1.0001f + 1.0f / (float)i;
    printf("escape total %lld, float chain %.9g\n", total, (double)acc);
    return (int)(total % 97);
}
