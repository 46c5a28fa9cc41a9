// new and delete of small objects and arrays (sized and unsized, through base pointers), containers churning
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

struct Node {
    Node *left = nullptr, *right = nullptr;
    long value;
    explicit Node(long v) : value(v) {}
    ~Node() { delete left; delete right; }
};

static Node *build(int depth, long v) {
    Node *n = new Node(v);
    if (depth > 0) {
        n->left = build(depth - 1, v * 2);
        n->right = build(depth - 1, v * 2 + 1);
    }
    return n;
}

static long sum(const Node *n) { return n ? n->value + sum(n->left) + sum(n->right) : 0; }

struct Polymorphic {
    virtual ~Polymorphic() = default;
    virtual long weight() const = 0;
};
struct Small : Polymorphic {
    long a;
    explicit Small(long a) : a(a) {}
    long weight() const override { return a; }
};
struct Large : Polymorphic {
    long data[40];
    explicit Large(long a) { for (int i = 0; i < 40; i++) data[i] = a + i; }
    long weight() const override { long s = 0; for (long d : data) s += d; return s; }
};

int main() {
    long trees = 0;
    for (int round = 0; round < 200; round++) {
        Node *t = build(8, round);
        trees += sum(t) % 1000;
        delete t;
    }
    std::printf("trees %ld\n", trees);

    // Sized delete through a base pointer, of two sizes.
    long weights = 0;
    for (int round = 0; round < 2000; round++) {
        std::vector<std::unique_ptr<Polymorphic>> v;
        for (int i = 0; i < 20; i++) {
            if ((i + round) % 3) v.emplace_back(new Small(i));
            else v.emplace_back(new Large(i));
        }
        for (auto &p : v) weights += p->weight();
    }
    std::printf("weights %ld\n", weights);

    // Arrays of trivially destructible and of non-trivial elements.
    long arrays = 0;
    for (int n = 0; n < 300; n++) {
        int *a = new int[n + 1]();
        for (int i = 0; i <= n; i++) a[i] += i;
        arrays += a[n];
        delete[] a;
        std::string *s = new std::string[n % 7 + 1];
        s[0] = std::to_string(n);
        arrays += (long)s[0].size();
        delete[] s;
    }
    std::printf("arrays %ld\n", arrays);

    // Strings and maps allocate and free many small blocks.
    std::map<std::string, long> counts;
    for (int i = 0; i < 20000; i++) counts["key" + std::to_string(i % 997)] += i;
    long total = 0;
    for (auto &kv : counts) total += kv.second % 1000 + (long)kv.first.size();
    counts.clear();
    std::printf("map %ld\n", total);

    return (int)((trees + weights + arrays + total) % 101);
}
