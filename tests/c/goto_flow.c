/* exercises: goto - forward/backward jumps, breaking out of nested loops, cleanup-style error handling, goto-based loops */
#include <stdio.h>
#include <stdlib.h>

static int find_pair(const int *a, int n, int target, int *oi, int *oj) {
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++)
            if (a[i] + a[j] == target) { *oi = i; *oj = j; goto found; }
    return 0;
found:
    return 1;
}

static int process(int fail_at) {
    int rc = -1;
    char *a = NULL, *b = NULL, *c = NULL;
    a = malloc(16); if (!a || fail_at == 1) goto out;
    b = malloc(32); if (!b || fail_at == 2) goto free_a;
    c = malloc(64); if (!c || fail_at == 3) goto free_b;
    rc = 100 + fail_at;
    free(c);
free_b:
    free(b);
free_a:
    free(a);
out:
    printf("process(%d) -> %d\n", fail_at, rc);
    return rc;
}

static long collatz_goto(long n) {
    long steps = 0;
top:
    if (n == 1) goto done;
    if (n & 1) n = 3 * n + 1; else n /= 2;
    steps++;
    goto top;
done:
    return steps;
}

int main(void) {
    int a[] = {3, 9, 14, 2, 7, 21, 5, 11};
    int i = -1, j = -1;
    int f1 = find_pair(a, 8, 25, &i, &j);
    printf("pair 25: found=%d i=%d j=%d\n", f1, i, j);
    int f2 = find_pair(a, 8, 1000, &i, &j);
    printf("pair 1000: found=%d\n", f2);
    int total = 0;
    for (int k = 0; k <= 4; k++) total += process(k);
    printf("collatz(27)=%ld collatz(97)=%ld\n", collatz_goto(27), collatz_goto(97));
    int k = 0, acc = 0;
loop:
    acc += k * k;
    if (++k < 10) goto loop;
    printf("acc=%d total=%d\n", acc, total);
    return (acc + total) % 100;
}
