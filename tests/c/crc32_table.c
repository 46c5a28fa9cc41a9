/* exercises: table-driven CRC-32 and Adler-32 over byte buffers, table built at runtime, unsigned shifts and xors */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static uint32_t table[256];

static void build_table(void) {
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
}

static uint32_t crc32(const uint8_t *p, size_t n) {
    uint32_t c = 0xFFFFFFFFu;
    while (n--) c = table[(c ^ *p++) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

static uint32_t crc32_bitwise(const uint8_t *p, size_t n) {
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1)));
    }
    return ~c;
}

static uint32_t adler32(const uint8_t *p, size_t n) {
    uint32_t a = 1, b = 0;
    for (size_t i = 0; i < n; i++) { a = (a + p[i]) % 65521u; b = (b + a) % 65521u; }
    return (b << 16) | a;
}

int main(void) {
    build_table();
    printf("table[1]=%08x table[255]=%08x\n", table[1], table[255]);
    const char *msgs[] = {"", "a", "abc", "123456789", "The quick brown fox jumps over the lazy dog"};
    for (int i = 0; i < 5; i++) {
        const uint8_t *m = (const uint8_t *)msgs[i];
        size_t n = strlen(msgs[i]);
        printf("crc32=%08x bitwise=%08x adler32=%08x \"%s\"\n", crc32(m, n), crc32_bitwise(m, n), adler32(m, n), msgs[i]);
    }
    static uint8_t buf[20000];
    for (int i = 0; i < 20000; i++) buf[i] = (uint8_t)(i * 7 + (i >> 5));
    uint32_t c = crc32(buf, sizeof buf);
    printf("big crc32=%08x adler32=%08x\n", c, adler32(buf, sizeof buf));
    return (int)(c % 100);
}
