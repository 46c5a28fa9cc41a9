/* Static arrays passed to static functions that only index them, beside stores through other pointers; a static
   function that gets both a static array and heap memory; one called through a pointer; and a static table indexed
   by a loop-invariant variable and by a constant in one loop nest (k == 3 makes both the same element). */
#include <stdio.h>
#include <stdlib.h>

static int counts[16]; /* passed only to bump_at */
static int grid[8][8]; /* passed only to set_row */
static int shared[16]; /* passed to add_one, which also gets heap memory */
static int via_ptr[4] = {1, 2, 3, 4}; /* passed to a function called through a pointer */
static int table[64];  /* indexed by name only */
static int *volatile heap_alias; /* the heap block again, as a pointer no analysis can follow */

static void bump_at(int *a, int i, int by) {
    a[i & 15] += by;
    a[(i + 1) & 15] ^= a[i & 15] & 255;
}

static void set_row(int g[8][8], int r, int v) {
    for (int c = 0; c < 8; c++)
        g[r & 7][c] = v + c;
    g[r & 7][(r + 1) & 7] += 1;
}

static void add_one(int *p, int i) { p[i & 15] += 1; }

static void scale(int *p, int k) {
    p[k & 3] *= 3;
    p[k & 3] &= 0xffff;
}

static int mixing(const int *data, int n, int k) {
    int s = 0;
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
            table[k] += data[j] & 3;
            table[3] ^= table[k] & 1;
            s += table[3] & 7;
        }
        table[k] &= 1023;
    }
    return s;
}

int main(void) {
    int *heap = calloc(16, sizeof(int));
    if (!heap)
        return 1;
    heap_alias = heap;
    void (*f)(int *, int) = scale;
    long check = 0;
    for (int r = 0; r < 20000; r++) {
        heap[r & 15] = (counts[r & 15] & 1023) + 1; /* a store through a pointer between the accesses */
        bump_at(counts, r, heap[(r + 3) & 15] & 7);
        set_row(grid, r, heap[r & 15]);
        heap[(r + 1) & 15] += grid[r & 7][3] & 255;
        add_one(shared, r);
        int *view = heap_alias;
        int before = view[r & 15];
        add_one(heap, r); /* heap[r & 15] changes here: reading it through `view` must see the new value */
        shared[(r + 2) & 15] += (view[r & 15] - before) + (heap[r & 15] & 3);
        f(via_ptr, r);
        via_ptr[(r + 1) & 3] += heap[(r + 5) & 15] & 1;
        check += counts[(r + 7) & 15] + grid[(r + 2) & 7][r & 7] + shared[r & 15] + via_ptr[r & 3];
    }
    printf("check %ld\n", check);
    long sums[4] = {0, 0, 0, 0};
    for (int i = 0; i < 16; i++) {
        sums[0] += counts[i];
        sums[1] += shared[i];
        sums[2] += heap[i];
    }
    for (int i = 0; i < 64; i++)
        sums[3] += grid[i / 8][i % 8];
    printf("counts %ld shared %ld heap %ld grid %ld via %d %d %d %d\n", sums[0], sums[1], sums[2], sums[3], via_ptr[0],
           via_ptr[1], via_ptr[2], via_ptr[3]);
    int data[300];
    for (int i = 0; i < 300; i++)
        data[i] = (i * 37) % 11;
    long mixed = 0;
    for (int round = 0; round < 6; round++)
        mixed += mixing(data, 300, round & 1 ? 3 : 5 + round);
    printf("mixing %ld table %d %d %d\n", mixed, table[3], table[5], table[7]);
    free(heap);
    return (int)((check + mixed) % 101);
}
