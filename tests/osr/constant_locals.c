/* OSR: locals of main filled before its hot loop — some only with constant data on every way to the loop
 * (an OSR entry may rebuild those), others conditionally, by reading writes, in a loop, through an escaped
 * address, through an address computed before the loop, or again inside the loop. */
#include <stdio.h>
#include <string.h>

static char *kept;

__attribute__((noinline)) static int score(const char *a, const char *b, int i) {
    int c = strcmp(a, b);
    return (c > 0) - (c < 0) + a[i % 8] - b[(i + 3) % 8];
}

__attribute__((noinline)) static void keep(char *p) { kept = p; }

__attribute__((noinline)) static void twice(int *v) { *v = *v * 2 + 1; }

int main(int argc, char **argv) {
    (void)argv;
    char fixed[24], ordered[16], maybe[16], appended[24], looped[12], escaped[16], pointed[16], inside[20];
    strcpy(fixed, "TIERED PROGRAM, 1ST");
    memset(ordered, 'a', sizeof ordered - 1);
    ordered[15] = 0;
    ordered[3] = 'x';
    strncpy(ordered + 5, "zz", 2);
    memcpy(ordered + 9, "QRS", 3);
    strcpy(maybe, "MAYBE ONE");
    if (argc > 5)
        strcpy(maybe, "MAYBE TWO");
    strcpy(appended, "APPEND");
    strcat(appended, "ED TEXT");
    for (int k = 0; k < 11; k++)
        looped[k] = (char)('k' + k % 5);
    looped[11] = 0;
    strcpy(escaped, "ESCAPED BEFORE");
    keep(escaped);
    strcpy(pointed, "POINTED AT");
    char *at = pointed + 2;
    long total = 0;
    int counter = 3;
    for (int i = 0; i < 1500000; i++) {
        strcpy(inside, (i & 7) ? "INSIDE LOOP A" : "INSIDE LOOP B");
        total += score(fixed, inside, i);
        total += score(ordered, maybe, i);
        total += score(appended, looped, i);
        if (i % 100000 == 0)
            kept[i % 10] = (char)('A' + i / 100000 % 26);
        total += score(escaped, at, i);
        at[i % 5] = (char)('p' + i % 3);
        total += score(pointed, fixed, i);
        if ((i & 1023) == 0)
            twice(&counter);
        counter &= 0xffff;
    }
    printf("%s|%s|%s|%s|%s|%s|%s\n", fixed, ordered, maybe, appended, looped, escaped, pointed);
    printf("%ld %d\n", total, counter);
    return (int)((total % 97 + 97) % 97);
}
