/* workload: helpers | a hot driver whose loops call many small helper functions (accessors, clamps, mixes) */
#include <stdint.h>
#include <stdio.h>

#define N 4096
#define ROUNDS 15000

typedef struct {
    int32_t x, y;
    uint32_t flags;
} Cell;

static Cell grid[N];

static int32_t get_x(const Cell *c) { return c->x; }
static int32_t get_y(const Cell *c) { return c->y; }
static void set_x(Cell *c, int32_t v) { c->x = v; }
static void set_y(Cell *c, int32_t v) { c->y = v; }
static int is_marked(const Cell *c) { return (c->flags & 1u) != 0; }
static void toggle(Cell *c) { c->flags ^= 1u; }
static int32_t clamp(int32_t v, int32_t lo, int32_t hi) { return v < lo ? lo : v > hi ? hi : v; }
static int32_t absdiff(int32_t a, int32_t b) { return a > b ? a - b : b - a; }
static uint32_t mix(uint32_t h, uint32_t v) { return (h ^ v) * 16777619u; }
static Cell *at(int i) { return &grid[i & (N - 1)]; }

static uint32_t step(int round) {
    uint32_t h = 2166136261u;
    for (int i = 0; i < N; i++) {
        Cell *c = at(i);
        Cell *n = at(i + 1);
        int32_t dx = absdiff(get_x(c), get_x(n));
        int32_t dy = clamp(get_y(c) - get_y(n), -1000, 1000);
        set_x(c, clamp(get_x(c) + dy / 8 - (round & 3), -100000, 100000));
        set_y(c, get_y(c) + (dx & 7) - 3);
        if (is_marked(n))
            toggle(c);
        h = mix(h, (uint32_t)get_x(c));
        h = mix(h, (uint32_t)get_y(c));
    }
    return h;
}

int main(void) {
    for (int i = 0; i < N; i++) {
        grid[i].x = (i * 7919) % 1000;
        grid[i].y = (i * 104729) % 777;
        grid[i].flags = (uint32_t)(i % 3 == 0);
    }
    uint32_t h = 0;
    for (int r = 0; r < ROUNDS; r++)
        h ^= step(r);
    printf("%u\n", h);
    return 0;
}
