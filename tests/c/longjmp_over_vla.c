// longjmp out of nested frames holding variable-length arrays, many times over: the space of the frames it
// skips is reclaimed
#include <setjmp.h>
#include <stdio.h>

static jmp_buf back;

__attribute__((noinline)) static int dig(int depth, int n, int k) {
    volatile char buf[n];
    buf[0] = (char)(depth + k);
    buf[n / 2] = (char)(depth * 3 + k);
    buf[n - 1] = (char)(depth * 5 + k);
    if (depth == 0) {
        if (k % 2) longjmp(back, buf[n - 1] | 1);
        return buf[0];
    }
    return dig(depth - 1, n, k) + buf[n / 2];
}

int main(void) {
    long sum = 0;
    int jumps = 0;
    // 15,000 jumps over three frames of 4 KiB each: 180 MB if the space were never reclaimed.
    for (int k = 0; k < 30000; ++k) {
        int v = setjmp(back);
        if (v == 0) {
            sum += dig(2, 4096, k);
        } else {
            ++jumps;
            sum += v;
        }
    }
    printf("jumps %d\n", jumps);
    printf("sum %ld\n", sum);
    return jumps % 89;
}
