/* workload: pgo-bytecode | stack-machine bytecode interpreter (switch in a loop, 28 opcodes) whose program spends almost all its time in five of them */
#include <stdint.h>
#include <stdio.h>

enum op {
    OP_HALT, OP_PUSH, OP_LOAD, OP_STORE, OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD, OP_AND, OP_OR, OP_XOR,
    OP_SHL, OP_SHR, OP_NEG, OP_NOT, OP_DUP, OP_SWAP, OP_POP, OP_LT, OP_EQ, OP_JMP, OP_JZ, OP_JNZ,
    OP_LOADM, OP_STOREM, OP_HASHM, OP_ROT, NUM_OPS
};

typedef struct {
    uint8_t op;
    int32_t arg;
} Insn;

#define MAX_CODE 256
#define LOCALS 16
#define MEM 1024
#define STACK 64

static Insn code[MAX_CODE];
static int ncode;
static uint64_t mem[MEM];
static uint64_t op_count[NUM_OPS];

/* Out of line so that the interpreter loop is a function of its own at every bitcode level. */
/* The interpreter: returns the number of instructions executed; locals are in/out. */
__attribute__((noinline)) static uint64_t run(const Insn *prog, uint64_t *locals) {
    uint64_t stack[STACK];
    int sp = 0;
    int pc = 0;
    uint64_t steps = 0;
    for (;;) {
        Insn in = prog[pc++];
        steps++;
        op_count[in.op]++;
        uint64_t a, b;
        switch (in.op) {
        case OP_HALT:
            return steps;
        case OP_PUSH: stack[sp++] = (uint64_t)(int64_t)in.arg; break;
        case OP_LOAD: stack[sp++] = locals[in.arg]; break;
        case OP_STORE: locals[in.arg] = stack[--sp]; break;
        case OP_ADD: b = stack[--sp]; stack[sp - 1] += b; break;
        case OP_SUB: b = stack[--sp]; stack[sp - 1] -= b; break;
        case OP_MUL: b = stack[--sp]; stack[sp - 1] *= b; break;
        case OP_DIV:
            b = stack[--sp];
            stack[sp - 1] = b ? stack[sp - 1] / b : 0;
            break;
        case OP_MOD:
            b = stack[--sp];
            stack[sp - 1] = b ? stack[sp - 1] % b : 0;
            break;
        case OP_AND: b = stack[--sp]; stack[sp - 1] &= b; break;
        case OP_OR: b = stack[--sp]; stack[sp - 1] |= b; break;
        case OP_XOR: b = stack[--sp]; stack[sp - 1] ^= b; break;
        case OP_SHL: b = stack[--sp]; stack[sp - 1] <<= (b & 63); break;
        case OP_SHR: b = stack[--sp]; stack[sp - 1] >>= (b & 63); break;
        case OP_NEG: stack[sp - 1] = 0 - stack[sp - 1]; break;
        case OP_NOT: stack[sp - 1] = ~stack[sp - 1]; break;
        case OP_DUP: stack[sp] = stack[sp - 1]; sp++; break;
        case OP_SWAP:
            a = stack[sp - 1];
            stack[sp - 1] = stack[sp - 2];
            stack[sp - 2] = a;
            break;
        case OP_POP: sp--; break;
        case OP_LT: b = stack[--sp]; stack[sp - 1] = stack[sp - 1] < b; break;
        case OP_EQ: b = stack[--sp]; stack[sp - 1] = stack[sp - 1] == b; break;
        case OP_JMP: pc = in.arg; break;
        case OP_JZ:
            if (stack[--sp] == 0)
                pc = in.arg;
            break;
        case OP_JNZ:
            if (stack[--sp] != 0)
                pc = in.arg;
            break;
        case OP_LOADM: stack[sp - 1] = mem[stack[sp - 1] % MEM]; break;
        case OP_STOREM:
            a = stack[--sp];
            b = stack[--sp];
            mem[a % MEM] = b;
            break;
        case OP_HASHM: {
            /* heavy and rare: fold the whole memory into the top of the stack */
            uint64_t h = stack[sp - 1] ^ 0xcbf29ce484222325ull;
            for (int i = 0; i < MEM; i++) {
                h ^= mem[i];
                h *= 0x100000001b3ull;
                h ^= h >> 29;
            }
            stack[sp - 1] = h;
            break;
        }
        case OP_ROT: {
            uint64_t x = stack[sp - 1];
            unsigned r = (unsigned)in.arg & 63;
            stack[sp - 1] = (x << r) | (x >> ((64 - r) & 63));
            break;
        }
        default:
            return steps;
        }
        if (sp < 0 || sp > STACK - 4)
            return steps; /* malformed program: stop */
    }
}

/* ---- a tiny assembler ---- */
static void emit(enum op op, int32_t arg) {
    code[ncode].op = (uint8_t)op;
    code[ncode].arg = arg;
    ncode++;
}
static int here(void) { return ncode; }
static void patch(int at, int target) { code[at].arg = target; }

/* locals: 0 = x, 1 = i, 2 = n, 3 = y, 4 = z, 5 = k */
static void assemble(void) {
    int loop = here();
    /* x = x * 31 + i   (the hot, dominating part: PUSH / LOAD / STORE / arithmetic) */
    emit(OP_LOAD, 0);
    emit(OP_PUSH, 31);
    emit(OP_MUL, 0);
    emit(OP_LOAD, 1);
    emit(OP_ADD, 0);
    emit(OP_STORE, 0);
    /* x ^= x >> 13 */
    emit(OP_LOAD, 0);
    emit(OP_LOAD, 0);
    emit(OP_PUSH, 13);
    emit(OP_SHR, 0);
    emit(OP_XOR, 0);
    emit(OP_STORE, 0);
    /* y += x & 255 */
    emit(OP_LOAD, 3);
    emit(OP_LOAD, 0);
    emit(OP_PUSH, 255);
    emit(OP_AND, 0);
    emit(OP_ADD, 0);
    emit(OP_STORE, 3);
    /* if ((i & 511) != 0) skip the rare block */
    emit(OP_LOAD, 1);
    emit(OP_PUSH, 511);
    emit(OP_AND, 0);
    int skip = here();
    emit(OP_JNZ, 0);
    /* rare block: z = -(x % 1000003 / 7) ; mem[i] = z ; z = rot(hash(mem) ^ z) ; k = k | (z == y) */
    emit(OP_LOAD, 0);
    emit(OP_PUSH, 1000003);
    emit(OP_MOD, 0);
    emit(OP_PUSH, 7);
    emit(OP_DIV, 0);
    emit(OP_NEG, 0);
    emit(OP_DUP, 0);
    emit(OP_STORE, 4);
    emit(OP_LOAD, 1);
    emit(OP_STOREM, 0);
    emit(OP_LOAD, 4);
    emit(OP_NOT, 0);
    emit(OP_HASHM, 0);
    emit(OP_ROT, 17);
    emit(OP_LOAD, 1);
    emit(OP_PUSH, 3);
    emit(OP_SHL, 0);
    emit(OP_LOADM, 0);
    emit(OP_SWAP, 0);
    emit(OP_SUB, 0);
    emit(OP_STORE, 4);
    emit(OP_LOAD, 5);
    emit(OP_LOAD, 4);
    emit(OP_LOAD, 3);
    emit(OP_EQ, 0);
    emit(OP_OR, 0);
    emit(OP_STORE, 5);
    emit(OP_LOAD, 4);
    emit(OP_POP, 0);
    patch(skip, here());
    /* i = i + 1; if (i < n) goto loop */
    emit(OP_LOAD, 1);
    emit(OP_PUSH, 1);
    emit(OP_ADD, 0);
    emit(OP_DUP, 0);
    emit(OP_STORE, 1);
    emit(OP_LOAD, 2);
    emit(OP_LT, 0);
    emit(OP_JNZ, loop);
    emit(OP_HALT, 0);
}

int main(void) {
    assemble();
    for (int i = 0; i < MEM; i++)
        mem[i] = (uint64_t)i * 0x9e3779b97f4a7c15ull;
    uint64_t total_steps = 0, check = 0;
    for (int rep = 0; rep < 40; rep++) {
        uint64_t locals[LOCALS] = {0};
        locals[0] = (uint64_t)rep * 7919 + 1;
        locals[2] = 200000 + (uint64_t)rep * 1000;
        total_steps += run(code, locals);
        check = check * 1000003 + (locals[0] ^ locals[3] ^ locals[4] ^ locals[5]);
    }
    uint64_t ops = 0;
    for (int i = 0; i < NUM_OPS; i++)
        ops = ops * 31 + op_count[i];
    printf("%llu %llu %llu\n", (unsigned long long)total_steps, (unsigned long long)check, (unsigned long long)ops);
    return 0;
}
