/* workload: pgo-sort | a hand-written quicksort, a run-merge and a binary search, each taking its record comparator by pointer; one comparator dominates each call site */
#include <stdint.h>
#include <stdio.h>

#define N 3000
#define ROUNDS 1100
#define PROBES 2000

typedef struct {
    uint32_t key;
    uint32_t score;
    uint16_t group;
    uint16_t id;
} Rec;

typedef int (*Cmp)(const Rec *, const Rec *);

static int by_key(const Rec *a, const Rec *b) { return (a->key > b->key) - (a->key < b->key); }
static int by_score_desc(const Rec *a, const Rec *b) { return (a->score < b->score) - (a->score > b->score); }
static int by_group_key(const Rec *a, const Rec *b) {
    if (a->group != b->group)
        return a->group < b->group ? -1 : 1;
    return by_key(a, b);
}
static int by_id(const Rec *a, const Rec *b) { return (int)a->id - (int)b->id; }

/* Which comparator each selector value picks: mostly by key, sometimes the others. */
static const Cmp sort_cmps[16] = {by_key, by_key, by_key, by_key, by_key, by_key, by_key, by_key,
                                  by_key, by_key, by_key, by_key, by_key, by_score_desc, by_group_key, by_id};
/* The merge call site is dominated by the score order instead. */
static const Cmp merge_cmps[8] = {by_score_desc, by_score_desc, by_score_desc, by_score_desc,
                                  by_score_desc, by_score_desc, by_key, by_group_key};

static Rec recs[N];
static Rec scratch[N];

static void swap(Rec *a, Rec *b) {
    Rec t = *a;
    *a = *b;
    *b = t;
}

static void insertion_sort(Rec *v, int n, Cmp cmp) {
    for (int i = 1; i < n; i++) {
        Rec x = v[i];
        int j = i - 1;
        while (j >= 0 && cmp(&v[j], &x) > 0) {
            v[j + 1] = v[j];
            j--;
        }
        v[j + 1] = x;
    }
}

/* Quicksort with a median-of-three pivot; small ranges go to insertion sort. */
static void quick_sort(Rec *v, int n, Cmp cmp) {
    while (n > 12) {
        int mid = n / 2;
        if (cmp(&v[mid], &v[0]) < 0)
            swap(&v[mid], &v[0]);
        if (cmp(&v[n - 1], &v[0]) < 0)
            swap(&v[n - 1], &v[0]);
        if (cmp(&v[n - 1], &v[mid]) < 0)
            swap(&v[n - 1], &v[mid]);
        Rec pivot = v[mid];
        int i = 0, j = n - 1;
        for (;;) {
            while (cmp(&v[i], &pivot) < 0)
                i++;
            while (cmp(&pivot, &v[j]) < 0)
                j--;
            if (i >= j)
                break;
            swap(&v[i], &v[j]);
            i++;
            j--;
        }
        /* recurse into the smaller side, loop on the larger */
        int left = j + 1;
        if (left < n - left) {
            quick_sort(v, left, cmp);
            v += left;
            n -= left;
        } else {
            quick_sort(v + left, n - left, cmp);
            n = left;
        }
    }
    insertion_sort(v, n, cmp);
}

/* Sorts both halves, then merges them into `out`. */
static void merge_halves(Rec *v, int n, Rec *out, Cmp cmp) {
    int h = n / 2;
    quick_sort(v, h, cmp);
    quick_sort(v + h, n - h, cmp);
    int i = 0, j = h, k = 0;
    while (i < h && j < n)
        out[k++] = cmp(&v[j], &v[i]) < 0 ? v[j++] : v[i++];
    while (i < h)
        out[k++] = v[i++];
    while (j < n)
        out[k++] = v[j++];
}

/* First index whose record is not less than `probe`. */
static int lower_bound(const Rec *v, int n, const Rec *probe, Cmp cmp) {
    int lo = 0, hi = n;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (cmp(&v[mid], probe) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Counts order violations (must be 0) and equal neighbours. */
static uint32_t check(const Rec *v, int n, Cmp cmp, uint32_t *bad) {
    uint32_t equal = 0;
    for (int i = 1; i < n; i++) {
        int c = cmp(&v[i - 1], &v[i]);
        *bad += c > 0;
        equal += c == 0;
    }
    return equal;
}

static uint32_t rng = 2463534242u;
static uint32_t next(void) {
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

/* One round: fresh records, then either a sort with probes or a two-half sort and merge. Out of line so that, at
 * every bitcode level, the call sites of lower_bound, check and the merge stay in a function called many times. */
__attribute__((noinline)) static uint64_t round_of(int r, uint64_t sum, uint32_t *equal, uint32_t *bad) {
    for (int i = 0; i < N; i++) {
        uint32_t x = next();
        recs[i].key = x % 100000u;
        recs[i].score = (x >> 7) % 5000u;
        recs[i].group = (uint16_t)((x >> 20) % 24u);
        recs[i].id = (uint16_t)i;
    }
    uint32_t sel = next();
    if (r % 5 == 4) {
        Cmp cmp = merge_cmps[sel % 8];
        merge_halves(recs, N, scratch, cmp);
        *equal += check(scratch, N, cmp, bad);
        return sum * 31 + scratch[N / 3].key + scratch[N - 1].score;
    }
    Cmp cmp = sort_cmps[sel % 16];
    quick_sort(recs, N, cmp);
    *equal += check(recs, N, cmp, bad);
    for (int p = 0; p < PROBES; p++) {
        uint32_t x = next();
        Rec probe = {x % 100000u, (x >> 7) % 5000u, (uint16_t)((x >> 20) % 24u), (uint16_t)(x % N)};
        sum += (uint32_t)lower_bound(recs, N, &probe, cmp);
    }
    return sum * 31 + recs[N / 2].key + recs[7].id;
}

int main(void) {
    uint64_t sum = 0;
    uint32_t bad = 0, equal = 0;
    for (int r = 0; r < ROUNDS; r++)
        sum = round_of(r, sum, &equal, &bad);
    printf("%llu %u %u\n", (unsigned long long)sum, equal, bad);
    return bad != 0;
}
