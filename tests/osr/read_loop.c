/* OSR: main reads its input in a loop (stdin), tokenizes it with a state machine, and keeps statistics. */
#include <stdio.h>

int main(void) {
    long words = 0, digits = 0, lines = 0, checksum = 0, longest = 0, current = 0;
    int in_word = 0, c;
    while ((c = getchar()) != EOF) {
        checksum = (checksum * 31 + c) % 1000000007L;
        if (c == '\n')
            lines++;
        if (c >= '0' && c <= '9')
            digits++;
        int letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (letter) {
            if (!in_word)
                words++;
            in_word = 1;
            current++;
        } else {
            in_word = 0;
            if (current > longest)
                longest = current;
            current = 0;
        }
    }
    printf("lines=%ld words=%ld digits=%ld longest=%ld checksum=%ld\n", lines, words, digits, longest, checksum);
    return (int)(words % 100);
}
