/* exercises: enum-driven state machines - an expression tokenizer (switch on enum state) and a traffic-light FSM with a designated-initializer transition table */
#include <stdio.h>
#include <ctype.h>
#include <string.h>

typedef enum { S_START, S_INT, S_FRAC, S_IDENT, S_OP, S_SPACE, S_ERROR } State;
typedef enum { T_NUM, T_IDENT, T_OP, T_ERR, T_COUNT } TokKind;
static const char *tok_names[] = {"NUM", "IDENT", "OP", "ERR"};

typedef enum { RED, RED_AMBER, GREEN, AMBER, NUM_LIGHTS } Light;
typedef enum { EV_TICK, EV_EMERGENCY, EV_RESET, NUM_EVENTS } Event;
static const Light transition[NUM_LIGHTS][NUM_EVENTS] = {
    [RED] = {[EV_TICK] = RED_AMBER, [EV_EMERGENCY] = RED, [EV_RESET] = RED},
    [RED_AMBER] = {[EV_TICK] = GREEN, [EV_EMERGENCY] = RED, [EV_RESET] = RED},
    [GREEN] = {[EV_TICK] = AMBER, [EV_EMERGENCY] = AMBER, [EV_RESET] = RED},
    [AMBER] = {[EV_TICK] = RED, [EV_EMERGENCY] = RED, [EV_RESET] = RED},
};
static const char *light_names[] = {"red", "red+amber", "green", "amber"};

static int is_op(char c) { return c && strchr("+-*/()=<>", c) != NULL; }

static State step(State s, char c) {
    switch (s) {
    case S_INT:
        if (isdigit((unsigned char)c)) return S_INT;
        if (c == '.') return S_FRAC;
        break;
    case S_FRAC:
        if (isdigit((unsigned char)c)) return S_FRAC;
        if (c == '.') return S_ERROR;
        break;
    case S_IDENT:
        if (isalnum((unsigned char)c) || c == '_') return S_IDENT;
        break;
    case S_START: case S_OP: case S_SPACE: case S_ERROR:
        break;
    }
    if (isdigit((unsigned char)c)) return S_INT;
    if (isalpha((unsigned char)c) || c == '_') return S_IDENT;
    if (c == ' ') return S_SPACE;
    if (is_op(c)) return S_OP;
    return S_ERROR;
}

static TokKind kind_of(State s) {
    switch (s) {
    case S_INT: case S_FRAC: return T_NUM;
    case S_IDENT: return T_IDENT;
    case S_OP: return T_OP;
    default: return T_ERR;
    }
}

static int tokenize(const char *src, int counts[T_COUNT]) {
    State s = S_START;
    int ntok = 0;
    const char *start = src;
    for (const char *p = src;; p++) {
        State n = *p ? step(s, *p) : S_START;
        int boundary = ((n != s) && !(s == S_INT && n == S_FRAC)) || s == S_OP || s == S_ERROR;
        if (boundary && s != S_START && s != S_SPACE) {
            TokKind k = kind_of(s);
            counts[k]++;
            ntok++;
            printf("  %-5s '%.*s'\n", tok_names[k], (int)(p - start), start);
        }
        if (boundary) start = p;
        if (!*p) break;
        s = n;
    }
    return ntok;
}

int main(void) {
    int counts[T_COUNT] = {0};
    int n = tokenize("x1 = 3.25*(foo_bar+42) - 7..5 # y<z", counts);
    printf("tokens=%d num=%d ident=%d op=%d err=%d\n", n, counts[T_NUM], counts[T_IDENT], counts[T_OP], counts[T_ERR]);
    Light l = RED;
    const Event evs[] = {EV_TICK, EV_TICK, EV_TICK, EV_EMERGENCY, EV_TICK, EV_TICK, EV_TICK, EV_EMERGENCY, EV_TICK, EV_RESET, EV_TICK};
    int greens = 0;
    for (unsigned i = 0; i < sizeof evs / sizeof evs[0]; i++) {
        l = transition[l][evs[i]];
        greens += l == GREEN;
        printf("%s%s", light_names[l], i + 1 < sizeof evs / sizeof evs[0] ? " -> " : "\n");
    }
    printf("final=%s greens=%d\n", light_names[l], greens);
    return n * 3 + greens + (int)l;
}
