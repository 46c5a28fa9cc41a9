/* exercises: hand-written sorting - quicksort (Hoare partition, recursion), mergesort with temp buffer, insertion sort, heapsort; checked against each other */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void quicksort(int *a, int lo, int hi) {
    while (lo < hi) {
        int p = a[lo + (hi - lo) / 2], i = lo - 1, j = hi + 1;
        for (;;) {
            do i++; while (a[i] < p);
            do j--; while (a[j] > p);
            if (i >= j) break;
            int t = a[i]; a[i] = a[j]; a[j] = t;
        }
        if (j - lo < hi - j) { quicksort(a, lo, j); lo = j + 1; }
        else { quicksort(a, j + 1, hi); hi = j; }
    }
}

static void merge_rec(int *a, int *tmp, int lo, int hi) {
    if (hi - lo < 2) return;
    int mid = lo + (hi - lo) / 2;
    merge_rec(a, tmp, lo, mid);
    merge_rec(a, tmp, mid, hi);
    int i = lo, j = mid, k = lo;
    while (i < mid && j < hi) tmp[k++] = a[j] < a[i] ? a[j++] : a[i++];
    while (i < mid) tmp[k++] = a[i++];
    while (j < hi) tmp[k++] = a[j++];
    memcpy(a + lo, tmp + lo, (size_t)(hi - lo) * sizeof *a);
}

static void mergesort_(int *a, int n) {
    int *tmp = malloc((size_t)n * sizeof *tmp);
    merge_rec(a, tmp, 0, n);
    free(tmp);
}

static void insertion(int *a, int n) {
    for (int i = 1; i < n; i++) { int v = a[i], j = i - 1; while (j >= 0 && a[j] > v) { a[j + 1] = a[j]; j--; } a[j + 1] = v; }
}

static void sift(int *a, int n, int i) {
    for (;;) {
        int l = 2 * i + 1, r = l + 1, m = i;
        if (l < n && a[l] > a[m]) m = l;
        if (r < n && a[r] > a[m]) m = r;
        if (m == i) return;
        int t = a[i]; a[i] = a[m]; a[m] = t; i = m;
    }
}

static void heapsort_(int *a, int n) {
    for (int i = n / 2 - 1; i >= 0; i--) sift(a, n, i);
    for (int e = n - 1; e > 0; e--) { int t = a[0]; a[0] = a[e]; a[e] = t; sift(a, e, 0); }
}

static unsigned long checksum(const int *a, int n) { unsigned long h = 0; for (int i = 0; i < n; i++) h = h * 1000003ul + (unsigned)a[i]; return h; }

#define N 3000
int main(void) {
    static int orig[N], a[N], b[N], c[N], d[N];
    unsigned s = 99;
    for (int i = 0; i < N; i++) { s = s * 1103515245u + 12345u; orig[i] = (int)((s >> 8) % 5000) - 2500; }
    memcpy(a, orig, sizeof a); memcpy(b, orig, sizeof b); memcpy(c, orig, sizeof c); memcpy(d, orig, sizeof d);
    quicksort(a, 0, N - 1);
    mergesort_(b, N);
    insertion(c, 500);
    heapsort_(d, N);
    int ok = 1;
    for (int i = 1; i < N; i++) if (a[i - 1] > a[i]) ok = 0;
    printf("quick sorted=%d eq merge=%d eq heap=%d\n", ok, memcmp(a, b, sizeof a) == 0, memcmp(a, d, sizeof a) == 0);
    int ok2 = 1;
    for (int i = 1; i < 500; i++) if (c[i - 1] > c[i]) ok2 = 0;
    printf("insertion prefix sorted=%d min=%d max=%d median=%d\n", ok2, a[0], a[N - 1], a[N / 2]);
    printf("checksum=%lu first=%d %d %d last=%d %d %d\n", checksum(a, N), a[0], a[1], a[2], a[N - 3], a[N - 2], a[N - 1]);
    int dupes = 0;
    for (int i = 1; i < N; i++) dupes += a[i] == a[i - 1];
    int sorted_in[] = {1, 2, 3, 4, 5, 6, 7, 8}, rev[] = {8, 7, 6, 5, 4, 3, 2, 1}, same[] = {4, 4, 4, 4, 4};
    quicksort(sorted_in, 0, 7); mergesort_(rev, 8); heapsort_(same, 5);
    printf("dupes=%d edge: %d %d %d %d %d\n", dupes, sorted_in[0], sorted_in[7], rev[0], rev[7], same[2]);
    return dupes % 100;
}
