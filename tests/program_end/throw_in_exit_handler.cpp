// An exit-time function (atexit) that lets an exception escape: std::terminate while exit runs it; the exit
// status is SIGABRT's, not main's 3.
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

static void at_exit() {
    printf("exit handler runs\n");
    fflush(stdout);
    throw std::runtime_error("thrown at exit");
}

struct Static {
    ~Static() {
        printf("static destructor\n");
        fflush(stdout);
    }
};

static Static s;

int main() {
    atexit(at_exit);
    printf("main returns 3\n");
    fflush(stdout);
    return 3;
}
