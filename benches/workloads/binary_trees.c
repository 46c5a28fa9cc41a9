/* workload: recursive | binary trees: malloc-allocated nodes built, walked and freed recursively, many short-lived trees and one long-lived */
#include <stdio.h>
#include <stdlib.h>
struct node { struct node *l, *r; };
static struct node *make(int d) {
    struct node *n = malloc(sizeof *n);
    if (d > 0) { n->l = make(d - 1); n->r = make(d - 1); } else n->l = n->r = 0;
    return n;
}
static int check(struct node *n) { return 1 + (n->l ? check(n->l) + check(n->r) : 0); }
static void release(struct node *n) { if (n->l) { release(n->l); release(n->r); } free(n); }
int main(int argc, char **argv) {
    int maxd = 16 + argc - 1;
    long total = 0;
    struct node *longlived = make(maxd);
    for (int d = 4; d <= maxd; d += 2) {
        int iters = 1 << (maxd - d + 4);
        long c = 0;
        for (int i = 0; i < iters; i++) { struct node *t = make(d); c += check(t); release(t); }
        total += c;
    }
    total += check(longlived);
    release(longlived);
    printf("%ld\n", total);
    return 0;
}
