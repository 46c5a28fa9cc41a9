/* exercises: variable-length arrays in coroutines on swapcontext, live across switches between stacks at lower and higher addresses */
#include <stdio.h>
#include <stdlib.h>
#include <ucontext.h>
#define NCO 3
static ucontext_t main_ctx, co_ctx[NCO];
static long results[NCO];
static int cur;
__attribute__((noinline)) static void yield_now(void) { swapcontext(&co_ctx[cur], &main_ctx); }
__attribute__((noinline)) static long hold(int id, int n) {
    long buf[n];
    for (int i = 0; i < n; i++) buf[i] = id * 1000 + i;
    yield_now();
    long s = 0;
    for (int i = 0; i < n; i++) s += buf[i] * (i + 1);
    return s;
}
static void co_body(int id) {
    long t = 0;
    for (int k = 0; k < 50; k++) t += hold(id, 16 + (k % 5) * (id + 1));
    results[id] = t;
}
int main(void) {
    // Stacks at increasing and decreasing addresses.
    char *block = malloc(NCO * 256 * 1024);
    for (int i = 0; i < NCO; i++) {
        getcontext(&co_ctx[i]);
        co_ctx[i].uc_stack.ss_sp = block + (i == 1 ? 0 : i) * 256 * 1024 + (i == 0 ? 256 * 1024 : 0) % (NCO * 256 * 1024);
        co_ctx[i].uc_stack.ss_size = 256 * 1024;
        co_ctx[i].uc_link = &main_ctx;
        makecontext(&co_ctx[i], (void (*)(void))co_body, 1, i);
    }
    int done[NCO] = {0}, live = NCO;
    while (live > 0)
        for (cur = 0; cur < NCO; cur++) {
            if (done[cur]) continue;
            swapcontext(&main_ctx, &co_ctx[cur]);
            if (results[cur] && !done[cur]) { done[cur] = 1; live--; }
        }
    printf("%ld %ld %ld\n", results[0], results[1], results[2]);
    printf("%ld\n", (results[0] ^ results[1] ^ results[2]) % 1000);
    return (int)(results[2] % 97);
}
