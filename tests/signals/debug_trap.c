// __builtin_debugtrap raises SIGTRAP and execution goes on after it once the handler returns; __builtin_trap
// raises SIGILL
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static volatile sig_atomic_t traps;
static sigjmp_buf resume;

static void on_trap(int sig) { traps += sig == SIGTRAP; }
static void on_ill(int sig) { siglongjmp(resume, sig); }

__attribute__((noinline)) static int checked_step(int x) {
    if (x % 3 == 0) __builtin_debugtrap();
    return x * 2 + 1;
}

__attribute__((noinline)) static int must_not_happen(int x) {
    if (x > 5) __builtin_trap();
    return x;
}

int main(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on_trap;
    sigaction(SIGTRAP, &sa, 0);
    sa.sa_handler = on_ill;
    sigaction(SIGILL, &sa, 0);
    int sum = 0;
    for (int i = 0; i < 10; ++i) sum += checked_step(i);
    printf("sum %d after %d debug traps\n", sum, (int)traps);
    int sig = sigsetjmp(resume, 1);
    if (sig == 0) {
        printf("no trap: %d\n", must_not_happen(9));
    } else {
        printf("trap raised %s\n", sig == SIGILL ? "SIGILL" : "another signal");
    }
    return traps;
}
