/* exercises: global tables holding pointers to other globals, to functions, to string literals and to struct members; const and mutable globals */
#include <stdio.h>

typedef struct Entry { const char *name; int *counter; int (*fn)(int); const struct Entry *next; } Entry;

int hits_a, hits_b = 5, hits_c = -3;
static int sq(int x) { return x * x; }
static int neg(int x) { return -x; }
static int twice(int x) { return 2 * x; }

extern const Entry e2;
const Entry e3 = {"three", &hits_c, twice, 0};
const Entry e2 = {"two", &hits_b, neg, &e3};
const Entry e1 = {"one", &hits_a, sq, &e2};

static const Entry *const registry[] = {&e1, &e2, &e3, &e1};
static int data[8] = {10, 20, 30, 40, 50, 60, 70, 80};
static int *slices[] = {data, data + 2, &data[5], data + 7};
static const char *const colors[] = {"cyan", "magenta", "yellow", "black"};
static const char *const *color_ptr = &colors[2];
static struct { int x, y; } point = {3, 9};
static int *point_y = &point.y;
static int (*const fntab[3])(int) = {sq, neg, twice};
static int (*const *fnptr)(int) = &fntab[1];
static char greeting[] = "hello";
static char *gp = greeting + 1;
static long counter_table[4];
static long *ctab_end = counter_table + 4;

int main(void) {
    int total = 0;
    for (const Entry *e = &e1; e; e = e->next) {
        int v = e->fn(*e->counter + 4);
        (*e->counter)++;
        printf("%s: fn(%d)=%d\n", e->name, *e->counter + 3, v);
        total += v;
    }
    for (unsigned i = 0; i < sizeof registry / sizeof registry[0]; i++) total += registry[i]->fn((int)i);
    printf("counters: %d %d %d total=%d\n", hits_a, hits_b, hits_c, total);
    printf("slices: %d %d %d %d diff=%d\n", *slices[0], *slices[1], *slices[2], *slices[3], (int)(slices[3] - slices[1]));
    slices[1][1] = 99;
    printf("data[3]=%d color=%s next=%s\n", data[3], *color_ptr, color_ptr[1]);
    *point_y += 100;
    printf("point=(%d,%d) fnptr(6)=%d fnptr[1](6)=%d\n", point.x, point.y, (*fnptr)(6), fnptr[1](6));
    *gp = 'a';
    printf("greeting=%s gp=%s\n", greeting, gp);
    for (long *p = counter_table; p != ctab_end; p++) *p = (p - counter_table) * 11;
    printf("ctab: %ld %ld %ld %ld\n", counter_table[0], counter_table[1], counter_table[2], counter_table[3]);
    printf("fn identity: %d %d\n", fntab[0] == sq, e2.fn == fntab[1]);
    return total > 0 ? total % 100 : (-total) % 100;
}
