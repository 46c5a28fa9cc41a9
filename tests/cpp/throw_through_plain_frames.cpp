// exceptions thrown and caught across plain frames (no try, no destructors: no invoke), direct, indirect,
// recursive and inside hot loops
#include <cstdio>
#include <stdexcept>

struct Failure {
    int code;
    long where;
};

__attribute__((noinline)) long check(long v, long limit) {
    if (v > limit) throw Failure{int(v % 97), v};
    return v * 3 + 1;
}

__attribute__((noinline)) long check_std(long v, long limit) {
    if (v > limit) throw std::out_of_range("value past its limit");
    return v ^ 0x55;
}

__attribute__((noinline)) long level3(long v, long limit) { return check(v, limit) + check(v + 1, limit); }

// With an odd limit the standard exception comes first, with an even one the `Failure`.
__attribute__((noinline)) long level2(long v, long limit) {
    long first = check_std(v * 2 + (limit & 1 ? 3 : -3), limit);
    return level3(v * 2, limit) - 7 + first;
}

// A loop that runs long enough to be entered through on-stack replacement before it throws.
__attribute__((noinline)) long level1(long n, long limit) {
    long s = 0;
    for (long i = 0; i < n; ++i) s += level2(i % 1000, limit) + (i & 3);
    return s;
}

long (*volatile indirect)(long, long) = level1;

__attribute__((noinline)) long recurse(int depth, long n, long limit) {
    if (depth == 0) return indirect(n, limit);
    return recurse(depth - 1, n, limit) + depth;
}

int main() {
    // A long first run of the loop without a throw (time for a background compile of it).
    long total = level1(2000000, 1L << 40) % 1000003;
    int caught = 0, caught_std = 0;
    for (int round = 0; round < 40; ++round) {
        long limit = round % 5 == 0 ? 2000 : 900 + round * 5;
        try {
            total += recurse(round % 7, 3000 + round * 100, limit);
        } catch (const Failure &f) {
            ++caught;
            total += f.code * 1000 + f.where;
        } catch (const std::out_of_range &e) {
            ++caught_std;
            total += 17;
        }
    }
    std::printf("caught %d failures and %d standard exceptions\n", caught, caught_std);
    std::printf("total %ld\n", total);
    return (caught + caught_std) % 100;
}
