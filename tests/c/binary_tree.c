/* exercises: malloc'd binary search tree - insert, search, in/pre/post-order traversal, height, delete, free */
#include <stdio.h>
#include <stdlib.h>

typedef struct Tree { int key; int count; struct Tree *l, *r; } Tree;

static Tree *insert(Tree *t, int k) {
    if (!t) {
        t = calloc(1, sizeof *t);
        if (!t) exit(98);
        t->key = k; t->count = 1;
        return t;
    }
    if (k < t->key) t->l = insert(t->l, k);
    else if (k > t->key) t->r = insert(t->r, k);
    else t->count++;
    return t;
}

static const Tree *find(const Tree *t, int k) {
    while (t && t->key != k) t = k < t->key ? t->l : t->r;
    return t;
}

static int height(const Tree *t) {
    if (!t) return 0;
    int a = height(t->l), b = height(t->r);
    return 1 + (a > b ? a : b);
}

static void inorder(const Tree *t, int *out, int *n) {
    if (!t) return;
    inorder(t->l, out, n); out[(*n)++] = t->key; inorder(t->r, out, n);
}

static unsigned long preorder_hash(const Tree *t, unsigned long h) {
    if (!t) return (h * 3 + 1) % 1000000007UL;
    h = (h * 31 + (unsigned long)t->key) % 1000000007UL;
    h = preorder_hash(t->l, h);
    return preorder_hash(t->r, h);
}

static long postorder_sum(const Tree *t, int depth) {
    if (!t) return 0;
    return postorder_sum(t->l, depth + 1) + postorder_sum(t->r, depth + 1) + (long)t->key * depth;
}

static Tree *delete_min(Tree *t, Tree **min) {
    if (!t->l) { *min = t; return t->r; }
    t->l = delete_min(t->l, min);
    return t;
}

static Tree *erase(Tree *t, int k) {
    if (!t) return NULL;
    if (k < t->key) t->l = erase(t->l, k);
    else if (k > t->key) t->r = erase(t->r, k);
    else {
        Tree *l = t->l, *r = t->r;
        free(t);
        if (!l) return r;
        if (!r) return l;
        Tree *m;
        r = delete_min(r, &m);
        m->l = l; m->r = r;
        return m;
    }
    return t;
}

static int count_nodes(const Tree *t) { return t ? 1 + count_nodes(t->l) + count_nodes(t->r) : 0; }
static void free_tree(Tree *t) { if (t) { free_tree(t->l); free_tree(t->r); free(t); } }

int main(void) {
    Tree *root = NULL;
    unsigned s = 2024;
    for (int i = 0; i < 300; i++) { s = s * 1664525u + 1013904223u; root = insert(root, (int)(s >> 22)); }
    int keys[400], n = 0;
    inorder(root, keys, &n);
    int sorted = 1;
    for (int i = 1; i < n; i++) if (keys[i - 1] >= keys[i]) sorted = 0;
    printf("nodes=%d sorted=%d height=%d\n", n, sorted, height(root));
    printf("first keys: %d %d %d %d %d\n", keys[0], keys[1], keys[2], keys[3], keys[4]);
    printf("preorder hash=%lu postorder weighted=%ld\n", preorder_hash(root, 17), postorder_sum(root, 1));
    int hits = 0, dup = 0;
    for (int k = 0; k < 1024; k += 3) { const Tree *f = find(root, k); if (f) { hits++; if (f->count > 1) dup++; } }
    printf("hits=%d dups=%d\n", hits, dup);
    for (int i = 0; i < n; i += 2) root = erase(root, keys[i]);
    int m = 0;
    inorder(root, keys, &m);
    printf("after erase nodes=%d count=%d height=%d min=%d max=%d\n", m, count_nodes(root), height(root), keys[0], keys[m - 1]);
    free_tree(root);
    return m % 100;
}
