/* workload: char-io | text written a character at a time (putc) to a temporary file and read back with getc: words, lines and a word hash table, as wc and tokenizers do */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BUCKETS 4096

static unsigned long state = 2463534242ul;
static unsigned rnd(void) {
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    return (unsigned)state;
}

int main(int argc, char **argv) {
    (void)argv;
    long words_out = 3000000L * argc;
    FILE *f = tmpfile();
    if (!f) return 1;
    for (long w = 0; w < words_out; w++) {
        int len = 1 + rnd() % 9;
        for (int i = 0; i < len; i++) putc('a' + rnd() % 6, f);
        putc(w % 12 == 11 ? '\n' : ' ', f);
    }
    rewind(f);
    static long table[BUCKETS];
    long chars = 0, words = 0, lines = 0;
    unsigned h = 0;
    int in_word = 0, c;
    while ((c = getc(f)) != EOF) {
        chars++;
        if (c == '\n') lines++;
        if (c == ' ' || c == '\n') {
            if (in_word) table[h % BUCKETS]++, words++;
            in_word = 0;
            h = 0;
        } else {
            in_word = 1;
            h = h * 31 + (unsigned)c;
        }
    }
    long most = 0, at = 0;
    for (int i = 0; i < BUCKETS; i++)
        if (table[i] > most) most = table[i], at = i;
    printf("%ld chars, %ld words, %ld lines; busiest bucket %ld holds %ld\n", chars, words, lines, at, most);
    fclose(f);
    return 0;
}
