/* exercises: switch-dispatch bytecode interpreter with a stack, jumps, calls and returns */
#include <stdio.h>

enum Op { PUSH, POP, ADD, SUB, MUL, DIV, MOD, DUP, SWAP, OVER, JMP, JZ, JNZ, LT, EQ, LOAD, STORE, CALL, RET, PRINT, HALT };

static const char *opnames[] = {"PUSH", "POP", "ADD", "SUB", "MUL", "DIV", "MOD", "DUP", "SWAP", "OVER",
                                "JMP", "JZ", "JNZ", "LT", "EQ", "LOAD", "STORE", "CALL", "RET", "PRINT", "HALT"};

static long run(const int *code, long *vars, int *steps_out, int *opcount) {
    long stack[256]; int sp = 0;
    int rstack[64]; int rsp = 0;
    int pc = 0, steps = 0;
    for (;;) {
        int op = code[pc++];
        steps++;
        opcount[op]++;
        switch (op) {
        case PUSH: stack[sp++] = code[pc++]; break;
        case POP: sp--; break;
        case ADD: sp--; stack[sp - 1] += stack[sp]; break;
        case SUB: sp--; stack[sp - 1] -= stack[sp]; break;
        case MUL: sp--; stack[sp - 1] *= stack[sp]; break;
        case DIV: sp--; stack[sp - 1] /= stack[sp]; break;
        case MOD: sp--; stack[sp - 1] %= stack[sp]; break;
        case DUP: stack[sp] = stack[sp - 1]; sp++; break;
        case SWAP: { long t = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = t; } break;
        case OVER: stack[sp] = stack[sp - 2]; sp++; break;
        case JMP: pc = code[pc]; break;
        case JZ: { int t = code[pc++]; if (stack[--sp] == 0) pc = t; } break;
        case JNZ: { int t = code[pc++]; if (stack[--sp] != 0) pc = t; } break;
        case LT: sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
        case EQ: sp--; stack[sp - 1] = stack[sp - 1] == stack[sp]; break;
        case LOAD: stack[sp++] = vars[code[pc++]]; break;
        case STORE: vars[code[pc++]] = stack[--sp]; break;
        case CALL: rstack[rsp++] = pc + 1; pc = code[pc]; break;
        case RET: pc = rstack[--rsp]; break;
        case PRINT: printf("  out: %ld\n", stack[--sp]); break;
        case HALT: *steps_out = steps; return sp ? stack[sp - 1] : 0;
        default: printf("bad op %d\n", op); *steps_out = steps; return -1;
        }
    }
}

int main(void) {
    /* v0 = i, v1 = acc ; sum of squares 1..30 via subroutine, printing every multiple of 10; then gcd(1071, 462) */
    const int prog[] = {
        /* 0 */ PUSH, 1, STORE, 0, PUSH, 0, STORE, 1,
        /* 8 loop: */ LOAD, 0, PUSH, 31, LT, JZ, 42,
        /* 15 */ LOAD, 0, CALL, 60, LOAD, 1, ADD, STORE, 1,
        /* 24 */ LOAD, 0, PUSH, 10, MOD, JNZ, 34, LOAD, 1, PRINT,
        /* 34 */ LOAD, 0, PUSH, 1, ADD, STORE, 0, JMP,
        /* 42 */ 8,
        /* 43 */ PUSH, 1071, PUSH, 462,
        /* 47 gcd: */ DUP, JZ, 57, SWAP, OVER, MOD, JMP, 47, HALT, HALT,
        /* 57 */ POP, HALT, HALT,
        /* 60 square: */ DUP, MUL, RET,
    };
    /* fix up: JZ at 13 targets 43 (after loop) */
    int code[sizeof prog / sizeof prog[0]];
    for (unsigned i = 0; i < sizeof prog / sizeof prog[0]; i++) code[i] = prog[i];
    code[14] = 43;
    long vars[4] = {0, 0, 0, 0};
    int steps = 0, opcount[HALT + 1] = {0};
    long r = run(code, vars, &steps, opcount);
    printf("result(gcd)=%ld acc=%ld steps=%d\n", r, vars[1], steps);
    for (int i = 0; i <= HALT; i++) if (opcount[i]) printf("%-6s %d\n", opnames[i], opcount[i]);
    return (int)(r + steps % 50);
}
