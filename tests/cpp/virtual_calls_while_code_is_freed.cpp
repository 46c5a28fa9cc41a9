// Virtual calls from four threads while the virtual functions change tiers and their old code is freed.
#include <cstdio>
#include <memory>
#include <thread>
#include <vector>

struct Node {
    virtual ~Node() = default;
    virtual long eval(long x) const = 0;
    virtual int kind() const { return 0; }
};

struct Add : Node {
    long k;
    explicit Add(long k) : k(k) {}
    long eval(long x) const override { return x + k; }
    int kind() const override { return 1; }
};

struct Mul : Node {
    long k;
    explicit Mul(long k) : k(k) {}
    long eval(long x) const override { return (x * k) % 1000003; }
    int kind() const override { return 2; }
};

struct Xor : Node {
    long k;
    explicit Xor(long k) : k(k) {}
    long eval(long x) const override { return x ^ k; }
};

struct Twice : Mul {
    explicit Twice(long k) : Mul(k) {}
    long eval(long x) const override { return Mul::eval(Mul::eval(x)); }
    int kind() const override { return 3; }
};

static std::unique_ptr<Node> make(int i) {
    switch (i % 4) {
    case 0: return std::make_unique<Add>(i);
    case 1: return std::make_unique<Mul>(i + 2);
    case 2: return std::make_unique<Xor>(i * 7);
    default: return std::make_unique<Twice>(i + 3);
    }
}

static long run(const std::vector<std::unique_ptr<Node>> &nodes, int rounds, long seed) {
    long x = seed;
    long kinds = 0;
    for (int r = 0; r < rounds; r++)
        for (const auto &n : nodes) {
            x = n->eval(x) % 1000003;
            kinds += n->kind();
        }
    return x + kinds;
}

int main() {
    std::vector<std::unique_ptr<Node>> nodes;
    for (int i = 0; i < 24; i++)
        nodes.push_back(make(i));
    long results[4] = {0, 0, 0, 0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; t++)
        threads.emplace_back([&, t] { results[t] = run(nodes, 80000 + 1000 * t, t + 1); });
    for (auto &t : threads)
        t.join();
    long total = 0;
    for (int t = 0; t < 4; t++) {
        std::printf("thread %d: %ld\n", t, results[t]);
        total += results[t];
    }
    std::printf("one more: %ld\n", run(nodes, 10, 5));
    return (int)(total % 101);
}
