/* exercises: asynchronous cancellation of threads while they call many functions for the first time (cancelled at once, with pthread_cleanup_push handlers), then of threads spinning in loops */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

#define F(n) __attribute__((noinline)) static unsigned long f##n(unsigned long x) { return (x * (n * 2 + 1)) ^ (x >> (n % 7 + 1)); }
#define F10(d) F(d##0) F(d##1) F(d##2) F(d##3) F(d##4) F(d##5) F(d##6) F(d##7) F(d##8) F(d##9)
F10(1) F10(2) F10(3) F10(4) F10(5) F10(6) F10(7) F10(8)
#define C(n) f##n,
#define C10(d) C(d##0) C(d##1) C(d##2) C(d##3) C(d##4) C(d##5) C(d##6) C(d##7) C(d##8) C(d##9)
static unsigned long (*const table[])(unsigned long) = {C10(1) C10(2) C10(3) C10(4) C10(5) C10(6) C10(7) C10(8)};
#define NF (int)(sizeof table / sizeof table[0])
#define NT 4

static volatile int started[NT];
static volatile unsigned long sink[NT];
static long cleaned;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

static void cleanup(void *arg) {
    pthread_mutex_lock(&mu);
    cleaned += (long)arg;
    pthread_mutex_unlock(&mu);
}

static void *worker(void *arg) {
    long id = (long)arg;
    pthread_setcanceltype(PTHREAD_CANCEL_ASYNCHRONOUS, NULL);
    pthread_cleanup_push(cleanup, (void *)(id + 1));
    started[id] = 1;
    unsigned long x = (unsigned long)id + 1;
    /* Each thread makes its own share of first calls, then keeps calling them all until cancelled. */
    for (unsigned long round = 0; x != 0; round++)
        for (int i = 0; i < NF; i++) {
            x = table[(i * NT + id) % NF](x) | 1;
            sink[id] = x + round;
        }
    pthread_cleanup_pop(0);
    return NULL;
}

int main(void) {
    pthread_t t[NT];
    for (long i = 0; i < NT; i++) pthread_create(&t[i], NULL, worker, (void *)i);
    for (int i = 0; i < NT; i++) {
        while (!started[i]) usleep(50);
        usleep((useconds_t)(i * 300));
        pthread_cancel(t[i]);
    }
    int canceled = 0;
    for (int i = 0; i < NT; i++) {
        void *r;
        pthread_join(t[i], &r);
        canceled += r == PTHREAD_CANCELED;
    }
    printf("%d canceled, cleanup %ld\n", canceled, cleaned);
    return canceled * 10 + (int)cleaned;
}
