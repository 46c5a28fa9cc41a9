/* workload: long | multi-ant turmite (generalised Langton's ant) simulation on a shared torus grid, several seconds */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define W 1024
#define H 1024
#define NANTS 8
#define EPOCHS 64
#define BURSTS_PER_EPOCH 4000
#define BURST 125   /* steps per burst for even ants; odd ants take twice as many */

static uint8_t grid[H][W];

struct ant {
    int x, y, dir;        /* dir: 0 = north, 1 = east, 2 = south, 3 = west */
    int ncolors;
    int8_t turn[16];      /* +1 = right, -1 = left, 2 = u-turn, 0 = straight */
    uint64_t visits;
};

static const char *const rules[NANTS] = {
    "RL", "RLR", "LLRR", "LRRRRRLLR", "RRLLLRLLLRRR", "RRLRLLRLRR", "LRRRRLLLRRR", "RLLN",
};

static const int dx[4] = {0, 1, 0, -1};
static const int dy[4] = {-1, 0, 1, 0};

static void init_ant(struct ant *a, int idx) {
    const char *r = rules[idx];
    a->ncolors = (int)strlen(r);
    for (int i = 0; i < a->ncolors; i++) {
        switch (r[i]) {
        case 'R': a->turn[i] = 1; break;
        case 'L': a->turn[i] = -1; break;
        case 'U': a->turn[i] = 2; break;
        default: a->turn[i] = 0; break;
        }
    }
    a->x = (W / 4) + (idx % 4) * (W / 8);
    a->y = (H / 4) + (idx / 4) * (H / 2);
    a->dir = idx & 3;
    a->visits = 0;
}

/* Advance one ant by n steps.  Colours left by other ants that exceed this
   ant's palette are folded into it with a modulo. */
static void run_ant(struct ant *a, long n) {
    int x = a->x, y = a->y, dir = a->dir, nc = a->ncolors;
    uint64_t visits = a->visits;
    for (long i = 0; i < n; i++) {
        int c = grid[y][x];
        if (c >= nc)
            c %= nc;
        dir = (dir + a->turn[c] + 4) & 3;
        grid[y][x] = (uint8_t)(c + 1 == nc ? 0 : c + 1);
        visits += (uint64_t)c;
        x = (x + dx[dir]) & (W - 1);
        y = (y + dy[dir]) & (H - 1);
    }
    a->x = x;
    a->y = y;
    a->dir = dir;
    a->visits = visits;
}

static uint64_t grid_hash(void) {
    uint64_t h = 1469598103934665603ull;
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++)
            h = (h ^ grid[y][x]) * 1099511628211ull;
    return h;
}

int main(void) {
    struct ant ants[NANTS];
    for (int i = 0; i < NANTS; i++)
        init_ant(&ants[i], i);

    uint64_t epoch_mix = 0;
    for (int e = 0; e < EPOCHS; e++) {
        /* ants take turns in short bursts so they interact on the grid */
        for (int burst = 0; burst < BURSTS_PER_EPOCH; burst++)
            for (int i = 0; i < NANTS; i++)
                run_ant(&ants[i], BURST * (1 + (i & 1)));
        uint64_t pos = 0;
        for (int i = 0; i < NANTS; i++)
            pos = pos * 1000003u + (uint64_t)(ants[i].x * H + ants[i].y);
        epoch_mix = (epoch_mix ^ pos) * 0x100000001b3ull;
        if ((e & 15) == 15)
            printf("epoch %d: positions hash %llu\n", e + 1, (unsigned long long)pos);
    }

    uint64_t hist[16] = {0};
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++)
            hist[grid[y][x] & 15]++;
    uint64_t visits = 0;
    for (int i = 0; i < NANTS; i++)
        visits += ants[i].visits;
    uint64_t gh = grid_hash();
    printf("colour histogram: %llu %llu %llu %llu\n", (unsigned long long)hist[0],
           (unsigned long long)hist[1], (unsigned long long)hist[2], (unsigned long long)hist[3]);
    printf("visits sum: %llu\n", (unsigned long long)visits);
    printf("grid hash: %llu, epoch mix: %llu\n", (unsigned long long)gh, (unsigned long long)epoch_mix);
    return (int)((gh ^ epoch_mix) % 101u);
}
