/* exercises: a small open-addressing hash table with string keys (insert, lookup, update, delete with tombstones, resize) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct { char *key; int val; int state; } Slot; /* state: 0 empty, 1 used, 2 deleted */
typedef struct { Slot *slots; size_t cap, used; } Map;

static unsigned long hash(const char *s) { unsigned long h = 5381; while (*s) h = h * 33 + (unsigned char)*s++; return h; }

static void map_init(Map *m, size_t cap) { m->slots = calloc(cap, sizeof(Slot)); m->cap = cap; m->used = 0; }

static void map_put(Map *m, const char *k, int v);

static void map_grow(Map *m) {
    Slot *old = m->slots; size_t oc = m->cap;
    map_init(m, oc * 2);
    for (size_t i = 0; i < oc; i++) if (old[i].state == 1) { map_put(m, old[i].key, old[i].val); free(old[i].key); }
    free(old);
}

static void map_put(Map *m, const char *k, int v) {
    if ((m->used + 1) * 4 > m->cap * 3) map_grow(m);
    size_t i = hash(k) & (m->cap - 1), tomb = (size_t)-1;
    while (m->slots[i].state != 0) {
        if (m->slots[i].state == 1 && strcmp(m->slots[i].key, k) == 0) { m->slots[i].val = v; return; }
        if (m->slots[i].state == 2 && tomb == (size_t)-1) tomb = i;
        i = (i + 1) & (m->cap - 1);
    }
    if (tomb != (size_t)-1) i = tomb;
    size_t L = strlen(k) + 1;
    m->slots[i].key = malloc(L);
    memcpy(m->slots[i].key, k, L);
    m->slots[i].val = v; m->slots[i].state = 1; m->used++;
}

static Slot *map_find(Map *m, const char *k) {
    size_t i = hash(k) & (m->cap - 1);
    while (m->slots[i].state != 0) {
        if (m->slots[i].state == 1 && strcmp(m->slots[i].key, k) == 0) return &m->slots[i];
        i = (i + 1) & (m->cap - 1);
    }
    return NULL;
}

static int map_del(Map *m, const char *k) {
    Slot *s = map_find(m, k);
    if (!s) return 0;
    free(s->key); s->key = NULL; s->state = 2; m->used--;
    return 1;
}

static void map_free(Map *m) { for (size_t i = 0; i < m->cap; i++) if (m->slots[i].state == 1) free(m->slots[i].key); free(m->slots); }

int main(void) {
    Map m;
    map_init(&m, 8);
    const char *text = "it was the best of times it was the worst of times it was the age of wisdom it was the age of foolishness";
    char word[32];
    const char *p = text;
    while (*p) {
        int n = 0;
        while (*p && *p != ' ') word[n++] = *p++;
        word[n] = 0;
        while (*p == ' ') p++;
        Slot *s = map_find(&m, word);
        if (s) s->val++; else map_put(&m, word, 1);
    }
    const char *q[] = {"it", "was", "the", "of", "times", "age", "wisdom", "zebra"};
    for (int i = 0; i < 8; i++) { Slot *s = map_find(&m, q[i]); printf("%s=%d ", q[i], s ? s->val : 0); }
    printf("\nused=%zu cap=%zu\n", m.used, m.cap);
    char key[16];
    for (int i = 0; i < 200; i++) { snprintf(key, sizeof key, "k%d", i); map_put(&m, key, i * i); }
    int dels = 0;
    for (int i = 0; i < 200; i += 3) { snprintf(key, sizeof key, "k%d", i); dels += map_del(&m, key); }
    long sum = 0; int found = 0;
    for (int i = 0; i < 200; i++) { snprintf(key, sizeof key, "k%d", i); Slot *s = map_find(&m, key); if (s) { sum += s->val; found++; } }
    for (int i = 0; i < 200; i += 6) { snprintf(key, sizeof key, "k%d", i); map_put(&m, key, -1); }
    printf("dels=%d found=%d sum=%ld used=%zu cap=%zu\n", dels, found, sum, m.used, m.cap);
    int ret = (int)(m.used % 100);
    map_free(&m);
    return ret;
}
