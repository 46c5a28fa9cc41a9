/* a tail-calling bytecode interpreter: each handler ends in a musttail call through a table of handlers, a handler that calls back into the interpreter, tail recursion a million deep, a musttail call with a wide argument list */
#include <stdint.h>
#include <stdio.h>

typedef struct vm vm;
typedef int64_t (*handler)(const int32_t *pc, int64_t *sp, int64_t acc, vm *m);

struct vm {
    const handler *table;
    int64_t steps;
    int64_t calls;
};

enum { OP_PUSH, OP_ADD, OP_MUL, OP_XOR, OP_DEC, OP_JNZ, OP_SWAP, OP_DUP, OP_DROP, OP_CALL, OP_MOD, OP_ROT, OP_HALT, OP_COUNT };

#define NEXT(pc, sp, acc, m)                                                                                          \
    do {                                                                                                               \
        (m)->steps++;                                                                                                  \
        __attribute__((musttail)) return (m)->table[*(pc)]((pc), (sp), (acc), (m));                                   \
    } while (0)

static int64_t run(const int32_t *code, vm *m);

/* The stack holds values; `acc` caches nothing but a running checksum of every value pushed. */
static int64_t op_push(const int32_t *pc, int64_t *sp, int64_t acc, vm *m) {
    *sp++ = pc[1];
    acc = acc * 31 + pc[1];
    pc += 2;
    NEXT(pc, sp, acc, m);
}

static int64_t op_add(const int32_t *pc, int64_t *sp, int64_t acc, vm *m) {
    sp--;
    sp[-1] += sp[0];
    pc++;
    NEXT(pc, sp, acc, m);
}

static int64_t op_mul(const int32_t *pc, int64_t *sp, int64_t acc, vm *m) {
    sp--;
    sp[-1] *= sp[0];
    pc++;
    NEXT(pc, sp, acc, m);
}

static int64_t op_xor(const int32_t *pc, int64_t *sp, int64_t acc, vm *m) {
    sp--;
    sp[-1] ^= sp[0];
    acc ^= sp[-1];
    pc++;
    NEXT(pc, sp, acc, m);
}

static int64_t op_mod(const int32_t *pc, int64_t *sp, int64_t acc, vm *m) {
    sp--;
    sp[-1] %= sp[0];
    pc++;
    NEXT(pc, sp, acc, m);
}

static int64_t op_dec(const int32_t *pc, int64_t *sp, int64_t acc, vm *m) {
    sp[-1]--;
    pc++;
    NEXT(pc, sp, acc, m);
}

static int64_t op_jnz(const int32_t *pc, int64_t *sp, int64_t acc, vm *m) {
    int64_t v = *--sp;
    pc = v ? pc + pc[1] : pc + 2;
    NEXT(pc, sp, acc, m);
}

static int64_t op_swap(const int32_t *pc, int64_t *sp, int64_t acc, vm *m) {
    int64_t t = sp[-1];
    sp[-1] = sp[-2];
    sp[-2] = t;
    pc++;
    NEXT(pc, sp, acc, m);
}

static int64_t op_dup(const int32_t *pc, int64_t *sp, int64_t acc, vm *m) {
    sp[0] = sp[-1];
    sp++;
    pc++;
    NEXT(pc, sp, acc, m);
}

static int64_t op_drop(const int32_t *pc, int64_t *sp, int64_t acc, vm *m) {
    sp--;
    pc++;
    NEXT(pc, sp, acc, m);
}

static int64_t op_rot(const int32_t *pc, int64_t *sp, int64_t acc, vm *m) {
    int64_t t = sp[-3];
    sp[-3] = sp[-2];
    sp[-2] = sp[-1];
    sp[-1] = t;
    pc++;
    NEXT(pc, sp, acc, m);
}

/* A small sub-program run by a nested interpreter (not a tail call): its result goes into the checksum. */
static const int32_t square_plus_one[] = {OP_PUSH, 7, OP_DUP, OP_MUL, OP_PUSH, 1, OP_ADD, OP_HALT};

static int64_t op_call(const int32_t *pc, int64_t *sp, int64_t acc, vm *m) {
    m->calls++;
    acc = acc * 7 + run(square_plus_one, m);
    pc++;
    NEXT(pc, sp, acc, m);
}

static int64_t op_halt(const int32_t *pc, int64_t *sp, int64_t acc, vm *m) {
    (void)pc;
    (void)m;
    return sp[-1] ^ (acc & 0xffff);
}

static const handler handlers[OP_COUNT] = {
    [OP_PUSH] = op_push, [OP_ADD] = op_add,   [OP_MUL] = op_mul,   [OP_XOR] = op_xor,  [OP_DEC] = op_dec,
    [OP_JNZ] = op_jnz,   [OP_SWAP] = op_swap, [OP_DUP] = op_dup,   [OP_DROP] = op_drop, [OP_CALL] = op_call,
    [OP_MOD] = op_mod,   [OP_ROT] = op_rot,   [OP_HALT] = op_halt,
};

static int64_t run(const int32_t *code, vm *m) {
    int64_t stack[64];
    return handlers[code[0]](code, stack, 0, m);
}

/* a = 1; n = 300000; loop: a = ((a ^ n) * 3) % 1000003; every 1000th round runs a sub-program; n--; while n.
   Stack at the loop's top: [a, n]. */
static const int32_t program[] = {
    OP_PUSH, 1, OP_PUSH, 300000,
    /* 4 */ OP_DUP, OP_ROT, OP_XOR,               /* [n, n ^ a] */
    /* 7 */ OP_PUSH, 3, OP_MUL, OP_PUSH, 1000003, OP_MOD, /* [n, a'] */
    /* 13 */ OP_SWAP, OP_DUP, OP_PUSH, 1000, OP_MOD, /* [a', n, n % 1000] */
    /* 18 */ OP_JNZ, 3, OP_CALL,                  /* the call when n % 1000 == 0 */
    /* 21 */ OP_DEC, OP_DUP, OP_JNZ, -19,         /* back to 4 while n */
    /* 25 */ OP_DROP, OP_HALT,
};

/* Mutual tail recursion a million calls deep: without a guaranteed tail call this overflows the stack. */
static int64_t down_odd(int64_t n, int64_t acc);

static int64_t down_even(int64_t n, int64_t acc) {
    if (n == 0)
        return acc;
    __attribute__((musttail)) return down_odd(n - 1, acc + (n & 7));
}

static int64_t down_odd(int64_t n, int64_t acc) {
    if (n == 0)
        return -acc;
    __attribute__((musttail)) return down_even(n - 1, acc ^ n);
}

/* Six integer and eight floating-point arguments, all in registers: rotated on every call. */
static double spin(int64_t a, int64_t b, int64_t c, int64_t d, int64_t e, int64_t f, double x0, double x1, double x2,
                   double x3, double x4, double x5, double x6, double x7) {
    if (a <= 0)
        return (double)(b + c + d + e + f) + x0 + 2 * x1 + 3 * x2 + 4 * x3 + 5 * x4 + 6 * x5 + 7 * x6 + 8 * x7;
    __attribute__((musttail)) return spin(a - 1, c, d, e, f, b, x1, x2, x3, x4, x5, x6, x7, x0 * 0.75 + (double)(a % 5));
}

int main(void) {
    vm m = {handlers, 0, 0};
    int64_t r = run(program, &m);
    printf("program: %lld after %lld steps, %lld nested runs\n", (long long)r, (long long)m.steps, (long long)m.calls);
    int64_t t = down_even(1000001, 5);
    printf("tail recursion: %lld\n", (long long)t);
    double s = spin(300000, 1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 6, 7, 8);
    printf("spin: %.6f\n", s);
    return (int)((r ^ t ^ m.steps) & 63);
}
