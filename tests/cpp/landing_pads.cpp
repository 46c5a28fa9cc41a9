/* Landing pads: try/catch by derived and base class, catch-all, rethrow, a new exception thrown from a handler,
 * destructors run while unwinding (cleanups), nested tries, exceptions through virtual calls and function
 * pointers, noexcept functions, all in loops that run long enough for the functions to change tiers. */
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

static long destroyed = 0;

struct Guard {
    long weight;
    explicit Guard(long w) : weight(w) {}
    ~Guard() { destroyed += weight; }
};

struct Failure : std::runtime_error {
    long code;
    Failure(const std::string &what, long c) : std::runtime_error(what), code(c) {}
};
struct Overflow : Failure {
    Overflow(long c) : Failure("overflow", c) {}
};

struct Step {
    virtual ~Step() = default;
    virtual long run(long x) = 0;
};
struct Halve final : Step {
    long run(long x) override {
        if (x % 7 == 3) throw Failure("odd seven", x);
        return x / 2;
    }
};
struct Grow final : Step {
    long run(long x) override {
        Guard g(1);
        if (x > 900) throw Overflow(x);
        return x * 3 + 1;
    }
};

static long checked(long x) {
    Guard g(2);
    if (x % 11 == 5) throw 11;
    if (x % 13 == 6) throw std::string("thirteen");
    return x + 1;
}

/* Catches ints only; everything else passes its cleanup. */
static long middle(long x) {
    Guard g(3);
    try {
        return checked(x) * 2;
    } catch (int k) {
        return -k;
    }
}

/* Rethrows what it catches after counting it, or throws a new exception of another type. */
static long relay(long x, long &seen) {
    try {
        return middle(x);
    } catch (const std::string &s) {
        seen += (long)s.size();
        if (x % 2 == 0) throw;
        throw Failure("from a handler", x);
    }
}

static long noexcept_sum(const std::vector<long> &v) noexcept {
    long s = 0;
    for (long x : v) s += x;
    return s;
}

static long apply_all(std::vector<Step *> &steps, long x, long (*after)(long)) {
    std::vector<long> trace;
    for (Step *s : steps) {
        x = s->run(x);
        trace.push_back(x);
    }
    return after(x) + noexcept_sum(trace) % 5;
}

static long plus_one(long x) { return checked(x); }

int main() {
    Halve h;
    Grow g;
    std::vector<Step *> steps = {&g, &h, &g};
    long total = 0, failures = 0, overflows = 0, strings = 0, others = 0, seen = 0;
    for (long i = 0; i < 30000; i++) {
        long x = i % 1000;
        try {
            try {
                total += relay(x, seen);
                total += apply_all(steps, x, plus_one);
            } catch (const Overflow &o) {
                overflows += o.code % 10;
            } catch (const Failure &f) {
                failures += 1;
                total += f.code % 3;
            }
        } catch (const std::string &s) {
            strings += 1;
        } catch (...) {
            others += 1;
        }
        total %= 1000000007;
    }
    std::printf("total %ld failures %ld overflows %ld strings %ld others %ld\n", total, failures, overflows, strings,
                others);
    std::printf("seen %ld destroyed %ld\n", seen, destroyed);
    return (int)((total + failures + overflows + strings + others + seen + destroyed) % 97);
}
