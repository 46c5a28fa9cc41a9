/* exercises: SysV struct classes across calls (float+int, double+float, char[3], three longs in memory, five double pairs, three floats), struct returns from libc (div, ldiv, lldiv), qsort with a JIT comparator */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
typedef struct { float f; int i; } FI;
typedef struct { double d; float f; } DF;
typedef struct { char c[3]; } C3;
typedef struct { long a, b, c; } L3;
typedef struct { double x, y; } V2;
typedef struct { float x, y, z; } V3f;
__attribute__((noinline)) FI fi(int k) { FI r = { k * 0.5f, k * 3 }; return r; }
__attribute__((noinline)) DF df(DF a, FI b) { DF r = { a.d + b.f, a.f * b.i }; return r; }
__attribute__((noinline)) C3 c3(C3 a) { C3 r = { { a.c[2], a.c[0], (char)(a.c[1] + 1) } }; return r; }
__attribute__((noinline)) L3 l3(L3 a, L3 b) { L3 r = { a.a + b.c, a.b * b.b, a.c - b.a }; return r; }
__attribute__((noinline)) V2 v2(V2 a, V2 b, V2 c, V2 d, V2 e) { V2 r = { a.x + b.y * c.x - d.y + e.x, a.y - e.y }; return r; }
__attribute__((noinline)) V3f v3(V3f a, float s) { V3f r = { a.y * s, a.z * s, a.x * s }; return r; }
static int cmp(const void *a, const void *b) { const V2 *p = a, *q = b; return (p->x > q->x) - (p->x < q->x); }
int main(void) {
    double acc = 0; long li = 0;
    V2 arr[300];
    for (int k = 0; k < 4000; k++) {
        FI a = fi(k); DF d = { k * 0.25, 1.5f }; DF e = df(d, a);
        C3 c = { { (char)k, (char)(k >> 3), 5 } }; C3 cc = c3(c);
        L3 x = { k, k * 2, k * 3 }, y = { 1, 2, 3 }; L3 z = l3(x, y);
        V2 p = { k, 1 }, q = { 2, k }; V2 r = v2(p, q, p, q, p);
        V3f s = { 1, 2, k }; V3f t = v3(s, 0.5f);
        acc += e.d + e.f + r.x + r.y + t.x + t.y + t.z; li += cc.c[0] + cc.c[1] + cc.c[2] + z.a + z.b + z.c;
        arr[k % 300] = r;
    }
    qsort(arr, 300, sizeof(V2), cmp);
    div_t dv = div(-17, 5); ldiv_t ld = ldiv(1234567890123L, 97); lldiv_t lld = lldiv(-99999999999LL, 7);
    printf("%.3f %ld %.1f %.1f\n%d %d %ld %ld %lld %lld\n", acc, li, arr[0].x, arr[299].x, dv.quot, dv.rem, ld.quot, ld.rem, lld.quot, lld.rem);
    return (int)(li & 63);
}
