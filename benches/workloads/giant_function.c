/* workload: giant-function | large_module's 2,200 small functions (loops among them) called in a chain from main, where clang -O1 inlines them all: one giant function, compiled once */
#include <stdint.h>

#define FN static uint32_t
#define main large_module_main
#include "large_module.c"
#undef main

#define CHAIN(S)                                                                                       \
    h = f##S##_0(h) + f##S##_1(h ^ 1u);                                                                \
    h ^= f##S##_2(h) + f##S##_3(h) + f##S##_4(h) + f##S##_5(h) + f##S##_6(h) + f##S##_7(h) + f##S##_8(h); \
    h += f##S##_9(h);

int main(int argc, char **argv) {
    (void)argv;
    uint32_t h = 0x12345678u + (uint32_t)argc;
    ALL(CHAIN)
    printf("hash: %u\n", (unsigned)h);
    return (int)(h % 101u);
}
