/* threads writing one stream at once (pthread_create and C11 thrd_create) after a single-threaded start: every character arrives */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <threads.h>

#define PER_THREAD 60000

static FILE *shared;

static void write_letters(int letter) {
    char block[16];
    memset(block, letter, sizeof block);
    for (int i = 0; i < PER_THREAD; i++) {
        switch (i % 4) {
        case 0: putc(letter, shared); break;
        case 1: fputc(letter, shared); break;
        case 2: fwrite(block, 1, 3, shared); break;
        default: fputs("", shared); putc(letter, shared); break;
        }
    }
}

static void *posix_thread(void *arg) {
    write_letters((int)(long)arg);
    return 0;
}

static int c11_thread(void *arg) {
    write_letters((int)(long)arg);
    return 0;
}

/* Reads the stream back and prints how many of each letter it holds. */
static long count(const char *what) {
    long counts[26] = {0}, total = 0;
    rewind(shared);
    int c;
    while ((c = getc(shared)) != EOF) {
        if (c >= 'a' && c <= 'z') counts[c - 'a']++;
        total++;
    }
    printf("%s:", what);
    for (int i = 0; i < 26; i++)
        if (counts[i]) printf(" %c=%ld", 'a' + i, counts[i]);
    printf(" total=%ld error=%d\n", total, ferror(shared));
    return total;
}

int main(void) {
    shared = tmpfile();
    if (!shared) return 1;
    /* One thread: the streams' fast path. */
    write_letters('m');
    long alone = count("alone");

    shared = freopen(0, "w+", shared) ? shared : tmpfile();
    pthread_t t[3];
    for (int i = 0; i < 3; i++) pthread_create(&t[i], 0, posix_thread, (void *)(long)('a' + i));
    write_letters('m');
    for (int i = 0; i < 3; i++) pthread_join(t[i], 0);
    long posix = count("pthreads");

    fclose(shared);
    shared = tmpfile();
    thrd_t c[2];
    for (int i = 0; i < 2; i++) thrd_create(&c[i], c11_thread, (void *)(long)('x' + i));
    write_letters('m');
    for (int i = 0; i < 2; i++) thrd_join(c[i], 0);
    long c11 = count("c11 threads");
    fclose(shared);
    return (int)((alone + posix + c11) % 100);
}
