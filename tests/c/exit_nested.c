/* exercises: terminating the program with exit(N) from a nested function call (buffered stdout must be flushed by exit) */
#include <stdio.h>
#include <stdlib.h>

static int depth_reached;

static void level3(int v) {
    depth_reached = 3;
    printf("level3 v=%d\n", v);
    if (v > 10) { printf("exiting at depth %d with %d\n", depth_reached, v * 7 % 100); exit(v * 7 % 100); }
    printf("not reached for big v\n");
}

static int level2(int v) { depth_reached = 2; printf("level2 v=%d\n", v); level3(v * 3); return v; }

static int level1(int v) {
    depth_reached = 1;
    printf("level1 v=%d\n", v);
    int r = 0;
    for (int i = 0; i < 5; i++) r += level2(v + i);
    return r;
}

int main(void) {
    printf("start\n");
    int r = level1(1);
    printf("main end r=%d (not reached)\n", r);
    return 0;
}
