/* exercises: coroutines on swapcontext: hot functions whose frames wait on suspended coroutine stacks while they change tiers (their old code must stay: the stack scan cannot see those stacks), OSR inside coroutines */
#include <stdio.h>
#include <stdlib.h>
#include <ucontext.h>
#define NCO 4
static ucontext_t main_ctx, co_ctx[NCO];
static long results[NCO];
static int cur;
__attribute__((noinline)) static void yield_now(void) { swapcontext(&co_ctx[cur], &main_ctx); }
// A hot function whose frame stays on suspended coroutine stacks across yields.
__attribute__((noinline)) static long worker_step(long x, int k) {
    long s = x;
    for (int i = 0; i < 200; i++) s = s * 6364136223846793005L + i + k;
    if ((k & 15) == 0) yield_now();
    return s ^ (s >> 17);
}
__attribute__((noinline)) static long level2(long x, int k) { return worker_step(x, k) + 1; }
static void co_body(int id) {
    long x = id + 1;
    for (int k = 0; k < 20000; k++) x = level2(x, k);
    results[id] = x;
}
int main(void) {
    char *stacks[NCO];
    for (int i = 0; i < NCO; i++) {
        stacks[i] = malloc(256 * 1024);
        getcontext(&co_ctx[i]);
        co_ctx[i].uc_stack.ss_sp = stacks[i];
        co_ctx[i].uc_stack.ss_size = 256 * 1024;
        co_ctx[i].uc_link = &main_ctx;
        makecontext(&co_ctx[i], (void (*)(void))co_body, 1, i);
    }
    int live = NCO;
    int done[NCO] = {0};
    long rounds = 0;
    while (live > 0) {
        for (cur = 0; cur < NCO; cur++) {
            if (done[cur]) continue;
            swapcontext(&main_ctx, &co_ctx[cur]);
            rounds++;
            if (results[cur] != 0 && !done[cur]) { done[cur] = 1; live--; }
        }
    }
    long t = 0;
    for (int i = 0; i < NCO; i++) t ^= results[i];
    printf("%ld %ld\n", t, rounds);
    printf("%ld %ld\n", results[0] & 0xffff, results[NCO - 1] & 0xffff);
    return (int)(t & 63);
}
