/* recursion a hundred thousand calls deep through a function pointer, through a table of two functions, and mutual recursion between two functions, on an 8 MB stack */
#include <stdint.h>
#include <stdio.h>

#define DEPTH 100000

static int64_t (*volatile again)(int64_t n, int64_t acc);

/* Recurses through `again`, which points back at it: no direct call says so. */
static int64_t walk(int64_t n, int64_t acc) {
    if (n == 0)
        return acc;
    int64_t below = again(n - 1, acc + n % 7);
    return below ^ (n & 1);
}

static int64_t up(int64_t n, int64_t acc);
static int64_t down(int64_t n, int64_t acc);
static int64_t (*const steps[2])(int64_t, int64_t) = {up, down};

static int64_t up(int64_t n, int64_t acc) {
    if (n == 0)
        return acc;
    return steps[(n >> 2) & 1](n - 1, acc + 3) + 1;
}

static int64_t down(int64_t n, int64_t acc) {
    if (n == 0)
        return acc;
    return steps[(n >> 3) & 1](n - 1, acc * 3 % 1000003) - 1;
}

static int is_even(uint32_t n);

static int is_odd(uint32_t n) { return n == 0 ? 0 : is_even(n - 1); }

static int is_even(uint32_t n) { return n == 0 ? 1 : is_odd(n - 1); }

int main(void) {
    again = walk;
    int64_t w = walk(DEPTH, 0);
    int64_t t = up(DEPTH, 1);
    int e = is_even(DEPTH + 1);
    int o = is_odd(DEPTH - 1);
    printf("walk: %lld\n", (long long)w);
    printf("table: %lld\n", (long long)t);
    printf("even: %d odd: %d\n", e, o);
    return (int)((w ^ t) & 63) + e + 2 * o;
}
