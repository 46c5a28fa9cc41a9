/* exercises: structs passed and returned by value - 8/16-byte int structs, double structs, mixed, large (>16 byte) structs */
#include <stdio.h>

typedef struct { int x, y; } P8;
typedef struct { long a; long b; } P16;
typedef struct { double re, im; } Cplx;
typedef struct { float f; int i; } FI;
typedef struct { int i; double d; } ID;
typedef struct { char c; short s; } Tiny;
typedef struct { long v[5]; double w; char tag[8]; } Big;

static P8 p8_add(P8 a, P8 b) { P8 r = { a.x + b.x, a.y + b.y }; return r; }
static P16 p16_swap_mul(P16 p, long k) { P16 r = { p.b * k, p.a * k }; return r; }
static Cplx cmul(Cplx a, Cplx b) { Cplx r = { a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re }; return r; }
static FI fi_make(float f, int i) { FI r; r.f = f * 2.0f; r.i = i + 1; return r; }
static ID id_step(ID v) { v.i *= 3; v.d /= 4.0; return v; }
static Tiny tiny_inc(Tiny t) { t.c++; t.s = (short)(t.s * 2); return t; }

static Big big_make(int seed) {
    Big b;
    for (int i = 0; i < 5; i++) b.v[i] = (long)seed * (i + 1);
    b.w = seed * 0.5;
    for (int i = 0; i < 7; i++) b.tag[i] = (char)('a' + (seed + i) % 26);
    b.tag[7] = 0;
    return b;
}

static Big big_combine(Big a, Big b, int scale) {
    Big r;
    for (int i = 0; i < 5; i++) r.v[i] = a.v[i] * scale - b.v[4 - i];
    r.w = a.w + b.w * scale;
    for (int i = 0; i < 8; i++) r.tag[i] = i % 2 ? a.tag[i] : b.tag[i];
    a.v[0] = -1; /* modifying the by-value copy must not affect the caller */
    return r;
}

static long big_sum(Big b) {
    long s = 0;
    for (int i = 0; i < 5; i++) s += b.v[i];
    return s + (long)b.w;
}

static Cplx cpow_n(Cplx z, int n) {
    Cplx r = { 1.0, 0.0 };
    for (int i = 0; i < n; i++) r = cmul(r, z);
    return r;
}

int main(void) {
    P8 a = { 3, 4 }, b = { -10, 20 };
    P8 c = p8_add(a, b);
    printf("P8: %d %d\n", c.x, c.y);
    P16 p = { 1234567890123L, -42 };
    P16 q = p16_swap_mul(p, 3);
    printf("P16: %ld %ld\n", q.a, q.b);
    Cplx z = { 0.5, 1.25 };
    Cplx z5 = cpow_n(z, 5);
    printf("Cplx^5: %.6f %.6f\n", z5.re, z5.im);
    FI fi = fi_make(1.75f, 99);
    printf("FI: %.3f %d\n", fi.f, fi.i);
    ID id = { 7, 10.0 };
    id = id_step(id_step(id));
    printf("ID: %d %.5f\n", id.i, id.d);
    Tiny t = { 'A', 300 };
    t = tiny_inc(tiny_inc(t));
    printf("Tiny: %c %d\n", t.c, t.s);
    Big b1 = big_make(3), b2 = big_make(11);
    Big b3 = big_combine(b1, b2, 2);
    printf("Big b1.v0=%ld (unchanged) b3: %ld %ld %ld %ld %ld w=%.2f tag=%s\n",
           b1.v[0], b3.v[0], b3.v[1], b3.v[2], b3.v[3], b3.v[4], b3.w, b3.tag);
    long s = big_sum(b3);
    printf("big_sum=%ld\n", s);
    int code = (int)((s < 0 ? -s : s) % 50) + c.x + 7;
    return code;
}
