/* _Thread_local variables (initialized scalars, arrays, structs) read and written by several threads through hot helper functions */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

struct tally {
    uint32_t count;
    uint64_t sum;
    char tag[8];
};

static _Thread_local uint32_t rng = 2463534242u;
static _Thread_local int history[16] = {1, 2, 3};
static _Thread_local struct tally mine = {0, 0, "init"};
_Thread_local long exported_depth = -1;

static uint32_t next_random(void) {
    uint32_t x = rng;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    rng = x;
    return x;
}

static void record(int v) {
    history[mine.count % 16] += v;
    mine.count++;
    mine.sum += (uint64_t)v;
}

static int *history_of_this_thread(void) { return history; }

struct job {
    uint32_t seed;
    int rounds;
    uint64_t result;
};

static void *worker(void *arg) {
    struct job *j = arg;
    rng ^= j->seed;
    exported_depth = j->rounds;
    mine.tag[0] = (char)('A' + j->seed % 26);
    for (int i = 0; i < j->rounds; i++)
        record((int)(next_random() % 1000u));
    int *h = history_of_this_thread();
    uint64_t folded = 0;
    for (int i = 0; i < 16; i++)
        folded = folded * 131u + (uint64_t)h[i];
    j->result = folded ^ mine.sum ^ (uint64_t)mine.count ^ (uint64_t)exported_depth ^ (uint64_t)mine.tag[0];
    return NULL;
}

int main(void) {
    struct job jobs[4] = {{11u, 5000, 0}, {23u, 7000, 0}, {37u, 3000, 0}, {41u, 9000, 0}};
    pthread_t threads[4];
    for (int i = 0; i < 4; i++)
        if (pthread_create(&threads[i], NULL, worker, &jobs[i]) != 0)
            return 99;
    for (int i = 0; i < 4; i++)
        pthread_join(threads[i], NULL);
    uint64_t all = 0;
    for (int i = 0; i < 4; i++) {
        printf("thread %d: %llu\n", i, (unsigned long long)jobs[i].result);
        all ^= jobs[i].result;
    }
    /* the main thread's copies are untouched by the workers */
    printf("main: rng %u history %d %d %d count %u tag %s depth %ld\n", rng, history[0], history[1], history[2],
           mine.count, mine.tag, exported_depth);
    record(5);
    printf("main after record: %d %u\n", history[0], mine.count);
    return (int)(all % 101u);
}
