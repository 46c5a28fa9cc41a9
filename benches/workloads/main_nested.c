/* workload: hot-kernel | OSR case: a 2-D heat-diffusion stencil whose nested time/row/column loops live entirely inside main */
#pragma STDC FP_CONTRACT OFF
#include <stdint.h>
#include <stdio.h>

#define NX 512
#define NY 512
#define STEPS 4400

static double grid_a[NY][NX];
static double grid_b[NY][NX];

int main(void) {
    /* initial condition: a few hot spots and a cold bar, fixed (Dirichlet) borders */
    for (int y = 0; y < NY; y++)
        for (int x = 0; x < NX; x++) {
            double v = 0.0;
            if ((x - 64) * (x - 64) + (y - 80) * (y - 80) < 200)
                v = 100.0;
            if ((x - 180) * (x - 180) + (y - 170) * (y - 170) < 400)
                v = 60.0;
            if (x > 100 && x < 150 && y > 200 && y < 210)
                v = -40.0;
            grid_a[y][x] = v;
            grid_b[y][x] = v;
        }

    const double alpha = 0.2;
    double checksum_trace = 0.0;
    for (int t = 0; t < STEPS; t++) {
        double (*src)[NX] = (t & 1) ? grid_b : grid_a;
        double (*dst)[NX] = (t & 1) ? grid_a : grid_b;
        for (int y = 1; y < NY - 1; y++) {
            for (int x = 1; x < NX - 1; x++) {
                double c = src[y][x];
                double lap = src[y - 1][x] + src[y + 1][x] + src[y][x - 1] + src[y][x + 1] - 4.0 * c;
                dst[y][x] = c + alpha * lap;
            }
        }
        /* a heater that pulses with the step count keeps the field from going flat */
        dst[NY / 2][NX / 2] += (double)(t % 50) * 0.5;
        if (t % 100 == 99)
            checksum_trace = checksum_trace * 0.5 + dst[NY / 3][NX / 3] + dst[(2 * NY) / 3][NX / 4];
    }

    double (*fin)[NX] = (STEPS & 1) ? grid_b : grid_a;
    double total = 0.0, maxv = -1.0e300, minv = 1.0e300;
    for (int y = 0; y < NY; y++)
        for (int x = 0; x < NX; x++) {
            double v = fin[y][x];
            total += v;
            if (v > maxv)
                maxv = v;
            if (v < minv)
                minv = v;
        }
    printf("grid %dx%d, %d steps\n", NX, NY, STEPS);
    printf("total heat: %.9f\n", total);
    printf("min %.9f max %.9f\n", minv, maxv);
    printf("trace: %.12f\n", checksum_trace);
    return (int)((uint64_t)(total < 0 ? -total : total) % 101u);
}
