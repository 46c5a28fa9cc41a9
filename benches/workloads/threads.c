/* workload: threads | 4 pthreads run the same hot mixing/stencil/histogram functions on disjoint slices; results combined in thread order */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define NTHREADS 4
#define SLICE (1 << 16)
#define PASSES 800

struct task {
    int id;
    uint32_t *data;
    uint32_t *tmp;
    uint64_t result;
    uint32_t hist[64];
};

static uint32_t data[NTHREADS][SLICE];
static uint32_t tmp[NTHREADS][SLICE];

/* hot function 1: per-element integer mixing, with a loop-carried dependency */
static uint32_t mix_pass(uint32_t *v, int n, uint32_t seed) {
    uint32_t carry = seed;
    for (int i = 0; i < n; i++) {
        uint32_t x = v[i] ^ carry;
        x ^= x >> 16;
        x *= 0x7feb352du;
        x ^= x >> 15;
        x *= 0x846ca68bu;
        x ^= x >> 16;
        v[i] = x;
        carry = carry * 0x9e3779b9u + (x & 0xffu);
    }
    return carry;
}

/* hot function 2: 5-point 1-D periodic stencil (n is a power of two) into tmp, copied back */
static void stencil_pass(uint32_t *v, uint32_t *t, int n) {
    for (int i = 0; i < n; i++) {
        uint32_t l2 = v[(i + n - 2) & (n - 1)], l1 = v[(i + n - 1) & (n - 1)];
        uint32_t r1 = v[(i + 1) & (n - 1)], r2 = v[(i + 2) & (n - 1)];
        uint64_t s = (uint64_t)l2 + 4u * (uint64_t)l1 + 6u * (uint64_t)v[i] + 4u * (uint64_t)r1 + r2;
        t[i] = (uint32_t)(s >> 4) ^ (uint32_t)i;
    }
    for (int i = 0; i < n; i++)
        v[i] = t[i];
}

/* hot function 3: histogram of the top 6 bits plus a running checksum */
static uint64_t histogram_pass(const uint32_t *v, int n, uint32_t *hist) {
    uint64_t sum = 0;
    for (int i = 0; i < n; i++) {
        hist[v[i] >> 26]++;
        sum += v[i] >> (i & 7);
    }
    return sum;
}

static void *worker(void *arg) {
    struct task *t = arg;
    uint32_t seed = 0x1234567u * (uint32_t)(t->id + 1);
    for (int i = 0; i < SLICE; i++) {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        t->data[i] = seed;
    }
    for (int b = 0; b < 64; b++)
        t->hist[b] = 0;
    uint64_t acc = 0;
    for (int p = 0; p < PASSES; p++) {
        uint32_t c = mix_pass(t->data, SLICE, (uint32_t)p * 31u + (uint32_t)t->id);
        stencil_pass(t->data, t->tmp, SLICE);
        uint64_t h = histogram_pass(t->data, SLICE, t->hist);
        acc = acc * 1000003u + h + c;
    }
    t->result = acc;
    return NULL;
}

int main(void) {
    struct task tasks[NTHREADS];
    pthread_t th[NTHREADS];
    for (int i = 0; i < NTHREADS; i++) {
        tasks[i].id = i;
        tasks[i].data = data[i];
        tasks[i].tmp = tmp[i];
        tasks[i].result = 0;
        if (pthread_create(&th[i], NULL, worker, &tasks[i]) != 0) {
            printf("pthread_create failed\n");
            return 100;
        }
    }
    for (int i = 0; i < NTHREADS; i++)
        pthread_join(th[i], NULL);

    uint64_t combined = 0;
    uint32_t hist_total[64] = {0};
    for (int i = 0; i < NTHREADS; i++) {
        printf("thread %d: %llu\n", i, (unsigned long long)tasks[i].result);
        combined = combined * 0x100000001b3ull + tasks[i].result;
        for (int b = 0; b < 64; b++)
            hist_total[b] += tasks[i].hist[b];
    }
    uint64_t hfold = 0;
    for (int b = 0; b < 64; b++)
        hfold = hfold * 31u + hist_total[b];
    printf("combined: %llu\n", (unsigned long long)combined);
    printf("histogram fold: %llu\n", (unsigned long long)hfold);
    return (int)((combined ^ hfold) % 101u);
}
