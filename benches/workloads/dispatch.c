/* workload: dispatch | shapes behind a table of function pointers (C's virtual calls), a skewed mix of kinds, and a comparator passed by pointer to a sort */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define SHAPES 4096
#define ROUNDS 7000
#define SORT_LEN 20000
#define SORTS 12

typedef struct Shape Shape;
typedef struct {
    double (*area)(const Shape *);
    double (*perimeter)(const Shape *);
    void (*grow)(Shape *, double);
} ShapeOps;

struct Shape {
    const ShapeOps *ops;
    double a, b;
};

static double rect_area(const Shape *s) { return s->a * s->b; }
static double rect_perimeter(const Shape *s) { return 2 * (s->a + s->b); }
static void rect_grow(Shape *s, double f) { s->a *= f; s->b *= f; }
static double circle_area(const Shape *s) { return 3.14159265358979 * s->a * s->a; }
static double circle_perimeter(const Shape *s) { return 2 * 3.14159265358979 * s->a; }
static void circle_grow(Shape *s, double f) { s->a *= f; }
static double tri_area(const Shape *s) { return 0.5 * s->a * s->b; }
static double tri_perimeter(const Shape *s) { return s->a + s->b + (s->a > s->b ? s->a : s->b); }
static void tri_grow(Shape *s, double f) { s->a *= f; }

static const ShapeOps RECT = {rect_area, rect_perimeter, rect_grow};
static const ShapeOps CIRCLE = {circle_area, circle_perimeter, circle_grow};
static const ShapeOps TRI = {tri_area, tri_perimeter, tri_grow};

static Shape shapes[SHAPES];
static int32_t keys[SORT_LEN];

static int by_value(const void *x, const void *y) {
    int32_t a = *(const int32_t *)x, b = *(const int32_t *)y;
    return (a > b) - (a < b);
}

int main(void) {
    uint32_t seed = 12345;
    for (int i = 0; i < SHAPES; i++) {
        seed = seed * 1103515245u + 12345u;
        unsigned kind = (seed >> 16) % 16;
        /* skewed: 13 of 16 are rectangles */
        shapes[i].ops = kind < 13 ? &RECT : kind < 15 ? &CIRCLE : &TRI;
        shapes[i].a = 1.0 + (seed % 100) / 50.0;
        shapes[i].b = 1.0 + ((seed >> 8) % 100) / 50.0;
    }
    double total = 0;
    for (int r = 0; r < ROUNDS; r++) {
        double f = (r & 1) ? 1.001 : 0.999;
        for (int i = 0; i < SHAPES; i++) {
            Shape *s = &shapes[i];
            total += s->ops->area(s) - 0.25 * s->ops->perimeter(s);
            s->ops->grow(s, f);
        }
    }
    long checksum = 0;
    for (int k = 0; k < SORTS; k++) {
        for (int i = 0; i < SORT_LEN; i++) {
            seed = seed * 1103515245u + 12345u;
            keys[i] = (int32_t)(seed >> 8);
        }
        qsort(keys, SORT_LEN, sizeof keys[0], by_value);
        checksum += keys[SORT_LEN / 2] % 1000;
    }
    printf("%.3f %ld\n", total / ROUNDS, checksum);
    return 0;
}
