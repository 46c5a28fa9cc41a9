/* exercises: asynchronous cancellation of threads spinning in hot loops (pthread_cleanup_push: a setjmp whose values must survive the second return, unwinding from a signal at any instruction) */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
static volatile long progress[4];
static long cleaned;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static void cleanup(void *arg) { pthread_mutex_lock(&mu); cleaned += (long)arg; pthread_mutex_unlock(&mu); }
__attribute__((noinline)) static long mix(long x, long i) { return (x * 6364136223846793005L + i) ^ (x >> 13); }
static void *spin(void *arg) {
    long id = (long)arg;
    pthread_setcanceltype(PTHREAD_CANCEL_ASYNCHRONOUS, NULL);
    pthread_cleanup_push(cleanup, (void *)(id + 1));
    long x = id;
    for (long i = 0; x != -1; i++) { x = mix(x, i); if ((i & 0xffff) == 0) progress[id] = i + 1; }
    pthread_cleanup_pop(0);
    return NULL;
}
int main(void) {
    pthread_t t[4];
    for (long i = 0; i < 4; i++) pthread_create(&t[i], NULL, spin, (void *)i);
    for (int i = 0; i < 4; i++) while (progress[i] < 4000000) usleep(1000);
    for (int i = 0; i < 4; i++) pthread_cancel(t[i]);
    int canceled = 0;
    for (int i = 0; i < 4; i++) { void *r; pthread_join(t[i], &r); canceled += r == PTHREAD_CANCELED; }
    printf("%d %ld\n", canceled, cleaned);
    printf("%d\n", canceled * 10 + (int)cleaned);
    return canceled * 10 + (int)cleaned;
}
