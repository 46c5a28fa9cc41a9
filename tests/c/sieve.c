/* exercises: sieve of Eratosthenes (byte array and bitset variants), prime counting, twin primes, prime gaps, Goldbach check */
#include <stdio.h>
#include <string.h>
#include <stdint.h>

#define LIMIT 200000
static unsigned char comp[LIMIT + 1];
static uint64_t bits[(LIMIT >> 6) + 1];

int main(void) {
    memset(comp, 0, sizeof comp);
    comp[0] = comp[1] = 1;
    for (long i = 2; i * i <= LIMIT; i++)
        if (!comp[i]) for (long j = i * i; j <= LIMIT; j += i) comp[j] = 1;
    int count = 0, twins = 0, maxgap = 0, last = 2, gapstart = 0;
    long long sum = 0;
    for (int i = 2; i <= LIMIT; i++) {
        if (comp[i]) continue;
        count++; sum += i;
        if (i - last > maxgap) { maxgap = i - last; gapstart = last; }
        if (i - last == 2) twins++;
        last = i;
    }
    printf("primes<=%d: %d sum=%lld twins=%d maxgap=%d after %d largest=%d\n", LIMIT, count, sum, twins, maxgap, gapstart, last);
    /* bitset sieve over odd numbers only */
    for (long i = 3; i * i <= LIMIT; i += 2)
        if (!(bits[i >> 6] >> (i & 63) & 1)) for (long j = i * i; j <= LIMIT; j += 2 * i) bits[j >> 6] |= 1ull << (j & 63);
    int count2 = 1;
    for (long i = 3; i <= LIMIT; i += 2) if (!(bits[i >> 6] >> (i & 63) & 1)) count2++;
    printf("bitset count=%d agree=%d\n", count2, count2 == count);
    int counts[6] = {0};
    long lim = 10;
    for (int k = 0; k < 6 && lim <= LIMIT; k++, lim *= 10) { int c = 0; for (long i = 2; i <= lim; i++) c += !comp[i]; counts[k] = c; }
    printf("pi(10^k): %d %d %d %d %d\n", counts[0], counts[1], counts[2], counts[3], counts[4]);
    int goldbach_fail = 0;
    for (int n = 4; n <= 20000; n += 2) {
        int ok = 0;
        for (int p = 2; p <= n / 2; p++) if (!comp[p] && !comp[n - p]) { ok = 1; break; }
        if (!ok) goldbach_fail++;
    }
    printf("goldbach failures up to 20000: %d\n", goldbach_fail);
    return count % 100;
}
