/* pthread_exit unwinds a thread through frames with cleanup variables: with -fexceptions each frame's cleanup runs (a forced unwind through landing pads of __gcc_personality_v0), without it none does */
#include <pthread.h>
#include <stdio.h>
static int cleaned = 0;
static void done(int *p) { cleaned += *p; }
static void deep(int n) {
    int w __attribute__((cleanup(done))) = n;
    if (n == 0) pthread_exit((void *)42);
    deep(n - 1);
    w += 0;
}
static void *body(void *arg) {
    int outer __attribute__((cleanup(done))) = 1000;
    deep((int)(long)arg);
    return 0;
}
int main(void) {
    for (int i = 0; i < 5; i++) {
        pthread_t t;
        void *ret;
        pthread_create(&t, 0, body, (void *)(long)(i + 3));
        pthread_join(t, &ret);
        printf("thread %d returned %ld, cleaned %d\n", i, (long)ret, cleaned);
    }
    return cleaned % 100;
}
