// First calls made on small stacks: threads created with 32 KB stacks and a ucontext coroutine on a 32 KB stack
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <ucontext.h>

#define SMALL_STACK (32 * 1024)

// A function of some size (loops, a switch, many values), called for the first time on a small stack.
__attribute__((noinline)) static unsigned long mix(unsigned long x, int rounds) {
    unsigned long a = x, b = x * 3 + 1, c = x ^ 0x5a5a, d = 7;
    for (int i = 0; i < rounds; i++) {
        a += b * i;
        b ^= c + i;
        c -= a >> 3;
        if (a & 1)
            d += b % 17;
        else
            d ^= c % 13;
        switch (i % 6) {
        case 0: a = a * 31 + d; break;
        case 1: b = (b << 3) ^ (b >> 5); break;
        case 2: c += a ^ d; break;
        case 3: d = d * 5 + 1; break;
        case 4: a ^= b; break;
        default: b += c; break;
        }
    }
    return (a + b + c + d) & 0xffffff;
}

__attribute__((noinline)) static unsigned long fold(const unsigned long *v, int n) {
    unsigned long s = 0;
    for (int i = 0; i < n; i++) s = s * 33 + (v[i] ^ (s >> 7));
    return s & 0xffffff;
}

__attribute__((noinline)) static unsigned long walk(int depth, unsigned long seed) {
    if (depth == 0) return mix(seed, 50);
    return walk(depth - 1, seed * 3 + depth) ^ depth;
}

static void *thread_main(void *arg) {
    unsigned long id = (unsigned long)arg, v[16];
    for (int i = 0; i < 16; i++) v[i] = mix(id * 16 + i, 20 + i);
    unsigned long *out = malloc(sizeof *out);
    *out = fold(v, 16) ^ walk(20, id);
    return out;
}

static ucontext_t main_context, coroutine_context;
static unsigned long coroutine_result;

static void coroutine(void) {
    unsigned long v[8];
    for (int i = 0; i < 8; i++) v[i] = walk(10, i) + mix(i, 7);
    coroutine_result = fold(v, 8);
    swapcontext(&coroutine_context, &main_context);
}

int main(void) {
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    if (pthread_attr_setstacksize(&attr, SMALL_STACK) != 0) return 2;
    pthread_t threads[4];
    for (long i = 0; i < 4; i++)
        if (pthread_create(&threads[i], &attr, thread_main, (void *)i) != 0) return 3;
    unsigned long total = 0;
    for (int i = 0; i < 4; i++) {
        void *r;
        pthread_join(threads[i], &r);
        printf("thread %d: %lu\n", i, *(unsigned long *)r);
        total ^= *(unsigned long *)r;
        free(r);
    }
    char *stack = malloc(SMALL_STACK);
    getcontext(&coroutine_context);
    coroutine_context.uc_stack.ss_sp = stack;
    coroutine_context.uc_stack.ss_size = SMALL_STACK;
    coroutine_context.uc_link = &main_context;
    makecontext(&coroutine_context, coroutine, 0);
    swapcontext(&main_context, &coroutine_context);
    printf("coroutine: %lu\n", coroutine_result);
    free(stack);
    return (int)((total ^ coroutine_result) % 101);
}
