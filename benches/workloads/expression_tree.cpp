/* workload: virtual-calls | C++ expression trees evaluated through virtual eval(): five node classes, every call site polymorphic */
#include <cstdio>
#include <memory>
#include <vector>
struct Node { virtual ~Node() {} virtual long eval(long x) const = 0; };
struct Const : Node { long v; Const(long v) : v(v) {} long eval(long) const override { return v; } };
struct Var : Node { long eval(long x) const override { return x; } };
struct Add : Node { std::unique_ptr<Node> a, b; Add(Node *a, Node *b) : a(a), b(b) {} long eval(long x) const override { return a->eval(x) + b->eval(x); } };
struct Mul : Node { std::unique_ptr<Node> a, b; Mul(Node *a, Node *b) : a(a), b(b) {} long eval(long x) const override { return (a->eval(x) * b->eval(x)) % 1000003; } };
struct Neg : Node { std::unique_ptr<Node> a; Neg(Node *a) : a(a) {} long eval(long x) const override { return -a->eval(x); } };
static Node *build(int depth, unsigned &seed) {
    seed = seed * 1103515245u + 12345u;
    if (depth == 0) return (seed >> 16) % 3 ? (Node *)new Var : (Node *)new Const((seed >> 8) % 100);
    switch ((seed >> 16) % 3) {
    case 0: return new Add(build(depth - 1, seed), build(depth - 1, seed));
    case 1: return new Mul(build(depth - 1, seed), build(depth - 1, seed));
    default: return new Neg(build(depth - 1, seed));
    }
}
int main() {
    unsigned seed = 42;
    std::vector<std::unique_ptr<Node>> trees;
    for (int i = 0; i < 8; i++) trees.emplace_back(build(10, seed));
    long sum = 0;
    for (long x = 0; x < 40000; x++)
        for (auto &t : trees) sum = (sum + t->eval(x)) % 1000000007;
    printf("%ld\n", sum);
}
