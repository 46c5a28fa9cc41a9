/* main -> outer -> middle -> leaf, each call through a volatile function pointer (no tier can inline it) and
 * each result used (no tail call drops a frame). With an argument, the last call stores through address 8: a
 * SIGSEGV three frames deep, on the line marked CRASH. Exit code 0 without argument. */
typedef int (*step_fn)(int *, int);

static int leaf(int *p, int v) {
    *(volatile int *)p = v; /* CRASH */
    return v + 3;
}

static int middle(int *p, int v) {
    static step_fn volatile next = leaf;
    return next(p, v * 5) ^ v;
}

static int outer(int *p, int v) {
    static step_fn volatile next = middle;
    return next(p, v + 7) - v;
}

int main(int argc, char **argv) {
    (void)argv;
    static step_fn volatile first = outer;
    int slot = 0, acc = 0;
    for (int i = 0; i < 300000; i++)
        acc += first(&slot, i);
    if (argc > 1)
        return first((int *)8, acc);
    return 0;
}
