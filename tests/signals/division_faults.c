// integer division faults: a SIGFPE handler sees FPE_INTDIV for every division x86-64 faults on, and returns
// through siglongjmp; divisions that do not fault give their values
#include <limits.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>

static sigjmp_buf resume;
static volatile sig_atomic_t last_code;

static void on_fpe(int sig, siginfo_t *info, void *context) {
    (void)context;
    last_code = sig == SIGFPE ? info->si_code : -1;
    siglongjmp(resume, 1);
}

static volatile int zero = 0, minus_one = -1, int_min = INT_MIN, seven = 7;
static volatile long lzero = 0, lminus_one = -1, long_min = LONG_MIN;
static volatile unsigned uzero = 0;
static volatile short szero = 0, sshort = -300;
static volatile signed char czero = 0, cmin = -128;
static volatile __int128 wzero = 0;

typedef int v4si __attribute__((vector_size(16)));
typedef signed char v16qi __attribute__((vector_size(16)));
typedef unsigned short v8hu __attribute__((vector_size(16)));
static volatile v4si v4_num = {10, 20, 30, 40}, v4_den = {1, 2, 0, 4}, v4_ok = {3, -1, 7, 5};
static volatile v16qi v16_num = {1, 2, 3, 4, 5, 6, 7, 8, -128, 10, 11, 12, 13, 14, 15, 16};
static volatile v16qi v16_den = {1, 1, 1, 1, 1, 1, 1, 1, -1, 1, 1, 1, 1, 1, 1, 0};
static volatile v8hu v8_den = {1, 2, 3, 4, 5, 6, 0, 8};

__attribute__((noinline)) static long div_int(void) { return seven / zero; }
__attribute__((noinline)) static long rem_long(void) { return 1234567L % lzero; }
__attribute__((noinline)) static long div_unsigned(void) { return 40u / uzero; }
__attribute__((noinline)) static long rem_unsigned_long(void) { return 40ul % (unsigned long)lzero; }
__attribute__((noinline)) static long div_int_min(void) { return int_min / minus_one; }
__attribute__((noinline)) static long rem_long_min(void) { return long_min % lminus_one; }
__attribute__((noinline)) static long rem_minus_one(void) { return seven % minus_one + sshort % minus_one; }
__attribute__((noinline)) static long div_short(void) { return (short)(sshort / szero); }
__attribute__((noinline)) static long rem_char(void) { return (signed char)(cmin % czero); }
__attribute__((noinline)) static long div_int128(void) { return (long)((__int128)seven / wzero); }
__attribute__((noinline)) static long div_v4si(void) {
    v4si r = v4_num / v4_den;
    return r[0] + r[1] + r[2] + r[3];
}
__attribute__((noinline)) static long rem_v4si_no_fault(void) {
    v4si r = v4_num % v4_ok;
    return r[0] * 1000 + r[1] * 100 + r[2] * 10 + r[3];
}
__attribute__((noinline)) static long rem_v16qi(void) {
    v16qi r = v16_num % v16_den;
    long sum = 0;
    for (int i = 0; i < 16; ++i) sum += r[i];
    return sum;
}
__attribute__((noinline)) static long div_v8hu(void) {
    v8hu r = (v8hu){9, 9, 9, 9, 9, 9, 9, 9} / v8_den;
    long sum = 0;
    for (int i = 0; i < 8; ++i) sum += r[i];
    return sum;
}
__attribute__((noinline)) static long rem_int128(void) { return (long)((unsigned __int128)seven % (unsigned __int128)wzero); }

static long (*const cases[])(void) = {div_int,     rem_long,      div_unsigned, rem_unsigned_long,
                                      div_int_min, rem_long_min,  rem_minus_one, div_short,
                                      rem_char,    div_int128,    rem_int128,
                                      div_v4si,    rem_v4si_no_fault, rem_v16qi, div_v8hu};

int main(void) {
    struct sigaction sa = {0};
    sa.sa_sigaction = on_fpe;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGFPE, &sa, 0);
    int faults = 0;
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; ++i) {
        last_code = 0;
        if (sigsetjmp(resume, 1) == 0) {
            long r = cases[i]();
            printf("case %u: %ld\n", i, r);
        } else {
            ++faults;
            printf("case %u: SIGFPE, %s\n", i, last_code == FPE_INTDIV ? "FPE_INTDIV" : "other code");
        }
    }
    return faults;
}
