/* A switch whose case blocks only it leads to, and a branch inside one case taken one time in four: the branch's
   weights follow from the case's count, so they show whether tier 0 counted the switch's destinations. */
#include <stdio.h>

static volatile int sink;

__attribute__((noinline)) static void left(int i) { sink += i; }
__attribute__((noinline)) static void right(int i) { sink -= i; }
__attribute__((noinline)) static void other(int i) { sink ^= i; }

__attribute__((noinline)) static void classify(int i) {
    switch (i % 3) {
    case 0:
        other(i);
        break;
    case 1:
        if ((i / 3) % 4 == 0)
            left(i);
        else
            right(i);
        break;
    default:
        other(i + 1);
        break;
    }
}

int main(void) {
    for (int i = 0; i < 300000; i++)
        classify(i);
    printf("%d\n", sink);
    return 0;
}
