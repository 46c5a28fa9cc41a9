/* constructors with priorities (llvm.global_ctors), a destructor (llvm.global_dtors), atexit handlers run after main */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int trace[8];
static int traced = 0;
static char table[64];
static unsigned checksum = 7;

__attribute__((constructor(120))) static void fill_table(void) {
    for (int i = 0; i < 63; i++)
        table[i] = (char)('a' + (i * 7) % 26);
    table[63] = 0;
    trace[traced++] = 120;
}

__attribute__((constructor(110))) static void seed_checksum(void) {
    checksum = checksum * 31u + 5u;
    trace[traced++] = 110;
}

__attribute__((constructor)) static void last_constructor(void) {
    checksum ^= (unsigned)strlen(table);
    trace[traced++] = 65535;
}

__attribute__((destructor)) static void report_at_exit(void) {
    printf("destructor: checksum %u\n", checksum);
}

static void first_handler(void) { printf("atexit: first registered, runs last (%u)\n", checksum % 1000u); }
static void second_handler(void) {
    checksum += 11u;
    printf("atexit: second registered, runs first\n");
}

int main(void) {
    printf("constructors ran in order:");
    for (int i = 0; i < traced; i++)
        printf(" %d", trace[i]);
    printf("\n");
    printf("table: %.16s...\n", table);
    for (int i = 0; table[i]; i++)
        checksum = checksum * 33u + (unsigned char)table[i];
    printf("checksum: %u\n", checksum);
    /* (the result of atexit is not used: lli-19's own atexit returns an unspecified value) */
    atexit(first_handler);
    atexit(second_handler);
    return (int)(checksum % 97u);
}
