/* exit-time order: atexit handlers (registered by main, then by a constructor) run before static destructors */
#include <stdio.h>
#include <stdlib.h>

static int order[8];
static int count = 0;

static void from_ctor(void) {
    order[count++] = 2;
    printf("atexit handler registered by a constructor (after %d earlier)\n", count - 1);
}

static void from_main(void) {
    order[count++] = 1;
    printf("atexit handler registered by main (after %d earlier)\n", count - 1);
}

__attribute__((constructor)) static void ctor(void) {
    printf("constructor\n");
    atexit(from_ctor);
}

__attribute__((destructor)) static void dtor(void) {
    order[count++] = 3;
    printf("destructor (after %d earlier), order %d%d%d\n", count - 1, order[0], order[1], order[2]);
}

int main(void) {
    printf("main\n");
    atexit(from_main);
    return 3;
}
