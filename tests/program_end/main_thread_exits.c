// main ends its thread with pthread_exit while two threads still work: the process lives on until they end, then
// exits with status 0 (running the exit-time functions), as when the last thread returns. The second worker
// ends by pthread_exit too.
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static atomic_int main_gone;
static atomic_int turn;

static void at_exit(void) { printf("exit handler after %d workers\n", atomic_load(&turn)); }

static void *worker(void *arg) {
    int id = (int)(long)arg;
    while (!atomic_load(&main_gone)) usleep(1000);
    // Workers print in order, the second after the first.
    while (atomic_load(&turn) != id) usleep(1000);
    usleep(20000);
    long sum = 0;
    for (long i = 0; i < 1000000; i++) sum += i % (id + 2);
    printf("worker %d: %ld\n", id, sum);
    fflush(stdout);
    atomic_store(&turn, id + 1);
    if (id == 1) pthread_exit(NULL);
    return NULL;
}

int main(void) {
    atexit(at_exit);
    pthread_t threads[2];
    for (long i = 0; i < 2; i++) pthread_create(&threads[i], NULL, worker, (void *)i);
    pthread_detach(threads[1]);
    printf("main leaves\n");
    fflush(stdout);
    atomic_store(&main_gone, 1);
    pthread_exit(NULL);
}
