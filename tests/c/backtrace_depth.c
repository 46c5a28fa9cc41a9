// backtrace() from a deep chain of calls sees every frame of the chain and main
#include <execinfo.h>
#include <stdio.h>

#define DEPTH 12

static int frames_seen;

__attribute__((noinline)) static int bottom(void) {
    void *buf[128];
    frames_seen = backtrace(buf, 128);
    return frames_seen > 0;
}

__attribute__((noinline)) static int chain(int n, volatile int *sink) {
    int r = n == 0 ? bottom() : chain(n - 1, sink);
    *sink += r;
    return r + 1;
}

int main(void) {
    volatile int sink = 0;
    int r = chain(DEPTH, &sink);
    // bottom, DEPTH + 1 frames of chain, main: anything shorter means the unwinder stopped inside the chain.
    int complete = frames_seen >= DEPTH + 3;
    printf("chain returned %d, sink %d\n", r, sink);
    printf("backtrace passes every frame: %s\n", complete ? "yes" : "no");
    return complete ? 3 + r % 2 : 1;
}
