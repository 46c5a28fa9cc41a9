/* workload: strings | builds keys from syllables and digits, FNV hashing, open-addressing hash table with many inserts, updates and lookups */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define TABLE_BITS 17
#define TABLE_SIZE (1u << TABLE_BITS)
#define ARENA_BYTES (8u << 20)
#define KEY_SPACE 75000u
#define INSERTS 3200000
#define LOOKUPS 3200000

struct slot {
    uint64_t hash;  /* 0 = empty */
    uint32_t off;   /* key offset in arena */
    uint32_t len;
    uint32_t count;
    uint32_t first_seen;
};

static struct slot *table;
static char *arena;
static uint32_t arena_used;
static uint32_t distinct;
static uint64_t probes;

static const char *const syllables[16] = {
    "ka", "zu", "mi", "ro", "tel", "an", "qua", "ir", "po", "sen", "lu", "dra", "ex", "vo", "nim", "ca",
};

/* ---- string building ---- */
static int append_str(char *dst, int pos, const char *s) {
    while (*s)
        dst[pos++] = *s++;
    return pos;
}

static int append_uint(char *dst, int pos, uint32_t v) {
    char tmp[12];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10u);
        v /= 10u;
    } while (v);
    while (n)
        dst[pos++] = tmp[--n];
    return pos;
}

/* key for id: 2-4 syllables, a dash, the id in decimal, and a reversed-syllable tail */
static int make_key(char *buf, uint32_t id) {
    uint32_t x = id * 2654435761u;
    int nsyl = 2 + (int)(x >> 30) % 3;
    int pos = 0;
    for (int i = 0; i < nsyl; i++)
        pos = append_str(buf, pos, syllables[(x >> (4 * i)) & 15u]);
    buf[pos++] = '-';
    pos = append_uint(buf, pos, id);
    const char *tail = syllables[(x >> 20) & 15u];
    int tl = 0;
    while (tail[tl])
        tl++;
    while (tl)
        buf[pos++] = tail[--tl];
    buf[pos] = '\0';
    return pos;
}

/* ---- hashing ---- */
static uint64_t hash_bytes(const char *s, int len) {
    uint64_t h = 1469598103934665603ull;
    for (int i = 0; i < len; i++)
        h = (h ^ (uint8_t)s[i]) * 1099511628211ull;
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ull;
    h ^= h >> 32;
    return h | 1u; /* never 0, which marks an empty slot */
}

static int keys_equal(const char *a, const char *b, int len) {
    for (int i = 0; i < len; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}

/* ---- open addressing (linear probing) ---- */
static struct slot *find_slot(const char *key, int len, uint64_t h) {
    uint32_t i = (uint32_t)(h >> (64 - TABLE_BITS));
    for (;;) {
        struct slot *s = &table[i];
        probes++;
        if (s->hash == 0)
            return s;
        if (s->hash == h && s->len == (uint32_t)len && keys_equal(arena + s->off, key, len))
            return s;
        i = (i + 1) & (TABLE_SIZE - 1);
    }
}

static int insert(const char *key, int len, uint32_t when) {
    uint64_t h = hash_bytes(key, len);
    struct slot *s = find_slot(key, len, h);
    if (s->hash != 0) {
        s->count++;
        return 0;
    }
    if (arena_used + (uint32_t)len + 1u > ARENA_BYTES)
        return -1;
    s->hash = h;
    s->off = arena_used;
    s->len = (uint32_t)len;
    s->count = 1;
    s->first_seen = when;
    for (int i = 0; i < len; i++)
        arena[arena_used + (uint32_t)i] = key[i];
    arena[arena_used + (uint32_t)len] = '\0';
    arena_used += (uint32_t)len + 1u;
    distinct++;
    return 1;
}

static const struct slot *lookup(const char *key, int len) {
    uint64_t h = hash_bytes(key, len);
    const struct slot *s = find_slot(key, len, h);
    return s->hash ? s : NULL;
}

static uint32_t rng_state = 0x2545F491u;
static uint32_t rng(void) {
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

/* skewed id: small ids are much more frequent */
static uint32_t skewed_id(void) {
    uint32_t a = rng() % KEY_SPACE, b = rng() % KEY_SPACE;
    return a < b ? a : b;
}

int main(void) {
    table = calloc(TABLE_SIZE, sizeof(struct slot));
    arena = malloc(ARENA_BYTES);
    if (!table || !arena)
        return 100;

    char key[64];
    uint64_t key_bytes = 0;
    for (int i = 0; i < INSERTS; i++) {
        int len = make_key(key, skewed_id());
        key_bytes += (uint64_t)len;
        if (insert(key, len, (uint32_t)i) < 0)
            return 99;
    }

    uint32_t hits = 0;
    uint64_t hit_sum = 0;
    for (int i = 0; i < LOOKUPS; i++) {
        /* ids beyond KEY_SPACE are guaranteed misses; mangle some keys too */
        uint32_t id = rng() % (KEY_SPACE + KEY_SPACE / 4u);
        int len = make_key(key, id);
        if ((i & 7) == 0)
            key[0] = (char)(key[0] ^ 0x20); /* upper-cased first letter: a miss */
        const struct slot *s = lookup(key, len);
        if (s) {
            hits++;
            hit_sum += s->count + (s->first_seen & 0xffu);
        }
    }

    /* find the most frequent key by scanning the table */
    uint32_t best = 0, best_count = 0;
    uint64_t table_fold = 0;
    for (uint32_t i = 0; i < TABLE_SIZE; i++) {
        if (!table[i].hash)
            continue;
        table_fold = table_fold * 31u + table[i].count * 7u + table[i].len;
        if (table[i].count > best_count) {
            best_count = table[i].count;
            best = i;
        }
    }

    printf("inserts: %d (%llu key bytes), distinct keys: %u, arena bytes: %u\n", INSERTS,
           (unsigned long long)key_bytes, (unsigned)distinct, (unsigned)arena_used);
    printf("lookups: %d, hits: %u, hit sum: %llu\n", LOOKUPS, (unsigned)hits, (unsigned long long)hit_sum);
    printf("most frequent: %s (%u times)\n", arena + table[best].off, (unsigned)best_count);
    printf("probes: %llu, table fold: %llu\n", (unsigned long long)probes, (unsigned long long)table_fold);
    free(table);
    free(arena);
    return (int)((table_fold + hit_sum) % 101u);
}
