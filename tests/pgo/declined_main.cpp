/* PGO: main holds an inline assembly statement (so tier 0 declines it and LLVM compiles it at O0) and objects with
 * destructors; its loop calls virtual functions, mostly of one class. */
#include <cstdio>
#include <memory>
#include <vector>

struct Op {
    virtual ~Op() = default;
    virtual long apply(long x) const = 0;
};
struct Add final : Op {
    long k;
    explicit Add(long k) : k(k) {}
    long apply(long x) const override { return x + k; }
};
struct Mul final : Op {
    long k;
    explicit Mul(long k) : k(k) {}
    long apply(long x) const override { return (x * k) % 1000003; }
};

int main() {
    asm volatile("" ::: "memory");
    std::vector<std::unique_ptr<Op>> ops;
    for (int i = 0; i < 64; i++) {
        if (i % 16 == 5)
            ops.push_back(std::make_unique<Mul>(i + 2));
        else
            ops.push_back(std::make_unique<Add>(i));
    }
    long x = 1;
    for (int round = 0; round < 40000; round++)
        for (const auto &op : ops)
            x = op->apply(x);
    std::printf("%ld\n", x);
    return (int)(x % 100);
}
