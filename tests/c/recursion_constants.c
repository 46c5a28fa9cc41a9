/* Recursive static functions whose every call passes the same constant at one position (a board size, a limit, a
   flag), passed on unchanged by the recursion, beside a parameter that is reassigned and one that varies. */
#include <stdio.h>

static int queens(int row, int n, unsigned cols, unsigned d1, unsigned d2) {
    if (row == n)
        return 1;
    int count = 0;
    for (int c = 0; c < n; c++) {
        unsigned cm = 1u << c, a = 1u << (row + c), b = 1u << (row - c + n - 1);
        if ((cols & cm) || (d1 & a) || (d2 & b))
            continue;
        count += queens(row + 1, n, cols | cm, d1 | a, d2 | b);
    }
    return count;
}

/* `limit` is the same everywhere; `step` is reassigned inside, so its calls pass a changed value. */
static long walk(int depth, int limit, int step, int flag) {
    if (depth >= limit)
        return flag ? step : -step;
    long sum = 0;
    for (int k = 0; k < limit - depth; k++) {
        step = step * 3 + k;
        step &= 1023;
        sum += walk(depth + 1, limit, step, flag);
    }
    return sum + depth;
}

static unsigned long long hanoi(int disks, char from, char to, char via, unsigned long long *moves) {
    if (disks == 0)
        return 0;
    unsigned long long h = hanoi(disks - 1, from, via, to, moves);
    ++*moves;
    h = h * 31 + (unsigned long long)(from * 7 + to);
    return h + hanoi(disks - 1, via, to, from, moves);
}

int main(void) {
    int q = queens(0, 7, 0, 0, 0);
    printf("queens %d\n", q);
    long w = walk(0, 6, 1, 1);
    printf("walk %ld\n", w);
    unsigned long long moves = 0;
    unsigned long long h = hanoi(16, 'a', 'c', 'b', &moves);
    printf("hanoi %llu moves %llu\n", h, moves);
    return (int)((q + w + (long)(h % 97)) % 101);
}
