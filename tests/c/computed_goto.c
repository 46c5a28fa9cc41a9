/* a threaded bytecode interpreter: computed goto through a label table, label differences, blockaddress in a global table */
#include <stdint.h>
#include <stdio.h>

enum { OP_PUSH, OP_ADD, OP_MUL, OP_DUP, OP_SWAP, OP_JNZ, OP_DEC, OP_DROP, OP_HALT, OP_XOR, OP_COUNT };

/* acc = 1; counter = 20000; loop: acc = (acc * 3) ^ counter ^ 0x55 (mod 1000003); counter--; while counter;
   stack layout: [acc, counter] */
static const int32_t program[] = {
    OP_PUSH, 1,       /* acc */
    OP_PUSH, 20000,   /* counter */
    OP_SWAP,          /* 4: [counter, acc] */
    OP_PUSH, 3, OP_MUL, /* [counter, acc*3] */
    OP_XOR,           /* [counter, (acc*3) ^ counter ^ 0x55] */
    OP_SWAP, OP_DEC,  /* [acc, counter-1] */
    OP_DUP, OP_JNZ, 4, /* [acc, counter] */
    OP_DROP, OP_HALT, /* [acc] */
};

/* a table of labels kept in a global: filled by the interpreter on its first call */
static void *handlers[OP_COUNT];

static int64_t run(const int32_t *code, int64_t *steps_out) {
    static const int offsets[] = {
        &&op_push - &&op_push, &&op_add - &&op_push, &&op_mul - &&op_push, &&op_dup - &&op_push,
        &&op_swap - &&op_push, &&op_jnz - &&op_push, &&op_dec - &&op_push, &&op_drop - &&op_push,
        &&op_halt - &&op_push, &&op_xor - &&op_push,
    };
    if (!handlers[0])
        for (int i = 0; i < OP_COUNT; i++)
            handlers[i] = &&op_push + offsets[i];
    int64_t stack[64];
    int sp = 0, pc = 0;
    int64_t steps = 0;
#define NEXT                                                                                                      \
    do {                                                                                                          \
        steps++;                                                                                                  \
        goto *handlers[code[pc++]];                                                                               \
    } while (0)
    NEXT;
op_push:
    stack[sp++] = code[pc++];
    NEXT;
op_add:
    sp--;
    stack[sp - 1] += stack[sp];
    NEXT;
op_mul:
    sp--;
    stack[sp - 1] = (stack[sp - 1] * stack[sp]) % 1000003;
    NEXT;
op_xor: /* [a, b] -> [a, b ^ a ^ 0x55] */
    stack[sp - 1] ^= stack[sp - 2] ^ 0x55;
    NEXT;
op_dup:
    stack[sp] = stack[sp - 1];
    sp++;
    NEXT;
op_swap: {
    int64_t t = stack[sp - 1];
    stack[sp - 1] = stack[sp - 2];
    stack[sp - 2] = t;
    NEXT;
}
op_jnz:
    sp--;
    if (stack[sp])
        pc = code[pc];
    else
        pc++;
    NEXT;
op_dec:
    stack[sp - 1]--;
    NEXT;
op_drop:
    sp--;
    NEXT;
op_halt:
    *steps_out = steps;
    return sp > 0 ? stack[sp - 1] : -1;
#undef NEXT
}

int main(void) {
    int64_t steps = 0, total = 0;
    for (int round = 0; round < 5; round++) {
        int64_t r = run(program, &steps);
        total += r;
        printf("round %d: result %lld after %lld steps\n", round, (long long)r, (long long)steps);
    }
    printf("handlers distinct: %d\n", handlers[OP_ADD] != handlers[OP_MUL] && handlers[OP_HALT] != handlers[OP_PUSH]);
    return (int)(total % 101);
}
