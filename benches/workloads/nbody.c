/* workload: numeric | softened-gravity n-body simulation (64 bodies, doubles, leapfrog integration) */
#pragma STDC FP_CONTRACT OFF
#include <math.h>
#include <stdint.h>
#include <stdio.h>

#define NB 64
#define STEPS 56000
#define DT 0.001
#define SOFTENING 0.01

struct body {
    double x, y, z;
    double vx, vy, vz;
    double mass;
};

static struct body bodies[NB];
static double ax[NB], ay[NB], az[NB];

static uint32_t rng = 2024u;
static double urand(void) {
    rng = rng * 1664525u + 1013904223u;
    return (double)(rng >> 8) / 16777216.0;
}

static void init_bodies(void) {
    for (int i = 0; i < NB; i++) {
        /* a rough disc: radius 1..5, small vertical spread, near-circular velocity */
        double r = 1.0 + 4.0 * urand();
        double t = 6.283185307179586 * urand();
        double c = cos(t), s = sin(t);
        bodies[i].x = r * c;
        bodies[i].y = r * s;
        bodies[i].z = 0.1 * (urand() - 0.5);
        double v = sqrt(2.0 / r);
        bodies[i].vx = -v * s;
        bodies[i].vy = v * c;
        bodies[i].vz = 0.0;
        bodies[i].mass = 0.05 + 0.1 * urand();
    }
    /* remove net momentum */
    double px = 0, py = 0, pz = 0, m = 0;
    for (int i = 0; i < NB; i++) {
        px += bodies[i].vx * bodies[i].mass;
        py += bodies[i].vy * bodies[i].mass;
        pz += bodies[i].vz * bodies[i].mass;
        m += bodies[i].mass;
    }
    for (int i = 0; i < NB; i++) {
        bodies[i].vx -= px / m;
        bodies[i].vy -= py / m;
        bodies[i].vz -= pz / m;
    }
}

static void accelerations(void) {
    for (int i = 0; i < NB; i++)
        ax[i] = ay[i] = az[i] = 0.0;
    for (int i = 0; i < NB; i++) {
        for (int j = i + 1; j < NB; j++) {
            double dx = bodies[j].x - bodies[i].x;
            double dy = bodies[j].y - bodies[i].y;
            double dz = bodies[j].z - bodies[i].z;
            double d2 = dx * dx + dy * dy + dz * dz + SOFTENING * SOFTENING;
            double inv = 1.0 / (d2 * sqrt(d2));
            double fi = bodies[j].mass * inv, fj = bodies[i].mass * inv;
            ax[i] += dx * fi;
            ay[i] += dy * fi;
            az[i] += dz * fi;
            ax[j] -= dx * fj;
            ay[j] -= dy * fj;
            az[j] -= dz * fj;
        }
    }
}

static double energy(void) {
    double e = 0.0;
    for (int i = 0; i < NB; i++) {
        const struct body *b = &bodies[i];
        e += 0.5 * b->mass * (b->vx * b->vx + b->vy * b->vy + b->vz * b->vz);
        for (int j = i + 1; j < NB; j++) {
            double dx = bodies[j].x - b->x, dy = bodies[j].y - b->y, dz = bodies[j].z - b->z;
            e -= b->mass * bodies[j].mass / sqrt(dx * dx + dy * dy + dz * dz + SOFTENING * SOFTENING);
        }
    }
    return e;
}

static void step(void) {
    /* kick-drift-kick leapfrog */
    for (int i = 0; i < NB; i++) {
        bodies[i].vx += 0.5 * DT * ax[i];
        bodies[i].vy += 0.5 * DT * ay[i];
        bodies[i].vz += 0.5 * DT * az[i];
        bodies[i].x += DT * bodies[i].vx;
        bodies[i].y += DT * bodies[i].vy;
        bodies[i].z += DT * bodies[i].vz;
    }
    accelerations();
    for (int i = 0; i < NB; i++) {
        bodies[i].vx += 0.5 * DT * ax[i];
        bodies[i].vy += 0.5 * DT * ay[i];
        bodies[i].vz += 0.5 * DT * az[i];
    }
}

int main(void) {
    init_bodies();
    accelerations();
    double e0 = energy();
    printf("bodies: %d, steps: %d\n", NB, STEPS);
    printf("energy before: %.12f\n", e0);
    for (int s = 0; s < STEPS; s++)
        step();
    double e1 = energy();
    printf("energy after:  %.12f\n", e1);
    double cx = 0, cy = 0, cz = 0;
    for (int i = 0; i < NB; i++) {
        cx += bodies[i].x * bodies[i].mass;
        cy += bodies[i].y * bodies[i].mass;
        cz += bodies[i].z * bodies[i].mass;
    }
    printf("mass-weighted position sum: %.12f %.12f %.12f\n", cx, cy, cz);
    double drift = fabs((e1 - e0) / e0);
    printf("relative energy drift: %.3e\n", drift);
    /* exit code from the low digits of the final energy */
    uint64_t digits = (uint64_t)(fabs(e1) * 1.0e6);
    return (int)(digits % 101u);
}
