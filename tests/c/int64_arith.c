/* exercises: 64-bit signed/unsigned arithmetic - mul, div, mod (negative operands), shifts, comparisons, mixed widths */
#include <stdio.h>
#include <stdint.h>
#include <inttypes.h>

static uint64_t mulmod(uint64_t a, uint64_t b, uint64_t m) {
    uint64_t r = 0;
    a %= m;
    while (b) {
        if (b & 1) r = (r + a) % m;
        a = (a * 2) % m;
        b >>= 1;
    }
    return r;
}

static uint64_t powmod(uint64_t b, uint64_t e, uint64_t m) {
    uint64_t r = 1;
    while (e) { if (e & 1) r = mulmod(r, b, m); b = mulmod(b, b, m); e >>= 1; }
    return r;
}

int main(void) {
    volatile int64_t a = -9000000000000000007LL, b = 123456789LL;
    volatile uint64_t ua = 18000000000000000001ULL, ub = 987654321ULL;
    printf("s: a/b=%" PRId64 " a%%b=%" PRId64 " -a/b=%" PRId64 " a/-b=%" PRId64 " a%%-b=%" PRId64 "\n", a / b, a % b, (-a) / b, a / -b, a % -b);
    printf("u: ua/ub=%" PRIu64 " ua%%ub=%" PRIu64 " ua*3=%" PRIu64 "\n", ua / ub, ua % ub, ua * 3);
    printf("shifts: a>>7=%" PRId64 " ua>>7=%" PRIu64 " b<<30=%" PRId64 " 1<<63=%" PRIu64 "\n", a >> 7, ua >> 7, b << 30, (uint64_t)1 << 63);
    printf("cmp: %d %d %d %d\n", a < b, ua > (uint64_t)a, (uint64_t)a > ua, (int64_t)ua < 0);
    int64_t x = 1;
    for (int i = 0; i < 20; i++) x = x * 7 - i * 13;
    printf("poly=%" PRId64 " hex=%" PRIx64 "\n", x, (uint64_t)x);
    uint64_t h = 14695981039346656037ULL;
    const char *msg = "the quick brown fox";
    for (const char *p = msg; *p; p++) { h ^= (unsigned char)*p; h *= 1099511628211ULL; }
    printf("fnv1a64=%016" PRIx64 "\n", h);
    printf("powmod(3,1e18,1e9+7)=%" PRIu64 "\n", powmod(3, 1000000000000000000ULL, 1000000007ULL));
    printf("powmod(2,p-1,p big)=%" PRIu64 "\n", powmod(2, 4611686018427387846ULL, 4611686018427387847ULL));
    int32_t i32 = -5; uint32_t u32 = 7;
    printf("mixed: %" PRId64 " %" PRIu64 " %u %d\n", (int64_t)i32 * (int64_t)u32, (uint64_t)(uint32_t)i32 * u32, (unsigned)i32 + u32, i32 < (int32_t)u32);
    int64_t mn = INT64_MIN;
    printf("INT64_MIN/1=%" PRId64 " INT64_MIN%%3=%" PRId64 " -(MIN+1)=%" PRId64 "\n", mn / 1, (int64_t)(mn % 3), -(mn + 1));
    return (int)(h % 89);
}
