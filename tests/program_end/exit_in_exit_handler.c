// An atexit handler that calls exit(7): the handlers registered before it and the static destructor still run,
// and the process exits with 7, not main's 3.
#include <stdio.h>
#include <stdlib.h>

static void registered_first(void) { printf("registered first, runs last of the handlers\n"); }
static void calls_exit(void) {
    printf("calls exit(7)\n");
    exit(7);
}
static void registered_last(void) { printf("registered last, runs first\n"); }
__attribute__((destructor)) static void destructor(void) { printf("destructor\n"); }

int main(void) {
    atexit(registered_first);
    atexit(calls_exit);
    atexit(registered_last);
    printf("main returns 3\n");
    return 3;
}
