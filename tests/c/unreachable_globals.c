/* Static globals read and written only by name, beside memory written through pointers: the optimizing tiers may
   keep such a global in a register across those writes, and so for one whose elements are indexed by a variable
   (in bounds). One whose address is taken may not. */
#include <stdio.h>
#include <string.h>

typedef struct Node {
    struct Node *next;
    int value;
    int pad[9];
} Node;

static Node nodes[4];  /* pointers into it are taken */
static Node *current;  /* only loaded and stored by name */
static int steps;      /* likewise */
static long total;     /* likewise */
static int watched;    /* its address is taken and written through */
static int table[8];   /* indexed by a variable */
static short small[3]; /* constant indices only */

__attribute__((noinline)) static void bump(int *p, int by) { *p += by; }

static void walk(Node *n, int *out) {
    for (int i = 0; i < 1000; i++) {
        *n = *current;
        n->value += i;
        current = current->next;
        steps++;
        total += n->value + steps;
        *out += steps & 3;
        table[i & 7] += (int)total & 15;
        small[1] += (short)(steps & 1);
        small[2] ^= small[1];
    }
}

int main(void) {
    for (int i = 0; i < 4; i++) {
        nodes[i].next = &nodes[(i + 1) & 3];
        nodes[i].value = i * 10;
    }
    current = &nodes[0];
    int acc = 0;
    Node scratch;
    memset(&scratch, 0, sizeof scratch);
    int *w = &watched;
    for (int r = 0; r < 3000; r++) {
        walk(&scratch, &acc);
        bump(w, r & 7);
        watched += 1;
        *w ^= steps & 1;
        if (r % 7 == 0)
            nodes[r & 3].value += watched & 5; /* the records `current` walks change under it */
    }
    long t = 0;
    for (int i = 0; i < 8; i++)
        t += table[i];
    printf("steps %d total %ld acc %d watched %d table %ld small %d %d at %d value %d\n", steps, total, acc, watched,
           t, small[1], small[2], (int)(current - nodes), scratch.value);
    return 0;
}
