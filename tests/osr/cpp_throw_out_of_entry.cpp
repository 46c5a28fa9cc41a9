/* OSR: a C++ function with a local std::string (its calls are invokes) loops long and throws out of the loop;
 * once its frames run OSR entries, the exception leaves the entry, passes the frame that entered it and is caught
 * in main, in its try/catch; main's own loop comes round often enough to take its entry too. */
#include <cstdio>
#include <stdexcept>
#include <string>

static long work(long n) {
    std::string tag = "work";
    long x = 1;
    for (long i = 0; i < n; i++) {
        x = (x * 31 + i) % 1000003;
        if (i == n - 3)
            throw std::runtime_error(tag + " " + std::to_string(x));
    }
    return x;
}

int main() {
    long total = 0;
    for (int r = 0; r < 1600; r++) {
        try {
            total += work(50000 + r);
        } catch (const std::exception &e) {
            if (r % 200 == 0)
                std::printf("caught %s\n", e.what());
            total += 1;
        }
    }
    std::printf("%ld\n", total);
    return (int)(total % 50);
}
