/* workload: pgo-rare | hot loops whose branches have a rare side that is heavy (large blocks, calls to big helpers), so block layout and inlining depend on branch probabilities */
#include <stdint.h>
#include <stdio.h>

#define DATA 8192
#define TEXT 16384
#define ROUNDS 6000
#define TABLE 256

static uint32_t data[DATA];
static uint8_t text[TEXT];
static uint32_t table[TABLE];
static uint32_t log_ring[64];
static uint32_t log_pos;

typedef struct {
    uint32_t *items;
    uint32_t len, cap, grows;
} Vec;

static uint32_t vec_store[1 << 16];

static uint32_t rng = 123456789u;
static uint32_t next(void) {
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

/* The hot helper, called from several loops: a short common path and a rare, heavy re-mix. Counted by size alone
 * it is too big to inline; the profile shows its call sites are hot and its heavy side cold. */
static uint32_t blend(uint32_t h, uint32_t v) {
    h = (h ^ v) * 0x85ebca6bu;
    h ^= h >> 13;
    if (((h >> 7) & 1023) == 5) {
        uint32_t a = h ^ v, b = h + 0x9e3779b9u, c = v * 0xc2b2ae35u, d = (h >> 3) ^ (v << 5);
        for (int k = 0; k < 4; k++) {
            a += table[(b ^ (uint32_t)k) & (TABLE - 1)];
            b ^= (a << 7) | (a >> 25);
            c = c * 0xc2b2ae35u + b;
            d ^= c >> 13;
            a = (a ^ d) * 0x27d4eb2fu;
            b += (d << 11) | (d >> 21);
            c ^= a >> 16;
            d += b * 5 + 0x165667b1u;
            d = (d << 3) | (d >> 29);
            a ^= c + (uint32_t)k;
        }
        h = a ^ b ^ c ^ d;
    }
    return h;
}

/* Heavy, rarely called: rebuilds the whole table. */
static void rebuild_table(uint32_t seed) {
    uint32_t x = seed | 1;
    for (int i = 0; i < TABLE; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        table[i] = (table[i] >> 1) + (x & 0xffff);
    }
    for (int i = 1; i < TABLE; i++)
        table[i] ^= table[i - 1] >> 3;
}

/* Heavy, rarely called: records an event and folds the ring. */
static uint32_t log_event(uint32_t kind, uint32_t value) {
    log_ring[log_pos++ & 63] = kind * 2654435761u ^ value;
    uint32_t f = 0;
    for (int i = 0; i < 64; i++)
        f = f * 31 + log_ring[i];
    return f;
}

/* Out of line so that, at every bitcode level, each loop stays in a function of its own that is called many times. */
/* Loop 1: a checksum whose rare side (about 1 in 4096 elements) is a large block that calls two heavy helpers. The
 * hot side keeps seven running lanes live besides the hash, so a call left on the hot path costs spills there. */
__attribute__((noinline)) static uint32_t checksum(uint32_t h0) {
    uint32_t h = h0;
    uint32_t rare = 0;
    uint32_t l0 = h0, l1 = 1, l2 = 2, l3 = 3, l4 = 4, l5 = 5, l6 = 6;
    for (int i = 0; i < DATA; i++) {
        uint32_t v = data[i];
        h = blend(h, v);
        l0 = l0 * 31 + v;
        l1 ^= v >> 3;
        l2 += l0 ^ l1;
        l3 = ((l3 ^ l2) << 5) | ((l3 ^ l2) >> 27);
        l4 += v * l3;
        l5 ^= l4 >> 7;
        l6 = l6 * 17 + (l5 | v);
        if (((v ^ (h >> 9)) & 4095) == 17) {
            /* rare, heavy: a big inline block and calls */
            uint32_t a = v * 3 + h, b = v ^ (h >> 7), c = a + b, d = a ^ c;
            a = (a << 9) | (a >> 23);
            b = b * 0x27d4eb2du + c;
            c ^= d >> 11;
            d += a * b;
            a ^= c * 5 + d;
            b = (b >> 3) ^ (a << 2);
            c += b * 0x165667b1u;
            d ^= c >> 15;
            for (int k = 0; k < 16; k++) {
                a += table[(b + k) & (TABLE - 1)];
                b ^= a >> (k & 7);
                c = c * 33 + b;
            }
            rebuild_table(a ^ b ^ c ^ d ^ l6);
            rare += log_event(1, a + b + c + d + l2);
        }
    }
    return h ^ rare ^ l0 ^ l1 ^ l2 ^ l3 ^ l4 ^ l5 ^ l6;
}

/* A mid-sized decode step for escapes (rare side of the scanner). */
static uint32_t decode_escape(const uint8_t *p, int *len) {
    uint32_t v = 0;
    int n = 0;
    while (n < 6 && p[n] >= '0' && p[n] <= '9') {
        v = v * 10 + (uint32_t)(p[n] - '0');
        n++;
    }
    if (n == 0) {
        v = p[0] == 'n' ? 10 : p[0] == 't' ? 9 : p[0] == 'x' ? 0x78 : p[0];
        n = 1;
    }
    *len = n;
    return v;
}

/* Loop 2: a scanner over text where plain letters dominate; a backslash (rare) decodes and logs. */
__attribute__((noinline)) static uint32_t scan(uint32_t salt) {
    uint32_t h = salt, letters = 0, spaces = 0, esc = 0;
    int i = 0;
    while (i < TEXT - 8) {
        uint8_t c = text[i];
        if (c >= 'a' && c <= 'z') {
            letters++;
            h = h * 31 + c;
            i++;
        } else if (c == ' ') {
            spaces++;
            h = blend(h, letters);
            i++;
        } else {
            /* rare: escape sequence */
            int len = 0;
            uint32_t v = decode_escape(&text[i + 1], &len);
            esc += log_event(2, v ^ h);
            if (v > 200)
                rebuild_table(v + esc);
            h ^= v * 0x9e3779b1u;
            i += 1 + len;
        }
    }
    return h + letters * 7 + spaces * 13 + esc;
}

/* Rare side of push: grows (copies) and rehashes everything. */
static void vec_grow(Vec *v) {
    uint32_t ncap = v->cap * 2;
    if (ncap > (1u << 16))
        ncap = 1u << 16;
    uint32_t h = 0;
    for (uint32_t i = 0; i < v->len; i += 8) {
        h = blend(h, v->items[i]);
        v->items[i] ^= h & 1;
    }
    v->cap = ncap;
    v->grows++;
    table[h & (TABLE - 1)] += h;
}

/* Loop 3: pushes with a capacity check whose rare side calls the grower; the vector resets when full. */
__attribute__((noinline)) static uint32_t fill(Vec *v, uint32_t seed) {
    uint32_t s = seed;
    for (int i = 0; i < DATA; i++) {
        s = s * 1664525u + 1013904223u;
        if (v->len == v->cap) {
            if (v->cap == (1u << 16)) {
                s ^= log_event(3, v->len);
                v->len = 0;
                v->cap = 64;
            } else {
                vec_grow(v);
            }
        }
        v->items[v->len++] = s >> 8;
    }
    return s ^ v->len;
}

int main(void) {
    for (int i = 0; i < DATA; i++)
        data[i] = next();
    for (int i = 0; i < TEXT; i++) {
        uint32_t x = next() % 1000;
        text[i] = x < 3 ? '\\' : x < 6 ? (uint8_t)('0' + x) : x < 150 ? ' ' : (uint8_t)('a' + x % 26);
    }
    rebuild_table(42);
    Vec v = {vec_store, 0, 64, 0};
    uint32_t h = 0;
    for (int r = 0; r < ROUNDS; r++) {
        h = checksum(h + (uint32_t)r);
        h ^= scan(h);
        h += fill(&v, h);
        /* refresh a few elements so every pass sees new data */
        for (int k = 0; k < 8; k++)
            data[next() % DATA] = next();
    }
    printf("%u %u %u %u\n", h, v.grows, v.len, log_pos);
    return 0;
}
