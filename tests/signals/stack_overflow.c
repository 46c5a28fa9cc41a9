/* A program that overflows its stack: killed by SIGSEGV, as natively, in every mode (after what it flushed) */
#include <stdio.h>
#include <sys/resource.h>

__attribute__((noinline)) static long deeper(long n, long limit) {
    volatile char pad[512];
    pad[n & 511] = (char)n;
    if (n == limit)
        return 0;
    return deeper(n + 1, limit) + pad[(n * 7) & 511];
}

int main(int argc, char **argv) {
    (void)argv;
    struct rlimit no_core = {0, 0};
    setrlimit(RLIMIT_CORE, &no_core);
    /* An unlimited stack would grow into gigabytes first: at most 8 MB, the usual limit. */
    struct rlimit limit;
    if (getrlimit(RLIMIT_STACK, &limit) == 0 && (limit.rlim_cur == RLIM_INFINITY || limit.rlim_cur > (8u << 20))) {
        limit.rlim_cur = 8u << 20;
        setrlimit(RLIMIT_STACK, &limit);
    }
    printf("recursing\n");
    fflush(stdout);
    return (int)deeper(0, 1000000000L + argc);
}
