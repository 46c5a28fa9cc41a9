/* exercises: UTF-8 encoding/decoding with byte masks and shifts, validation of malformed sequences, codepoint statistics */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static int encode(uint32_t cp, unsigned char *out) {
    if (cp < 0x80) { out[0] = (unsigned char)cp; return 1; }
    if (cp < 0x800) { out[0] = (unsigned char)(0xC0 | cp >> 6); out[1] = (unsigned char)(0x80 | (cp & 0x3F)); return 2; }
    if (cp < 0x10000) { out[0] = (unsigned char)(0xE0 | cp >> 12); out[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F)); out[2] = (unsigned char)(0x80 | (cp & 0x3F)); return 3; }
    out[0] = (unsigned char)(0xF0 | cp >> 18); out[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
    out[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F)); out[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

/* returns bytes consumed, or -1 on error; stores codepoint */
static int decode(const unsigned char *s, size_t n, uint32_t *cp) {
    unsigned char c = s[0];
    int len; uint32_t v, min;
    if (c < 0x80) { *cp = c; return 1; }
    else if ((c & 0xE0) == 0xC0) { len = 2; v = c & 0x1F; min = 0x80; }
    else if ((c & 0xF0) == 0xE0) { len = 3; v = c & 0x0F; min = 0x800; }
    else if ((c & 0xF8) == 0xF0) { len = 4; v = c & 0x07; min = 0x10000; }
    else return -1;
    if ((size_t)len > n) return -1;
    for (int i = 1; i < len; i++) { if ((s[i] & 0xC0) != 0x80) return -1; v = v << 6 | (s[i] & 0x3F); }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return -1;
    *cp = v;
    return len;
}

int main(void) {
    const uint32_t cps[] = {0x41, 0xE9, 0x3B1, 0x20AC, 0x4E2D, 0xFFFD, 0x1F600, 0x10FFFF};
    unsigned char buf[64];
    int n = 0;
    for (int i = 0; i < 8; i++) {
        int k = encode(cps[i], buf + n);
        printf("U+%04X ->", (unsigned)cps[i]);
        for (int j = 0; j < k; j++) printf(" %02X", buf[n + j]);
        printf("\n");
        n += k;
    }
    uint32_t sum = 0; int count = 0;
    for (int i = 0; i < n;) { uint32_t cp; int k = decode(buf + i, (size_t)(n - i), &cp); if (k < 0) break; sum += cp; count++; i += k; }
    printf("decoded %d codepoints from %d bytes, sum=%u\n", count, n, sum);
    const unsigned char bad[][4] = {{0xC0, 0xAF, 0, 0}, {0xE0, 0x80, 0xAF, 0}, {0xED, 0xA0, 0x80, 0}, {0xF4, 0x90, 0x80, 0x80}, {0x80, 0, 0, 0}, {0xC3, 0x28, 0, 0}, {0xC3, 0xA9, 0, 0}};
    int errs = 0;
    for (int i = 0; i < 7; i++) { uint32_t cp = 0; int r = decode(bad[i], 4, &cp); printf("seq %d -> %d (cp=%u)\n", i, r, r > 0 ? cp : 0u); errs += r < 0; }
    const char *text = "na\xc3\xafve caf\xc3\xa9 \xe2\x82\xac" "5 \xf0\x9f\x98\x80!";
    int chars = 0, multibyte = 0;
    size_t L = strlen(text);
    for (size_t i = 0; i < L;) { uint32_t cp; int k = decode((const unsigned char *)text + i, L - i, &cp); if (k < 0) { i++; continue; } chars++; multibyte += k > 1; i += (size_t)k; }
    printf("text bytes=%zu chars=%d multibyte=%d errs=%d\n", L, chars, multibyte, errs);
    return chars + errs * 10;
}
