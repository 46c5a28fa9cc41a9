/* exercises: libc qsort and bsearch with comparators over ints, doubles, strings and structs */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_int(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}
static int cmp_int_desc(const void *a, const void *b) { return cmp_int(b, a); }
static int cmp_dbl(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}
static int cmp_str(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }

typedef struct { const char *name; int age; } Person;
static int cmp_person(const void *a, const void *b) {
    const Person *p = a, *q = b;
    if (p->age != q->age) return p->age - q->age;
    return strcmp(p->name, q->name);
}
static int cmp_age_key(const void *key, const void *elem) {
    int k = *(const int *)key;
    const Person *p = elem;
    return (k > p->age) - (k < p->age);
}

int main(void) {
    int a[40];
    unsigned s = 12345;
    for (int i = 0; i < 40; i++) { s = s * 1103515245u + 12345u; a[i] = (int)((s >> 16) % 1000) - 500; }
    qsort(a, 40, sizeof a[0], cmp_int);
    printf("ints asc:");
    for (int i = 0; i < 40; i += 5) printf(" %d", a[i]);
    printf("\n");
    int found = 0;
    for (int k = -500; k < 500; k += 7) if (bsearch(&k, a, 40, sizeof a[0], cmp_int)) found++;
    int key = a[17];
    int *hit = bsearch(&key, a, 40, sizeof a[0], cmp_int);
    printf("found=%d hit_value=%d\n", found, hit ? *hit : -9999);
    qsort(a, 40, sizeof a[0], cmp_int_desc);
    printf("ints desc first=%d last=%d\n", a[0], a[39]);

    double d[] = {3.5, -1.25, 9.0, 0.0, 2.75, -8.5, 1e-3, 100.125};
    qsort(d, 8, sizeof d[0], cmp_dbl);
    printf("dbl:");
    for (int i = 0; i < 8; i++) printf(" %g", d[i]);
    printf("\n");

    const char *words[] = {"pear", "apple", "fig", "banana", "cherry", "date", "kiwi", "grape"};
    qsort(words, 8, sizeof words[0], cmp_str);
    printf("words:");
    for (int i = 0; i < 8; i++) printf(" %s", words[i]);
    printf("\n");
    const char *want = "fig";
    const char **w = bsearch(&want, words, 8, sizeof words[0], cmp_str);
    printf("fig at index %d\n", w ? (int)(w - words) : -1);

    Person ps[] = {{"zed", 30}, {"amy", 25}, {"bob", 30}, {"cat", 19}, {"dan", 41}, {"eve", 25}};
    qsort(ps, 6, sizeof ps[0], cmp_person);
    for (int i = 0; i < 6; i++) printf("%s:%d%c", ps[i].name, ps[i].age, i == 5 ? '\n' : ' ');
    int age = 41;
    Person *pp = bsearch(&age, ps, 6, sizeof ps[0], cmp_age_key);
    printf("age 41 -> %s\n", pp ? pp->name : "none");
    return found + (w ? (int)(w - words) : 0);
}
