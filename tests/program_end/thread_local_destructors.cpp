// thread_local objects with destructors: each thread's run when it ends, and the exiting thread's (main's) run
// when main returns, before the atexit handlers and the static destructors, as exit runs them.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

struct Static {
    ~Static() { printf("static destructor\n"); }
};
static Static s;

struct PerThread {
    std::string label = "unused";
    int uses = 0;
    ~PerThread() { printf("%s: thread_local destroyed after %d uses\n", label.c_str(), uses); }
};
thread_local PerThread mine;

// A second thread_local, first used after the first: destroyed before it.
struct Later {
    ~Later() { printf("%s: later thread_local destroyed\n", mine.label.c_str()); }
};
thread_local Later later;

static void use(const char *label, int n) {
    mine.label = label;
    for (int i = 0; i < n; i++) mine.uses++;
    (void)&later;
}

static void at_exit() { printf("atexit handler\n"); }

int main() {
    atexit(at_exit);
    for (int k = 1; k <= 2; k++) {
        std::thread t([k] { use(k == 1 ? "worker 1" : "worker 2", 10 * k); });
        t.join();
    }
    use("main", 5);
    printf("main returns\n");
    return 0;
}
