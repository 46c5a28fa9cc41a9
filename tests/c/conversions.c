/* exercises: conversions between float/double/int/unsigned/64-bit incl. large unsigned 64-bit <-> double, truncation toward zero, sign/zero extension */
#include <stdio.h>
#include <stdint.h>

int main(void) {
    volatile uint64_t big[] = {0ull, 1ull, 9007199254740993ull, 9223372036854775807ull, 9223372036854775808ull,
                               12345678901234567890ull, 18446744073709551615ull, 0x8000000000000801ull};
    double dsum = 0;
    for (int i = 0; i < 8; i++) {
        double d = (double)big[i];
        float f = (float)big[i];
        printf("u64 %llu -> double %.1f -> float %.1f\n", (unsigned long long)big[i], d, (double)f);
        dsum += d / 1e18;
    }
    volatile double ds[] = {0.0, 0.99, 1.5, 2147483647.0, 4294967295.0, 9.2e18, 1.8e19, 123456789.987654321};
    for (int i = 0; i < 8; i++) printf("double %.3f -> u64 %llu -> u32(if fits) %u\n", ds[i], (unsigned long long)(uint64_t)ds[i],
                                        ds[i] < 4294967296.0 ? (uint32_t)ds[i] : 0u);
    volatile double neg[] = {-0.5, -1.5, -2.9999, -2147483648.0, -9.2e18};
    for (int i = 0; i < 5; i++) printf("double %.4f -> i32 %d -> i64 %lld\n", neg[i], neg[i] >= -2147483648.0 ? (int32_t)neg[i] : 0, (long long)(int64_t)neg[i]);
    volatile int32_t i32 = -123456789;
    volatile uint32_t u32 = 4000000000u;
    volatile int16_t i16 = -1234;
    volatile uint8_t u8 = 200;
    printf("i32->float %.1f i32->double %.1f u32->float %.1f u32->double %.1f\n", (double)(float)i32, (double)i32, (double)(float)u32, (double)u32);
    printf("i16->i64 %lld i16->u32 %u u8->i8 %d u8->i32 %d i32->u16 %u i32->i8 %d\n", (long long)i16, (uint32_t)i16, (int8_t)u8, (int32_t)u8,
           (uint16_t)i32, (int8_t)i32);
    volatile int64_t i64 = -9000000000000000000LL;
    printf("i64->double %.1f i64->float %.1f i64->i32 %d u64max->i64 %lld\n", (double)i64, (double)(float)i64, (int32_t)i64,
           (long long)(int64_t)big[6]);
    volatile double third = 1.0 / 3.0;
    float ft = (float)third;
    double back = ft;
    printf("double->float->double: %.17g -> %.17g, diff=%.3e\n", third, back, back - third);
    volatile float fbig = 3.0e9f;
    printf("float 3e9 -> u32 %u -> i64 %lld; float 1e19 -> u64 %llu\n", (uint32_t)fbig, (long long)(int64_t)fbig, (unsigned long long)(uint64_t)(fbig * 3.3333333e9f));
    int ok = 0;
    for (int32_t k = -1000; k <= 1000; k += 7) if ((int32_t)(double)k == k && (int32_t)(float)k == k) ok++;
    printf("roundtrips ok=%d dsum=%.6f\n", ok, dsum);
    return ok % 100;
}
