/* exercises: unions - type punning float/int bits, tagged unions, union of structs, union arrays */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

typedef union { float f; uint32_t u; unsigned char b[4]; } FBits;
typedef union { double d; uint64_t u; } DBits;

enum Kind { K_INT, K_DBL, K_STR, K_PAIR };
typedef struct {
    enum Kind kind;
    union {
        long i;
        double d;
        const char *s;
        struct { short a, b; } pair;
    } as;
} Value;

static double value_num(Value v) {
    switch (v.kind) {
    case K_INT: return (double)v.as.i;
    case K_DBL: return v.as.d;
    case K_STR: return (double)strlen(v.as.s);
    case K_PAIR: return v.as.pair.a * 100.0 + v.as.pair.b;
    }
    return 0;
}

int main(void) {
    FBits fb;
    fb.f = 1.0f;
    printf("1.0f bits = 0x%08x\n", (unsigned)fb.u);
    fb.f = -2.5f;
    printf("-2.5f bits = 0x%08X bytes %02x %02x %02x %02x\n", (unsigned)fb.u, fb.b[0], fb.b[1], fb.b[2], fb.b[3]);
    fb.u = 0x40490fdbu;
    printf("0x40490fdb as float = %.6f\n", fb.f);
    DBits db;
    db.d = 0.1;
    printf("0.1 bits = %016llx\n", (unsigned long long)db.u);
    db.u = 0x3ff8000000000000ull;
    printf("0x3ff8.. = %g\n", db.d);
    /* sign flip via bits */
    db.d = 123.75; db.u ^= 1ull << 63;
    printf("negated = %.2f\n", db.d);

    Value vals[5];
    vals[0].kind = K_INT; vals[0].as.i = -17;
    vals[1].kind = K_DBL; vals[1].as.d = 2.75;
    vals[2].kind = K_STR; vals[2].as.s = "hello union";
    vals[3].kind = K_PAIR; vals[3].as.pair.a = 3; vals[3].as.pair.b = -4;
    vals[4].kind = K_INT; vals[4].as.i = 1000;
    double total = 0;
    for (int i = 0; i < 5; i++) {
        double n = value_num(vals[i]);
        printf("val[%d] kind=%d num=%.2f\n", i, (int)vals[i].kind, n);
        total += n;
    }
    printf("total=%.2f sizeof(Value)=%zu sizeof(FBits)=%zu\n", total, sizeof(Value), sizeof(FBits));
    return (int)total % 97;
}
