/* OSR: main holds C++ objects with destructors, so its calls are invokes; its hot loops leave through OSR entries,
 * exceptions thrown inside them are caught in main, and destructors run on the way out of each round. */
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

struct Tally {
    long *sink;
    long value = 0;
    explicit Tally(long *s) : sink(s) {}
    ~Tally() { *sink += value; }
};

static long step(long x, long i) {
    if (i % 2500000 == 2499999)
        throw std::runtime_error("checkpoint " + std::to_string(i));
    return (x * 31 + i) % 1000003;
}

int main() {
    long sunk = 0;
    std::vector<long> values(64);
    std::string log;
    long x = 1;
    for (long round = 0; round < 4; round++) {
        Tally t(&sunk);
        try {
            for (long i = round * 2500000; i < (round + 1) * 2500000; i++) {
                x = step(x, i);
                values[i & 63] += x & 0xff;
                t.value += x & 1;
            }
        } catch (const std::runtime_error &e) {
            log += e.what();
            log += ';';
        }
    }
    long sum = 0;
    for (long v : values)
        sum += v;
    std::printf("%ld %ld %ld %s\n", x, sum, sunk, log.c_str());
    return (int)(sum % 100);
}
