/* workload: recursive | naive fib, Ackermann, arena-allocated binary trees built and walked recursively, recursive N-queens and merge sort */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define FIB_N 38
#define ACK_M 3
#define ACK_N 10
#define TREE_DEPTH 18
#define TREE_ROUNDS 40
#define QUEENS_N 13
#define SORT_LEN 1000000

/* ---- naive Fibonacci ---- */
static uint64_t fib(int n) {
    if (n < 2)
        return (uint64_t)n;
    return fib(n - 1) + fib(n - 2);
}

/* ---- Ackermann ---- */
static uint64_t ack_calls;
static uint32_t ack(uint32_t m, uint32_t n) {
    ack_calls++;
    if (m == 0)
        return n + 1;
    if (n == 0)
        return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}

/* ---- binary trees in an arena ---- */
struct node {
    int32_t left, right; /* indices into the arena, -1 = none */
    uint32_t value;
};
static struct node *arena;
static int32_t arena_top;

static int32_t build(int depth, uint32_t seed) {
    int32_t me = arena_top++;
    arena[me].value = seed;
    if (depth == 0) {
        arena[me].left = arena[me].right = -1;
    } else {
        int32_t l = build(depth - 1, seed * 2654435761u + 1u);
        int32_t r = build(depth - 1, seed * 2246822519u + 7u);
        arena[me].left = l;
        arena[me].right = r;
    }
    return me;
}

static uint64_t walk(int32_t n, int depth) {
    if (n < 0)
        return 0;
    uint64_t here = (uint64_t)(arena[n].value % 1000u) * (uint64_t)(depth + 1);
    return here + walk(arena[n].left, depth + 1) * 3u + walk(arena[n].right, depth + 1);
}

static int32_t count_leaves(int32_t n) {
    if (arena[n].left < 0)
        return 1;
    return count_leaves(arena[n].left) + count_leaves(arena[n].right);
}

/* mirror the tree in place, recursively */
static void mirror(int32_t n) {
    if (n < 0)
        return;
    int32_t t = arena[n].left;
    arena[n].left = arena[n].right;
    arena[n].right = t;
    mirror(arena[n].left);
    mirror(arena[n].right);
}

/* ---- N-queens by recursive backtracking ---- */
static int queens(int row, int n, uint32_t cols, uint32_t d1, uint32_t d2) {
    if (row == n)
        return 1;
    int count = 0;
    for (int c = 0; c < n; c++) {
        uint32_t cm = 1u << c, a = 1u << (row + c), b = 1u << (row - c + n - 1);
        if ((cols & cm) || (d1 & a) || (d2 & b))
            continue;
        count += queens(row + 1, n, cols | cm, d1 | a, d2 | b);
    }
    return count;
}

/* ---- recursive merge sort ---- */
static void merge_sort(uint32_t *a, uint32_t *tmp, int lo, int hi) {
    if (hi - lo < 2)
        return;
    int mid = lo + (hi - lo) / 2;
    merge_sort(a, tmp, lo, mid);
    merge_sort(a, tmp, mid, hi);
    int i = lo, j = mid, k = lo;
    while (i < mid && j < hi)
        tmp[k++] = a[i] <= a[j] ? a[i++] : a[j++];
    while (i < mid)
        tmp[k++] = a[i++];
    while (j < hi)
        tmp[k++] = a[j++];
    for (k = lo; k < hi; k++)
        a[k] = tmp[k];
}

int main(void) {
    uint64_t check = 0;

    uint64_t f = fib(FIB_N);
    printf("fib(%d) = %llu\n", FIB_N, (unsigned long long)f);
    check = check * 31u + f;

    uint32_t a = ack(ACK_M, ACK_N);
    printf("ack(%d,%d) = %u (%llu calls)\n", ACK_M, ACK_N, (unsigned)a, (unsigned long long)ack_calls);
    check = check * 31u + a + ack_calls;

    arena = malloc(sizeof(struct node) * ((size_t)2 << TREE_DEPTH));
    if (!arena)
        return 100;
    uint64_t tree_sum = 0;
    for (int r = 0; r < TREE_ROUNDS; r++) {
        arena_top = 0;
        int32_t root = build(TREE_DEPTH, (uint32_t)r + 1u);
        uint64_t w1 = walk(root, 0);
        mirror(root);
        uint64_t w2 = walk(root, 0);
        tree_sum = tree_sum * 1000003u + w1 + (w2 << 1) + (uint64_t)count_leaves(root);
    }
    printf("trees: %d rounds of depth %d, checksum %llu\n", TREE_ROUNDS, TREE_DEPTH,
           (unsigned long long)tree_sum);
    check = check * 31u + tree_sum;
    free(arena);

    int q = queens(0, QUEENS_N, 0, 0, 0);
    printf("queens(%d) = %d\n", QUEENS_N, q);
    check = check * 31u + (uint64_t)q;

    uint32_t *v = malloc(sizeof(uint32_t) * SORT_LEN), *tmp = malloc(sizeof(uint32_t) * SORT_LEN);
    if (!v || !tmp)
        return 100;
    uint32_t s = 99u;
    for (int i = 0; i < SORT_LEN; i++) {
        s = s * 1664525u + 1013904223u;
        v[i] = s >> 4;
    }
    merge_sort(v, tmp, 0, SORT_LEN);
    uint64_t sorted_hash = 0;
    int ordered = 1;
    for (int i = 0; i < SORT_LEN; i++) {
        if (i > 0 && v[i - 1] > v[i])
            ordered = 0;
        sorted_hash = sorted_hash * 1099511628211ull + v[i];
    }
    printf("merge sort: ordered=%d hash=%llu\n", ordered, (unsigned long long)sorted_hash);
    check = check * 31u + sorted_hash;
    free(v);
    free(tmp);

    printf("checksum: %llu\n", (unsigned long long)check);
    return (int)(check % 101u);
}
