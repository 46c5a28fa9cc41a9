// A signal handler running on a 16 KB alternate signal stack makes the first call of a function (under the JIT:
// the function's compile, which needs far more stack than the handler's).
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((noinline)) static long work(long n) {
    long sum = 0;
    for (long i = 0; i < n; i++) {
        switch (i % 4) {
        case 0: sum += i * i % 7; break;
        case 1: sum ^= i; break;
        case 2: sum -= i / 3; break;
        default: sum += 11; break;
        }
    }
    return sum;
}

static volatile long result;
static volatile int on_alternate_stack;

static void handler(int sig) {
    (void)sig;
    stack_t now;
    sigaltstack(NULL, &now);
    on_alternate_stack = (now.ss_flags & SS_ONSTACK) != 0;
    result = work(1000);
}

int main(void) {
    stack_t ss;
    ss.ss_sp = malloc(16384);
    ss.ss_size = 16384;
    ss.ss_flags = 0;
    if (sigaltstack(&ss, NULL) != 0) return 2;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sa.sa_flags = SA_ONSTACK;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    printf("handler on the alternate stack: %s, computed %ld\n", on_alternate_stack ? "yes" : "no", result);
    return (int)(result % 50);
}
