// an integer division by zero nobody handles ends the process with SIGFPE
#include <stdio.h>
#include <sys/resource.h>

static volatile int zero = 0;

__attribute__((noinline)) static int ratio(int a, int b) { return a / b; }

int main(void) {
    struct rlimit no_core = {0, 0};
    setrlimit(RLIMIT_CORE, &no_core);
    printf("%d\n", ratio(10, 3));
    fflush(stdout);
    printf("%d\n", ratio(10, zero));
    return 0;
}
