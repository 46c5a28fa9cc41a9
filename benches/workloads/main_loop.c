/* workload: hot-kernel | OSR case: main itself runs a lexer state machine over a generated text buffer, many passes, no calls in the hot loop */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define BUF_LEN (1 << 20)
#define PASSES 140

enum state { S_START, S_IDENT, S_NUMBER, S_STRING, S_STRING_ESC, S_SLASH, S_COMMENT, S_COMMENT_STAR, S_LINE_COMMENT };
enum cls { C_OTHER, C_ALPHA, C_DIGIT, C_SPACE, C_NEWLINE, C_QUOTE, C_BACKSLASH, C_SLASH, C_STAR, C_OP };

static uint32_t gen_state = 0xC0FFEEu;
static uint32_t gen_next(void) {
    gen_state = gen_state * 1103515245u + 12345u;
    return gen_state >> 8;
}

static const char *const words[12] = {
    "int", "return", "while", "count", "x1", "buffer_len", "if", "else", "node", "tmp", "for", "value",
};
static const char ops[] = "+-*=<>(){};,&|!%";

/* produce plausible C-like text: identifiers, numbers, operators, strings, comments */
static size_t gen_input(char *buf, size_t len) {
    size_t pos = 0;
    while (pos + 64 < len) {
        uint32_t r = gen_next();
        switch (r % 16u) {
        case 0: case 1: case 2: case 3: case 4: {
            const char *w = words[(r >> 4) % 12u];
            while (*w)
                buf[pos++] = *w++;
            if (r & 0x100000u)
                buf[pos++] = (char)('a' + (r >> 12) % 26u);
            break;
        }
        case 5: case 6: {
            uint32_t v = (r >> 4) % 100000u;
            char tmp[8];
            int n = 0;
            do {
                tmp[n++] = (char)('0' + v % 10u);
                v /= 10u;
            } while (v);
            while (n)
                buf[pos++] = tmp[--n];
            break;
        }
        case 7: case 8: case 9:
            buf[pos++] = ops[(r >> 4) % 16u];
            break;
        case 10: {
            buf[pos++] = '"';
            int n = (int)((r >> 4) % 12u);
            for (int i = 0; i < n; i++) {
                uint32_t q = gen_next();
                if (q % 9u == 0) {
                    buf[pos++] = '\\';
                    buf[pos++] = (q & 16u) ? '"' : 'n';
                } else {
                    buf[pos++] = (char)('a' + q % 26u);
                }
            }
            buf[pos++] = '"';
            break;
        }
        case 11: {
            const char *c = (r & 16u) ? "/* note: x*y / z */" : "// trailing remark\n";
            while (*c)
                buf[pos++] = *c++;
            break;
        }
        case 12:
            buf[pos++] = '\n';
            break;
        default:
            buf[pos++] = ' ';
            break;
        }
    }
    return pos;
}

int main(void) {
    char *buf = malloc(BUF_LEN);
    if (!buf)
        return 100;
    size_t len = gen_input(buf, BUF_LEN);

    uint8_t cls[256];
    for (int c = 0; c < 256; c++) {
        uint8_t k = C_OTHER;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_')
            k = C_ALPHA;
        else if (c >= '0' && c <= '9')
            k = C_DIGIT;
        else if (c == ' ' || c == '\t')
            k = C_SPACE;
        else if (c == '\n')
            k = C_NEWLINE;
        else if (c == '"')
            k = C_QUOTE;
        else if (c == '\\')
            k = C_BACKSLASH;
        else if (c == '/')
            k = C_SLASH;
        else if (c == '*')
            k = C_STAR;
        else if (c != 0) {
            for (const char *o = ops; *o; o++)
                if (*o == c)
                    k = C_OP;
        }
        cls[c] = k;
    }

    uint64_t idents = 0, numbers = 0, strings = 0, comments = 0, opers = 0, lines = 0;
    uint64_t num_sum = 0, ident_hash = 0, total_hash = 0;
    for (int pass = 0; pass < PASSES; pass++) {
        enum state st = S_START;
        uint32_t h = (uint32_t)pass, num = 0;
        /* the hot loop: one character per iteration, all state in locals */
        for (size_t i = 0; i < len; i++) {
            uint8_t ch = (uint8_t)buf[i];
            uint8_t k = cls[ch];
        again:
            switch (st) {
            case S_START:
                switch (k) {
                case C_ALPHA: st = S_IDENT; h = 2166136261u ^ ch; break;
                case C_DIGIT: st = S_NUMBER; num = (uint32_t)(ch - '0'); break;
                case C_QUOTE: st = S_STRING; break;
                case C_SLASH: st = S_SLASH; break;
                case C_NEWLINE: lines++; break;
                case C_OP: case C_STAR: opers++; break;
                default: break;
                }
                break;
            case S_IDENT:
                if (k == C_ALPHA || k == C_DIGIT) {
                    h = (h ^ ch) * 16777619u;
                } else {
                    idents++;
                    ident_hash += h;
                    st = S_START;
                    goto again;
                }
                break;
            case S_NUMBER:
                if (k == C_DIGIT) {
                    num = num * 10u + (uint32_t)(ch - '0');
                } else {
                    numbers++;
                    num_sum += num;
                    st = S_START;
                    goto again;
                }
                break;
            case S_STRING:
                if (k == C_BACKSLASH)
                    st = S_STRING_ESC;
                else if (k == C_QUOTE) {
                    strings++;
                    st = S_START;
                }
                break;
            case S_STRING_ESC:
                st = S_STRING;
                break;
            case S_SLASH:
                if (k == C_STAR)
                    st = S_COMMENT;
                else if (k == C_SLASH)
                    st = S_LINE_COMMENT;
                else {
                    opers++;
                    st = S_START;
                    goto again;
                }
                break;
            case S_COMMENT:
                if (k == C_STAR)
                    st = S_COMMENT_STAR;
                break;
            case S_COMMENT_STAR:
                if (k == C_SLASH) {
                    comments++;
                    st = S_START;
                } else if (k != C_STAR) {
                    st = S_COMMENT;
                }
                break;
            case S_LINE_COMMENT:
                if (k == C_NEWLINE) {
                    comments++;
                    lines++;
                    st = S_START;
                }
                break;
            }
            total_hash = total_hash * 31u + st;
        }
        /* perturb the buffer slightly between passes so passes differ */
        buf[(size_t)(pass * 7919) % len] = ' ';
    }

    printf("input: %zu bytes, %d passes\n", len, PASSES);
    printf("idents %llu numbers %llu strings %llu comments %llu operators %llu lines %llu\n",
           (unsigned long long)idents, (unsigned long long)numbers, (unsigned long long)strings,
           (unsigned long long)comments, (unsigned long long)opers, (unsigned long long)lines);
    printf("number sum %llu, ident hash %llu\n", (unsigned long long)num_sum, (unsigned long long)ident_hash);
    printf("state trace hash %llu\n", (unsigned long long)total_hash);
    free(buf);
    return (int)((total_hash ^ ident_hash) % 101u);
}
