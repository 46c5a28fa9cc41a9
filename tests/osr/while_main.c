/* OSR: a single hot while-loop in main with several loop-carried values, including a pointer walking a table. */
#include <stdio.h>

static const unsigned table[16] = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3};

int main(void) {
    unsigned long long h = 1469598103934665603ULL;
    unsigned x = 12345;
    const unsigned *p = table;
    long n = 0;
    while (n < 250000000) {
        x = x * 1103515245u + 12345u;
        h = (h ^ (x >> 7) ^ *p) * 1099511628211ULL;
        p = (p == table + 15) ? table : p + 1;
        n++;
    }
    printf("h=%llu x=%u\n", h, x);
    return (int)(h % 100);
}
