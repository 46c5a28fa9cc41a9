/* A program that overflows its stack: killed by SIGSEGV, as natively, in every mode (after what it flushed) */
#include <stdio.h>

__attribute__((noinline)) static long deeper(long n, long limit) {
    volatile char pad[512];
    pad[n & 511] = (char)n;
    if (n == limit)
        return 0;
    return deeper(n + 1, limit) + pad[(n * 7) & 511];
}

int main(int argc, char **argv) {
    (void)argv;
    printf("recursing\n");
    fflush(stdout);
    return (int)deeper(0, 1000000000L + argc);
}
