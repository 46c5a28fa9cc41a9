/* exercises: Duff's device (a switch into a loop body), an irreducible loop entered by goto, inline assembly (bswap and a compiler barrier: tier 0 falls back to LLVM for those functions) */
#include <stdio.h>
#include <string.h>
__attribute__((noinline)) void duff(char *to, const char *from, int count) {
    int n = (count + 7) / 8;
    switch (count % 8) {
    case 0: do { *to++ = *from++;
    case 7: *to++ = *from++;
    case 6: *to++ = *from++;
    case 5: *to++ = *from++;
    case 4: *to++ = *from++;
    case 3: *to++ = *from++;
    case 2: *to++ = *from++;
    case 1: *to++ = *from++;
            } while (--n > 0);
    }
}
__attribute__((noinline)) unsigned swap32(unsigned x) { __asm__("bswap %0" : "+r"(x)); return x; }
__attribute__((noinline)) int irreducible(int a, int n) {
    int s = 0, i = 0;
    if (a & 1) goto inner;
    for (;;) {
        s += i * 3;
    inner:
        s ^= i;
        if (++i >= n) break;
        if ((s & 7) == 3) goto inner;
    }
    return s;
}
int main(void) {
    char src[1000], dst[1000];
    for (int i = 0; i < 1000; i++) src[i] = (char)(i * 7);
    unsigned long h = 0;
    for (int r = 0; r < 20000; r++) {
        int cnt = r % 997 + 1;
        duff(dst, src + (r % 3), cnt);
        __asm__ volatile("" ::: "memory");
        h = h * 31 + (unsigned char)dst[cnt - 1] + swap32(r) + irreducible(r, r % 200);
    }
    printf("%lu\n", h);
    printf("%u %d %c\n", swap32(0x12345678u), irreducible(3, 50), dst[5]);
    return (int)(h % 97);
}
