/* exercises: backtracking recursion - N-queens counting with bitmasks and with arrays, permutations generation */
#include <stdio.h>

static int solve_bits(int n, unsigned cols, unsigned d1, unsigned d2) {
    unsigned full = (1u << n) - 1;
    if (cols == full) return 1;
    int count = 0;
    unsigned avail = full & ~(cols | d1 | d2);
    while (avail) {
        unsigned bit = avail & -avail;
        avail ^= bit;
        count += solve_bits(n, cols | bit, ((d1 | bit) << 1) & full, (d2 | bit) >> 1);
    }
    return count;
}

static int board[12];
static int first_solution[12];
static int found_first;

static int safe(int row, int col) {
    for (int r = 0; r < row; r++) {
        int c = board[r];
        if (c == col || c - col == r - row || c - col == row - r) return 0;
    }
    return 1;
}

static int solve_arr(int n, int row) {
    if (row == n) {
        if (!found_first) { for (int i = 0; i < n; i++) first_solution[i] = board[i]; found_first = 1; }
        return 1;
    }
    int c = 0;
    for (int col = 0; col < n; col++) if (safe(row, col)) { board[row] = col; c += solve_arr(n, row + 1); }
    return c;
}

static int perm_count, perm_check;
static void permute(int *a, int k, int n) {
    if (k == n) { perm_count++; int v = 0; for (int i = 0; i < n; i++) v = v * 10 + a[i]; perm_check = (perm_check * 7 + v) % 100003; return; }
    for (int i = k; i < n; i++) {
        int t = a[k]; a[k] = a[i]; a[i] = t;
        permute(a, k + 1, n);
        t = a[k]; a[k] = a[i]; a[i] = t;
    }
}

int main(void) {
    for (int n = 4; n <= 9; n++) printf("queens(%d) bits=%d\n", n, solve_bits(n, 0, 0, 0));
    found_first = 0;
    int c8 = solve_arr(8, 0);
    printf("queens(8) arrays=%d first:", c8);
    for (int i = 0; i < 8; i++) printf(" %d", first_solution[i]);
    printf("\n");
    int a[6] = {1, 2, 3, 4, 5, 6};
    permute(a, 0, 6);
    printf("permutations=%d check=%d\n", perm_count, perm_check);
    return c8 % 100;
}
