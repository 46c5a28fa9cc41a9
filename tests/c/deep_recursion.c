// Recursion 80,000 calls deep on a thread with an 8 MB stack: a list summed and an unbalanced tree built by recursion
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define DEPTH 80000

struct node {
    struct node *next;
    long value;
};

struct tree {
    struct tree *left, *right;
    long key;
};

static long sum(const struct node *n) {
    if (!n) return 0;
    return n->value + sum(n->next);
}

// Keys inserted in increasing order make the tree a right-leaning chain: each insert recurses to the bottom.
static struct tree *insert(struct tree *t, long key, struct tree *fresh) {
    if (!t) {
        fresh->key = key;
        fresh->left = fresh->right = NULL;
        return fresh;
    }
    if (key < t->key)
        t->left = insert(t->left, key, fresh);
    else
        t->right = insert(t->right, key, fresh);
    return t;
}

static long height(const struct tree *t) {
    if (!t) return 0;
    long l = height(t->left), r = height(t->right);
    return 1 + (l > r ? l : r);
}

static void *work(void *arg) {
    long *results = arg;
    struct node *nodes = malloc(DEPTH * sizeof *nodes);
    for (long i = 0; i < DEPTH; i++) {
        nodes[i].value = i % 1000;
        nodes[i].next = i + 1 < DEPTH ? &nodes[i + 1] : NULL;
    }
    results[0] = sum(nodes);
    // A right-leaning chain of DEPTH - 1 keys, linked here; inserting a larger key recurses to its bottom.
    struct tree *pool = malloc(DEPTH * sizeof *pool);
    for (long i = 0; i < DEPTH - 1; i++) {
        pool[i].key = i;
        pool[i].left = NULL;
        pool[i].right = i + 2 < DEPTH ? &pool[i + 1] : NULL;
    }
    struct tree *root = insert(&pool[0], DEPTH, &pool[DEPTH - 1]);
    results[1] = height(root);
    results[2] = pool[DEPTH - 2].right == &pool[DEPTH - 1];
    free(pool);
    free(nodes);
    return NULL;
}

int main(void) {
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 8u << 20);
    long results[3] = {0, 0, 0};
    pthread_t t;
    if (pthread_create(&t, &attr, work, results) != 0) return 2;
    pthread_join(t, NULL);
    printf("list sum %ld\n", results[0]);
    printf("tree height %ld, new key at the bottom: %s\n", results[1], results[2] ? "yes" : "no");
    return (int)(results[1] % 97);
}
