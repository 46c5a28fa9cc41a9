/* exercises: switch statements - dense (jump table), sparse (binary search), fallthrough, ranges of cases, switch on chars and on 64-bit values */
#include <stdio.h>
#include <stdint.h>

static int dense(int x) {
    switch (x) {
    case 0: return 10; case 1: return 21; case 2: return 32; case 3: return 43; case 4: return 54;
    case 5: return 65; case 6: return 76; case 7: return 87; case 8: return 98; case 9: return 109;
    case 10: return 7; case 11: return 3;
    default: return -1;
    }
}

static int sparse(unsigned x) {
    switch (x) {
    case 1: return 1; case 100: return 2; case 1000: return 3; case 4096: return 4; case 65535: return 5;
    case 100000: return 6; case 0x7FFFFFFF: return 7; case 0x80000000u: return 8; case 0xFFFFFFFFu: return 9;
    default: return 0;
    }
}

static int fallthrough(int n) {
    int r = 0;
    switch (n) {
    case 5: r += 5; /* fall through */
    case 4: r += 4; /* fall through */
    case 3: r += 3; break;
    case 2: r += 200; /* fall through */
    default: r += 1;
    }
    return r;
}

static const char *classify(char c) {
    switch (c) {
    case 'a': case 'e': case 'i': case 'o': case 'u': return "vowel";
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9': return "digit";
    case ' ': case '\t': case '\n': return "space";
    default: return (c >= 'a' && c <= 'z') ? "consonant" : "other";
    }
}

static int sw64(uint64_t v) {
    switch (v) {
    case 0: return 0;
    case 0x100000000ull: return 1;
    case 0xFFFFFFFFFFFFFFFFull: return 2;
    case 0x8000000000000000ull: return 3;
    case 12345678901234ull: return 4;
    default: return (int)(v & 7) + 10;
    }
}

int main(void) {
    int s = 0;
    for (int i = -2; i < 14; i++) { int d = dense(i); s += d; printf("%d%c", d, i == 13 ? '\n' : ' '); }
    const unsigned probes[] = {0, 1, 2, 100, 999, 1000, 4096, 65535, 65536, 100000, 0x7FFFFFFF, 0x80000000u, 0xFFFFFFFEu, 0xFFFFFFFFu};
    for (unsigned i = 0; i < sizeof probes / sizeof probes[0]; i++) { int r = sparse(probes[i]); s += r * (int)i; printf("%d", r); }
    printf("\n");
    for (int i = 0; i <= 6; i++) printf("ft(%d)=%d ", i, fallthrough(i));
    printf("\n");
    const char *str = "hi 42\tzq!";
    for (const char *p = str; *p; p++) printf("%s%s", classify(*p), p[1] ? "," : "\n");
    const uint64_t v64[] = {0, 0x100000000ull, ~0ull, 1ull << 63, 12345678901234ull, 77};
    for (int i = 0; i < 6; i++) printf("%d ", sw64(v64[i]));
    printf("\nchecksum=%d\n", s);
    return s % 100;
}
