/* workload: interpreter | switch-dispatch register bytecode VM running a sieve, a Collatz search with subroutine calls and a nested hashing loop */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

enum op {
    OP_HALT, OP_LI, OP_MOV, OP_ADD, OP_SUB, OP_MUL, OP_AND, OP_XOR, OP_OR,
    OP_ADDI, OP_SHLI, OP_SHRI, OP_LD, OP_ST, OP_JMP, OP_JLT, OP_JGE, OP_JEQ,
    OP_JNZ, OP_JZ, OP_CALL, OP_RET, NUM_OPS
};

struct insn {
    uint8_t op, a, b, c;
    int32_t imm;
};

#define MEM_WORDS (1 << 18)
#define MEM_MASK (MEM_WORDS - 1)
#define NREGS 16
#define MAX_CODE 512
#define STACK_DEPTH 64

static uint64_t mem[MEM_WORDS];

/* ---- the interpreter ---- */
static uint64_t run(const struct insn *code, uint64_t *r) {
    uint32_t stack[STACK_DEPTH];
    int sp = 0;
    uint32_t pc = 0;
    uint64_t executed = 0;
    for (;;) {
        const struct insn *in = &code[pc++];
        executed++;
        switch (in->op) {
        case OP_HALT:
            return executed;
        case OP_LI: r[in->a] = (uint64_t)(int64_t)in->imm; break;
        case OP_MOV: r[in->a] = r[in->b]; break;
        case OP_ADD: r[in->a] = r[in->b] + r[in->c]; break;
        case OP_SUB: r[in->a] = r[in->b] - r[in->c]; break;
        case OP_MUL: r[in->a] = r[in->b] * r[in->c]; break;
        case OP_AND: r[in->a] = r[in->b] & r[in->c]; break;
        case OP_XOR: r[in->a] = r[in->b] ^ r[in->c]; break;
        case OP_OR: r[in->a] = r[in->b] | r[in->c]; break;
        case OP_ADDI: r[in->a] = r[in->b] + (uint64_t)(int64_t)in->imm; break;
        case OP_SHLI: r[in->a] = r[in->b] << (in->imm & 63); break;
        case OP_SHRI: r[in->a] = r[in->b] >> (in->imm & 63); break;
        case OP_LD: r[in->a] = mem[(r[in->b] + (uint64_t)(int64_t)in->imm) & MEM_MASK]; break;
        case OP_ST: mem[(r[in->b] + (uint64_t)(int64_t)in->imm) & MEM_MASK] = r[in->a]; break;
        case OP_JMP: pc = (uint32_t)in->imm; break;
        case OP_JLT: if (r[in->a] < r[in->b]) pc = (uint32_t)in->imm; break;
        case OP_JGE: if (r[in->a] >= r[in->b]) pc = (uint32_t)in->imm; break;
        case OP_JEQ: if (r[in->a] == r[in->b]) pc = (uint32_t)in->imm; break;
        case OP_JNZ: if (r[in->a] != 0) pc = (uint32_t)in->imm; break;
        case OP_JZ: if (r[in->a] == 0) pc = (uint32_t)in->imm; break;
        case OP_CALL:
            if (sp == STACK_DEPTH)
                return executed; /* stack overflow: stop */
            stack[sp++] = pc;
            pc = (uint32_t)in->imm;
            break;
        case OP_RET:
            if (sp == 0)
                return executed;
            pc = stack[--sp];
            break;
        default:
            return executed;
        }
    }
}

/* ---- a tiny assembler with forward-reference labels ---- */
static struct insn code[MAX_CODE];
static int ncode;
static int label_pos[64];
static int fix_at[MAX_CODE], fix_label[MAX_CODE], nfix;

static void emit(enum op op, int a, int b, int c, int32_t imm) {
    code[ncode].op = (uint8_t)op;
    code[ncode].a = (uint8_t)a;
    code[ncode].b = (uint8_t)b;
    code[ncode].c = (uint8_t)c;
    code[ncode].imm = imm;
    ncode++;
}
static void emit_jump(enum op op, int a, int b, int label) {
    fix_at[nfix] = ncode;
    fix_label[nfix] = label;
    nfix++;
    emit(op, a, b, 0, 0);
}
static void bind(int label) { label_pos[label] = ncode; }
static void resolve_labels(void) {
    for (int i = 0; i < nfix; i++)
        code[fix_at[i]].imm = label_pos[fix_label[i]];
}

/* register conventions: r0 = 0, r15 = 1, r14 = result accumulator */
enum {
    L_SIEVE_REP, L_CLR, L_OUTER, L_INNER, L_NEXT, L_COUNT, L_CNT, L_SKIP,
    L_COLLATZ_LOOP, L_NOT_LONGER, L_COLLATZ_FN, L_C_LOOP, L_C_ODD, L_C_CONT, L_C_DONE,
    L_HASH_I, L_HASH_J, L_HASH_DONE, NUM_LABELS
};
_Static_assert(NUM_LABELS <= 64, "label table too small");

#define SIEVE_LIMIT 200000
#define SIEVE_REPS 14
#define PRIME_TABLE 210000
#define COLLATZ_LIMIT 400000
#define HASH_I 1800
#define HASH_J 1800

static void assemble(void) {
    emit(OP_LI, 0, 0, 0, 0);
    emit(OP_LI, 15, 0, 0, 1);
    emit(OP_LI, 14, 0, 0, 0);
    emit(OP_LI, 13, 0, 0, 31);

    /* --- sieve of Eratosthenes, repeated --- */
    emit(OP_LI, 12, 0, 0, SIEVE_REPS);
    bind(L_SIEVE_REP);
    emit(OP_LI, 2, 0, 0, SIEVE_LIMIT);
    emit(OP_LI, 3, 0, 0, 0);
    bind(L_CLR);
    emit(OP_ST, 0, 3, 0, 0);
    emit(OP_ADDI, 3, 3, 0, 1);
    emit_jump(OP_JLT, 3, 2, L_CLR);
    emit(OP_LI, 1, 0, 0, 2);
    bind(L_OUTER);
    emit(OP_MUL, 4, 1, 1, 0);
    emit_jump(OP_JGE, 4, 2, L_COUNT);
    emit(OP_LD, 5, 1, 0, 0);
    emit_jump(OP_JNZ, 5, 0, L_NEXT);
    bind(L_INNER);
    emit(OP_ST, 15, 4, 0, 0);
    emit(OP_ADD, 4, 4, 1, 0);
    emit_jump(OP_JLT, 4, 2, L_INNER);
    bind(L_NEXT);
    emit(OP_ADDI, 1, 1, 0, 1);
    emit_jump(OP_JMP, 0, 0, L_OUTER);
    bind(L_COUNT);
    emit(OP_LI, 3, 0, 0, 2);
    emit(OP_LI, 7, 0, 0, 0);
    bind(L_CNT);
    emit(OP_LD, 5, 3, 0, 0);
    emit_jump(OP_JNZ, 5, 0, L_SKIP);
    emit(OP_ADDI, 7, 7, 0, 1);
    emit(OP_ST, 3, 7, 0, PRIME_TABLE); /* record the prime above the sieve area */
    bind(L_SKIP);
    emit(OP_ADDI, 3, 3, 0, 1);
    emit_jump(OP_JLT, 3, 2, L_CNT);
    emit(OP_MUL, 14, 14, 13, 0);
    emit(OP_ADD, 14, 14, 7, 0);
    emit(OP_SUB, 12, 12, 15, 0);
    emit_jump(OP_JNZ, 12, 0, L_SIEVE_REP);
    emit(OP_MOV, 11, 7, 0, 0); /* r11 = prime count */

    /* --- total Collatz steps for 1 .. COLLATZ_LIMIT-1, via CALL/RET --- */
    emit(OP_LI, 1, 0, 0, 1);
    emit(OP_LI, 2, 0, 0, COLLATZ_LIMIT);
    emit(OP_LI, 9, 0, 0, 0);
    emit(OP_LI, 10, 0, 0, 0); /* longest chain */
    bind(L_COLLATZ_LOOP);
    emit(OP_MOV, 3, 1, 0, 0);
    emit_jump(OP_CALL, 0, 0, L_COLLATZ_FN);
    emit(OP_ADD, 9, 9, 4, 0);
    emit_jump(OP_JLT, 4, 10, L_NOT_LONGER); /* r10 = max(r10, r4) */
    emit(OP_MOV, 10, 4, 0, 0);
    bind(L_NOT_LONGER);
    emit(OP_ADDI, 1, 1, 0, 1);
    emit_jump(OP_JLT, 1, 2, L_COLLATZ_LOOP);
    emit(OP_MUL, 14, 14, 13, 0);
    emit(OP_ADD, 14, 14, 9, 0);

    /* --- nested hashing loop over memory --- */
    emit(OP_LI, 1, 0, 0, 0);
    emit(OP_LI, 2, 0, 0, HASH_I);
    emit(OP_LI, 6, 0, 0, HASH_J);
    emit(OP_LI, 8, 0, 0, 0x01000193);
    emit(OP_LI, 5, 0, 0, 0x011c9dc5);
    bind(L_HASH_I);
    emit(OP_LI, 3, 0, 0, 0);
    bind(L_HASH_J);
    emit(OP_MUL, 4, 1, 3, 0);
    emit(OP_LD, 7, 4, 0, 0);
    emit(OP_XOR, 5, 5, 7, 0);
    emit(OP_MUL, 5, 5, 8, 0);
    emit(OP_SHRI, 7, 5, 0, 29);
    emit(OP_XOR, 5, 5, 7, 0);
    emit(OP_ADD, 4, 1, 3, 0);
    emit(OP_ST, 5, 4, 0, 0);
    emit(OP_ADDI, 3, 3, 0, 1);
    emit_jump(OP_JLT, 3, 6, L_HASH_J);
    emit(OP_ADDI, 1, 1, 0, 1);
    emit_jump(OP_JLT, 1, 2, L_HASH_I);
    bind(L_HASH_DONE);
    emit(OP_MUL, 14, 14, 13, 0);
    emit(OP_ADD, 14, 14, 5, 0);
    emit(OP_HALT, 0, 0, 0, 0);

    /* --- subroutine: r4 = number of Collatz steps from r3 to 1 --- */
    bind(L_COLLATZ_FN);
    emit(OP_LI, 4, 0, 0, 0);
    bind(L_C_LOOP);
    emit_jump(OP_JEQ, 3, 15, L_C_DONE);
    emit(OP_AND, 6, 3, 15, 0);
    emit_jump(OP_JNZ, 6, 0, L_C_ODD);
    emit(OP_SHRI, 3, 3, 0, 1);
    emit_jump(OP_JMP, 0, 0, L_C_CONT);
    bind(L_C_ODD);
    emit(OP_ADD, 7, 3, 3, 0);
    emit(OP_ADD, 3, 7, 3, 0);
    emit(OP_ADDI, 3, 3, 0, 1);
    bind(L_C_CONT);
    emit(OP_ADDI, 4, 4, 0, 1);
    emit_jump(OP_JMP, 0, 0, L_C_LOOP);
    bind(L_C_DONE);
    emit(OP_RET, 0, 0, 0, 0);
    resolve_labels();
}

int main(void) {
    assemble();
    uint64_t regs[NREGS];
    memset(regs, 0, sizeof regs);
    uint64_t executed = run(code, regs);

    uint64_t mem_hash = 0;
    for (int i = 0; i < MEM_WORDS; i += 97)
        mem_hash = mem_hash * 1099511628211ull + mem[i];
    printf("bytecode: %d instructions, executed %llu\n", ncode, (unsigned long long)executed);
    printf("primes below %d: %llu, collatz steps: %llu, longest chain: %llu\n", SIEVE_LIMIT,
           (unsigned long long)regs[11], (unsigned long long)regs[9], (unsigned long long)regs[10]);
    printf("result register: %llu\n", (unsigned long long)regs[14]);
    printf("memory hash: %llu\n", (unsigned long long)mem_hash);
    return (int)((regs[14] ^ mem_hash) % 101u);
}
