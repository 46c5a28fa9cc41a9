/* workload: pgo-handlers | objects behind vtables and an event-handler table, ~90% of each call site going to one small handler, through four call sites */
#include <stdint.h>
#include <stdio.h>

#define OBJS 2048
#define EVENTS 4096
#define ROUNDS 28000

typedef struct Obj Obj;
typedef struct {
    uint32_t (*step)(Obj *, uint32_t);
    uint32_t (*weight)(const Obj *);
    void (*reset)(Obj *);
} Ops;

struct Obj {
    const Ops *ops;
    uint32_t a, b;
};

/* The common kind: a counter. */
static uint32_t counter_step(Obj *o, uint32_t x) {
    o->a += x & 15;
    return o->a;
}
static uint32_t counter_weight(const Obj *o) { return o->a >> 3; }
static void counter_reset(Obj *o) { o->a &= 1023; }

/* Rare kinds. */
static uint32_t accum_step(Obj *o, uint32_t x) {
    o->a = o->a * 3 + x;
    o->b ^= o->a >> 5;
    return o->b;
}
static uint32_t accum_weight(const Obj *o) { return (o->a ^ o->b) & 0xffff; }
static void accum_reset(Obj *o) { o->a = o->b & 255; }

static uint32_t mixer_step(Obj *o, uint32_t x) {
    uint32_t h = (o->a ^ x) * 0x9e3779b1u;
    o->a = h ^ (h >> 15);
    return o->a & 0xfff;
}
static uint32_t mixer_weight(const Obj *o) { return o->a % 977; }
static void mixer_reset(Obj *o) { o->a = 0x12345u + o->b; }

static uint32_t clamp_step(Obj *o, uint32_t x) {
    uint32_t v = o->a + (x & 255);
    o->a = v > 100000 ? 100000 : v;
    return o->a;
}
static uint32_t clamp_weight(const Obj *o) { return o->a >> 6; }
static void clamp_reset(Obj *o) { o->a >>= 1; }

static const Ops COUNTER = {counter_step, counter_weight, counter_reset};
static const Ops ACCUM = {accum_step, accum_weight, accum_reset};
static const Ops MIXER = {mixer_step, mixer_weight, mixer_reset};
static const Ops CLAMP = {clamp_step, clamp_weight, clamp_reset};

/* Events: a kind picks a handler from the table; ticks are ~90% of them. */
typedef struct {
    uint32_t level, total, errors, peak;
} State;

typedef void (*Handler)(State *, uint32_t);

static void on_tick(State *s, uint32_t arg) { s->total += arg & 7; }
static void on_add(State *s, uint32_t arg) { s->level += arg & 255; }
static void on_drain(State *s, uint32_t arg) { s->level -= s->level >> (arg & 3); }
static void on_error(State *s, uint32_t arg) { s->errors += 1 + (arg & 1); }
static void on_peak(State *s, uint32_t arg) {
    (void)arg;
    if (s->level > s->peak)
        s->peak = s->level;
}
static void on_scale(State *s, uint32_t arg) { s->total = s->total * 3 + (arg >> 28); }
static void on_flip(State *s, uint32_t arg) { s->level ^= arg & 0xff00; }
static void on_mark(State *s, uint32_t arg) { s->total ^= arg >> 16; }

static const Handler handlers[8] = {on_tick, on_add, on_drain, on_error, on_peak, on_scale, on_flip, on_mark};

static Obj objs[OBJS];
static uint8_t event_kind[EVENTS];
static uint32_t event_arg[EVENTS];

static uint32_t rng = 88172645u;
static uint32_t next(void) {
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

/* Out of line so that, at every bitcode level, each loop stays in a function of its own that is called many times. */
/* Call site 1 (step) and 2 (reset, rarely taken). */
__attribute__((noinline)) static uint32_t advance(uint32_t salt) {
    uint32_t h = 0;
    for (int i = 0; i < OBJS; i++) {
        Obj *o = &objs[i];
        h += o->ops->step(o, salt + (uint32_t)i);
        if (o->a > 0x7fff0000u)
            o->ops->reset(o);
    }
    return h;
}

/* Call site 3 (weight). */
__attribute__((noinline)) static uint32_t total_weight(void) {
    uint32_t w = 0;
    for (int i = 0; i < OBJS; i++)
        w += objs[i].ops->weight(&objs[i]);
    return w;
}

/* Call site 4 (event handlers). */
__attribute__((noinline)) static void pump(State *s, uint32_t salt) {
    for (int i = 0; i < EVENTS; i++)
        handlers[event_kind[i]](s, event_arg[i] ^ salt);
}

int main(void) {
    for (int i = 0; i < OBJS; i++) {
        uint32_t x = next();
        uint32_t k = x % 100;
        /* 90% counters, then 4/3/3% of the others */
        objs[i].ops = k < 90 ? &COUNTER : k < 94 ? &ACCUM : k < 97 ? &MIXER : &CLAMP;
        objs[i].a = (x >> 8) & 1023;
        objs[i].b = x >> 16;
    }
    for (int i = 0; i < EVENTS; i++) {
        uint32_t x = next();
        event_kind[i] = (uint8_t)(x % 100 < 90 ? 0 : 1 + (x >> 8) % 7);
        event_arg[i] = next();
    }
    State s = {0, 0, 0, 0};
    uint32_t h = 0, w = 0;
    for (int r = 0; r < ROUNDS; r++) {
        h = h * 31 + advance((uint32_t)r * 2654435761u);
        if ((r & 3) == 0)
            w ^= total_weight() + (uint32_t)r;
        pump(&s, (uint32_t)r);
        if (r % 64 == 63)
            for (int i = 0; i < OBJS; i++)
                objs[i].ops->reset(&objs[i]);
    }
    printf("%u %u %u %u %u %u\n", h, w, s.level, s.total, s.errors, s.peak);
    return 0;
}
