/* workload: threads | 4 pthreads call the same two small functions in tight loops (one shared entry counter each in tier 0) */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define NTHREADS 4
#define CALLS 20000000

/* Two small callees, kept out of line so every iteration is a call. */
__attribute__((noinline)) static uint32_t step(uint32_t x, uint32_t k) {
    x ^= x << 13;
    x ^= x >> 17;
    return x ^ (x << 5) ^ k;
}

__attribute__((noinline)) static uint64_t fold(uint64_t acc, uint32_t x) {
    return acc * 31u + (x & 0xffu);
}

struct task {
    uint32_t seed;
    uint64_t result;
};

static void *worker(void *arg) {
    struct task *t = arg;
    uint32_t x = t->seed;
    uint64_t acc = 0;
    for (int i = 0; i < CALLS; i++) {
        x = step(x, (uint32_t)i);
        acc = fold(acc, x);
    }
    t->result = acc ^ x;
    return 0;
}

int main(void) {
    pthread_t th[NTHREADS];
    struct task tasks[NTHREADS];
    for (int i = 0; i < NTHREADS; i++) {
        tasks[i].seed = 0x9e3779b9u * (uint32_t)(i + 1);
        tasks[i].result = 0;
        if (pthread_create(&th[i], 0, worker, &tasks[i]) != 0)
            return 1;
    }
    uint64_t combined = 0;
    for (int i = 0; i < NTHREADS; i++) {
        pthread_join(th[i], 0);
        combined = combined * 1000003u ^ tasks[i].result;
        printf("thread %d: %llu\n", i, (unsigned long long)tasks[i].result);
    }
    printf("combined: %llu\n", (unsigned long long)combined);
    return 0;
}
