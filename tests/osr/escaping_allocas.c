/* OSR: a loop in main whose local arrays and counters have their addresses passed to callees every iteration,
 * so the entry must keep using the original frame's memory. */
#include <stdio.h>
#include <string.h>

static void accumulate(long *acc, const int *v, int n) {
    for (int i = 0; i < n; i++)
        *acc += v[i] * (i + 1);
}

static void rotate(int *v, int n, int by) {
    int tmp[64];
    for (int i = 0; i < n; i++)
        tmp[(i + by) % n] = v[i];
    memcpy(v, tmp, sizeof(int) * (size_t)n);
}

static int bump(int *counter) {
    return ++*counter;
}

int main(void) {
    int values[48];
    long acc = 0;
    int steps = 0;
    char label[32];
    for (int i = 0; i < 48; i++)
        values[i] = (i * 37) % 101 - 50;
    for (int round = 0; round < 4000000; round++) {
        accumulate(&acc, values, 48);
        if (round % 3 == 0)
            rotate(values, 48, round % 47 + 1);
        values[round % 48] += bump(&steps) % 5 - 2;
        acc %= 1000000007L;
    }
    snprintf(label, sizeof label, "steps=%d", steps);
    printf("%s acc=%ld first=%d last=%d\n", label, acc, values[0], values[47]);
    return (int)(acc % 100);
}
