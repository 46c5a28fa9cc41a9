/* ungetc and getc on files and memory streams: the byte just read, another byte, EOF, pushback after end of file, scanning numbers with lookahead */
#include <stdio.h>
#include <string.h>

/* Reads unsigned numbers separated by anything, peeking one character ahead with ungetc. */
static long sum_numbers(FILE *f, long *count) {
    long sum = 0;
    int c;
    *count = 0;
    while ((c = getc(f)) != EOF) {
        if (c < '0' || c > '9') continue;
        long v = 0;
        while (c >= '0' && c <= '9') {
            v = v * 10 + (c - '0');
            c = getc(f);
        }
        if (c != EOF && ungetc(c, f) != c) return -1;
        sum += v;
        (*count)++;
    }
    return sum;
}

int main(void) {
    FILE *f = tmpfile();
    if (!f) return 1;
    for (int i = 0; i < 20000; i++) fprintf(f, "%d%c", i * 7, "+-, \n"[i % 5]);
    rewind(f);
    long count, sum = sum_numbers(f, &count);
    printf("file: %ld numbers, sum %ld, eof %d\n", count, sum, feof(f) != 0);

    /* Pushback after end of file clears it; the pushed byte comes back. */
    int back = ungetc('\n', f);
    int eof_after_back = feof(f) != 0;
    int c1 = getc(f);
    int c2 = getc(f);
    printf("after eof: ungetc %d, eof %d, getc %d, getc %d, eof %d\n", back, eof_after_back, c1, c2, feof(f) != 0);

    /* A byte other than the one read, twice in a row, and EOF itself. */
    rewind(f);
    int first = getc(f);
    int other = ungetc('x', f);
    int again = getc(f);
    int second = getc(f);
    int pushed_eof = ungetc(EOF, f);
    printf("other byte: %d %d %d %d, ungetc(EOF) %d\n", first, other, again, second, pushed_eof);
    int a = getc(f);
    int b = getc(f);
    ungetc(b, f);
    ungetc(a, f);
    int a2 = getc(f);
    int b2 = getc(f);
    printf("two back: %d %d -> %d %d\n", a, b, a2, b2);
    fclose(f);

    /* A fresh stream's first call is a pushback. */
    char text[] = "12 345 6789";
    FILE *m = fmemopen(text, strlen(text), "r");
    if (!m) return 2;
    int fresh_back = ungetc('7', m);
    int fresh_read = getc(m);
    printf("fresh: ungetc %d, getc %d\n", fresh_back, fresh_read);
    sum = sum_numbers(m, &count);
    printf("memory: %ld numbers, sum %ld\n", count, sum);
    fclose(m);
    return (int)(sum % 100);
}
