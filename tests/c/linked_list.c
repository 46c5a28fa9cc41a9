/* exercises: malloc'd singly linked list - push, append, insert sorted, reverse, remove, length, free */
#include <stdio.h>
#include <stdlib.h>

typedef struct Node { int val; struct Node *next; } Node;

static Node *node(int v, Node *next) {
    Node *n = malloc(sizeof *n);
    if (!n) exit(99);
    n->val = v; n->next = next;
    return n;
}

static void insert_sorted(Node **head, int v) {
    while (*head && (*head)->val < v) head = &(*head)->next;
    *head = node(v, *head);
}

static Node *reverse(Node *h) {
    Node *prev = NULL;
    while (h) { Node *n = h->next; h->next = prev; prev = h; h = n; }
    return prev;
}

static int remove_if(Node **head, int (*pred)(int)) {
    int removed = 0;
    while (*head) {
        if (pred((*head)->val)) { Node *d = *head; *head = d->next; free(d); removed++; }
        else head = &(*head)->next;
    }
    return removed;
}

static int is_mult3(int v) { return v % 3 == 0; }

static void print_list(const char *label, const Node *h) {
    printf("%s:", label);
    for (; h; h = h->next) printf(" %d", h->val);
    printf("\n");
}

static int length(const Node *h) { int n = 0; for (; h; h = h->next) n++; return n; }

static void free_list(Node *h) { while (h) { Node *n = h->next; free(h); h = n; } }

int main(void) {
    Node *list = NULL;
    unsigned s = 7;
    for (int i = 0; i < 20; i++) { s = s * 69069u + 1u; insert_sorted(&list, (int)(s % 100)); }
    print_list("sorted", list);
    list = reverse(list);
    print_list("reversed", list);
    int removed = remove_if(&list, is_mult3);
    print_list("no mult3", list);
    printf("removed=%d length=%d\n", removed, length(list));
    /* build a list of 1000 nodes with append via tail pointer */
    Node *big = NULL, **tail = &big;
    for (int i = 0; i < 1000; i++) { *tail = node(i, NULL); tail = &(*tail)->next; }
    long sum = 0;
    for (Node *p = big; p; p = p->next) sum += p->val;
    printf("big length=%d sum=%ld\n", length(big), sum);
    int len = length(list);
    free_list(big);
    free_list(list);
    return len + removed;
}
