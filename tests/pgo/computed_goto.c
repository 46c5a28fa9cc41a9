/* A threaded interpreter (computed goto: an `indirectbr` dispatch) whose handler for one operation takes a branch
   one time in four: the branch's weights show whether the function's profile reached its optimized code. */
#include <stdio.h>

static volatile long sink;

__attribute__((noinline)) static void left(long i) { sink += i; }
__attribute__((noinline)) static void right(long i) { sink -= i; }

__attribute__((noinline)) static long run(const unsigned char *code, long round) {
    static void *const ops[] = {&&add, &&test, &&end};
    long acc = 0;
    int pc = 0;
    goto *ops[code[pc]];
add:
    acc += pc + round;
    pc++;
    goto *ops[code[pc]];
test:
    if ((round + pc) % 4 == 0)
        left(pc);
    else
        right(pc);
    pc++;
    goto *ops[code[pc]];
end:
    return acc;
}

int main(void) {
    static const unsigned char code[] = {0, 1, 0, 0, 1, 0, 1, 2};
    long total = 0;
    for (long round = 0; round < 200000; round++)
        total += run(code, round);
    printf("%ld %ld\n", total, sink);
    return 0;
}
