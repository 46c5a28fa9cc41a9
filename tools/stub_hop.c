/* What a stub hop costs a polymorphic call: expression trees (five node kinds, every call site sees all five)
 * evaluated through function pointers that are
 *   0  the functions themselves,
 *   1  stubs like the function table's (`endbr64; mov r11d, id; jmp [rip+slot]`),
 *   2  stubs that jump straight to the function (`jmp rel32`, as a patched stub would),
 *   3  the stubs of 1, but each call site checks whether the pointer is a stub and calls its slot's content.
 * Build and run: clang-19 -O2 -no-pie -o /tmp/stub_hop tools/stub_hop.c && for m in 0 1 2 3; do /tmp/stub_hop $m; done
 * Prints the mode, a checksum (the same in every mode) and the seconds the evaluation took. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

typedef long (*fn)(long, void *);
struct node { fn f; struct node *a, *b; long v; };

static uintptr_t stubs;      /* first stub */
static uint64_t *slots;      /* slot i holds function i */
static int check_at_call;    /* mode 3 */
enum { KINDS = 5, STUB = 16 };

static inline __attribute__((always_inline)) long call(fn g, long x, void *p) {
    if (check_at_call) {
        uintptr_t offset = (uintptr_t)g - stubs;
        if (__builtin_expect(offset < KINDS * STUB, 1)) g = (fn)slots[offset / STUB];
    }
    return g(x, p);
}

__attribute__((noinline)) static long add(long x, void *p) { struct node *n = p; return call(n->a->f, x, n->a) + call(n->b->f, x, n->b); }
__attribute__((noinline)) static long mul(long x, void *p) { struct node *n = p; return call(n->a->f, x, n->a) * call(n->b->f, x, n->b) % 1000003; }
__attribute__((noinline)) static long neg(long x, void *p) { struct node *n = p; return -call(n->a->f, x, n->a); }
__attribute__((noinline)) static long var(long x, void *p) { (void)p; return x; }
__attribute__((noinline)) static long constant(long x, void *p) { (void)x; return ((struct node *)p)->v; }

static fn kinds[KINDS] = {add, mul, neg, var, constant};
static fn as_value[KINDS];
static unsigned seed = 42;

static struct node *build(int depth) {
    struct node *n = calloc(1, sizeof *n);
    seed = seed * 1103515245u + 12345u;
    int k = depth == 0 ? 3 + (seed >> 16) % 2 : (seed >> 16) % 3;
    n->f = as_value[k];
    n->v = (seed >> 8) % 100;
    if (k < 3) {
        n->a = build(depth - 1);
        if (k < 2) n->b = build(depth - 1);
    }
    return n;
}

int main(int argc, char **argv) {
    int mode = argc > 1 ? atoi(argv[1]) : 0;
    check_at_call = mode == 3;
    /* Near the program's code, so that a rel32 jump reaches it. */
    void *hint = (void *)(((uintptr_t)add & ~(uintptr_t)0xfff) + 0x1000000);
    uint8_t *page = mmap(hint, 2 * 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED) return 2;
    stubs = (uintptr_t)page;
    slots = (uint64_t *)(page + 4096);
    for (int i = 0; i < KINDS; i++) {
        uint8_t *s = page + i * STUB;
        slots[i] = (uint64_t)kinds[i];
        memcpy(s, "\xf3\x0f\x1e\xfa\x41\xbb", 6); /* endbr64; mov r11d, imm32 */
        memcpy(s + 6, &i, 4);
        if (mode == 2) {
            int64_t d = (int64_t)(intptr_t)kinds[i] - (int64_t)(intptr_t)(s + STUB);
            int32_t d32 = (int32_t)d;
            if (d != d32) { fprintf(stderr, "the stubs are too far from the code for a rel32 jump\n"); return 2; }
            s[10] = 0x90; s[11] = 0xe9; memcpy(s + 12, &d32, 4); /* nop; jmp rel32 */
        } else {
            int32_t d32 = (int32_t)((uint8_t *)&slots[i] - (s + STUB));
            s[10] = 0xff; s[11] = 0x25; memcpy(s + 12, &d32, 4); /* jmp [rip + disp32] */
        }
        as_value[i] = mode == 0 ? kinds[i] : (fn)s;
    }
    struct node *trees[8];
    for (int i = 0; i < 8; i++) trees[i] = build(10);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    long sum = 0;
    for (long x = 0; x < 40000; x++)
        for (int i = 0; i < 8; i++) sum = (sum + call(trees[i]->f, x, trees[i])) % 1000000007;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("mode %d checksum %ld %.3f s\n", mode, sum, (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
    return 0;
}
