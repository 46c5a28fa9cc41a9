// An exception nothing catches, thrown three frames below main, each frame with a destructor that prints: the
// search for a handler finds none, so std::terminate runs before any frame is unwound (no destructor prints) and
// the program ends by SIGABRT.
#include <cstdio>
#include <stdexcept>

struct Noisy {
    const char *name;
    ~Noisy() {
        printf("destructor of %s\n", name);
        fflush(stdout);
    }
};

static int depth_reached = 0;

__attribute__((noinline)) static void thrower(int n) {
    Noisy here{"thrower"};
    depth_reached = n;
    if (n > 0) throw std::runtime_error("nobody catches this");
}

__attribute__((noinline)) static void middle(int n) {
    Noisy here{"middle"};
    try {
        thrower(n);
    } catch (const std::logic_error &) {
        printf("wrong handler\n");
    }
}

int main(int argc, char **) {
    Noisy here{"main"};
    // A caught exception first: handlers below the JIT boundary still work.
    try {
        thrower(argc);
    } catch (const std::exception &e) {
        printf("caught: %s\n", e.what());
    }
    printf("about to throw\n");
    fflush(stdout);
    middle(argc);
    printf("not reached\n");
    return 0;
}
