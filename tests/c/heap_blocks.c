/* heap blocks reused: malloc/calloc/realloc/free of every small size, blocks freed by other threads, strdup, malloc_trim */
#include <malloc.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t seed = 12345;
static uint32_t next(void) {
    seed = seed * 1103515245u + 12345u;
    return seed >> 8;
}

/* Fills a block with a pattern derived from its size and a tag; checks it later. */
static void fill(unsigned char *p, size_t n, unsigned tag) {
    for (size_t i = 0; i < n; i++) p[i] = (unsigned char)(i * 31 + n + tag);
}
static int intact(const unsigned char *p, size_t n, unsigned tag) {
    for (size_t i = 0; i < n; i++)
        if (p[i] != (unsigned char)(i * 31 + n + tag)) return 0;
    return 1;
}

#define SLOTS 512
static unsigned char *slot[SLOTS];
static size_t size_of[SLOTS];

/* Random churn: every step frees or allocates a slot, checking the block it frees. */
static long churn(int steps, size_t max) {
    long bad = 0, sum = 0;
    for (int s = 0; s < steps; s++) {
        int k = next() % SLOTS;
        if (slot[k]) {
            bad += !intact(slot[k], size_of[k], k);
            sum += size_of[k];
            free(slot[k]);
            slot[k] = 0;
        } else {
            size_t n = next() % (max + 1);
            int how = next() % 4;
            if (how == 0) {
                slot[k] = calloc(1, n);
                for (size_t i = 0; i < n; i++) bad += slot[k][i] != 0;
            } else if (how == 1 && n > 0) {
                /* Grow a smaller block into this size: the old contents move with it. */
                size_t m = n / 2;
                unsigned char *p = malloc(m);
                fill(p, m, 7);
                p = realloc(p, n);
                bad += !intact(p, m, 7);
                slot[k] = p;
            } else {
                slot[k] = malloc(n);
            }
            if (n > 0) bad += malloc_usable_size(slot[k]) < n;
            size_of[k] = n;
            fill(slot[k], n, k);
        }
    }
    for (int k = 0; k < SLOTS; k++) {
        if (slot[k]) {
            bad += !intact(slot[k], size_of[k], k);
            free(slot[k]);
            slot[k] = 0;
        }
    }
    return bad * 1000000 + sum % 1000000;
}

/* Blocks allocated by one thread and freed by another, both ending with blocks they freed. */
#define HANDED 20000
static void *handed[HANDED];

static void *make(void *arg) {
    size_t base = (size_t)arg;
    for (int i = 0; i < HANDED; i++) {
        size_t n = base + (size_t)(i % 200);
        handed[i] = malloc(n);
        fill(handed[i], n, 3);
        void *scratch = malloc(n * 2);
        free(scratch);
    }
    return 0;
}

static void *release(void *arg) {
    size_t base = (size_t)arg;
    long bad = 0;
    for (int i = 0; i < HANDED; i++) {
        bad += !intact(handed[i], base + (size_t)(i % 200), 3);
        free(handed[i]);
    }
    return (void *)bad;
}

int main(void) {
    long a = churn(200000, 64);
    long b = churn(100000, 1100);
    printf("small churn %ld\n", a);
    printf("mixed churn %ld\n", b);

    pthread_t t;
    void *bad;
    pthread_create(&t, 0, make, (void *)24);
    pthread_join(t, 0);
    pthread_create(&t, 0, release, (void *)24);
    pthread_join(t, &bad);
    printf("handed between threads: %ld bad\n", (long)bad);

    /* The C library frees what the program allocated, and the program frees what the C library allocated. */
    long dup = 0;
    for (int i = 0; i < 1000; i++) {
        char text[64];
        snprintf(text, sizeof text, "line %d of many", i);
        char *copy = strdup(text);
        dup += strlen(copy);
        free(copy);
        char *own = malloc(40);
        strcpy(own, text);
        char *grown = realloc(own, 4000);
        dup += strcmp(grown, text) == 0;
        free(grown);
    }
    printf("strdup and realloc %ld\n", dup);

    /* A block freed after malloc_trim is reused like any other. */
    void *x = malloc(100);
    free(x);
    malloc_trim(0);
    unsigned char *y = malloc(100);
    fill(y, 100, 9);
    printf("after trim %d\n", intact(y, 100, 9));
    free(y);

    /* Zero-sized requests give distinct, freeable blocks. */
    void *z1 = malloc(0), *z2 = malloc(0);
    printf("zero-sized distinct %d\n", z1 != z2 && z1 && z2);
    free(z1);
    free(z2);
    free(0);
    return (int)((a + b + dup) % 97);
}
