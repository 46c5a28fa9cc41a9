// std::thread writers sharing stdio streams with main after a single-threaded start: every character arrives
#include <cstdio>
#include <cstring>
#include <thread>
#include <vector>

static const int per_thread = 50000;

static void write_letters(std::FILE *f, int letter) {
    for (int i = 0; i < per_thread; i++) {
        if (i % 3 == 0) std::fputc(letter, f);
        else if (i % 3 == 1) std::putc(letter, f);
        else { char two[2] = {(char)letter, (char)letter}; std::fwrite(two, 1, 2, f); }
    }
}

static long count(std::FILE *f, const char *what) {
    long counts[26] = {}, total = 0;
    std::rewind(f);
    for (int c; (c = std::getc(f)) != EOF; total++)
        if (c >= 'a' && c <= 'z') counts[c - 'a']++;
    std::printf("%s:", what);
    for (int i = 0; i < 26; i++)
        if (counts[i]) std::printf(" %c=%ld", 'a' + i, counts[i]);
    std::printf(" total=%ld\n", total);
    return total;
}

int main() {
    std::FILE *f = std::tmpfile();
    if (!f) return 1;
    write_letters(f, 'm');
    long alone = count(f, "alone");
    std::fclose(f);

    f = std::tmpfile();
    std::vector<std::thread> writers;
    for (int i = 0; i < 3; i++) writers.emplace_back(write_letters, f, 'a' + i);
    write_letters(f, 'm');
    for (auto &t : writers) t.join();
    long together = count(f, "std::thread");
    std::fclose(f);
    return (int)((alone + together) % 100);
}
