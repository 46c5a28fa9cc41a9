// Virtual calls through every kind of C++ virtual table: multiple inheritance (this-adjusting thunks), virtual
// inheritance (construction tables, virtual-base offsets), pure virtual bases, virtual destructors, and calls made
// while objects are being constructed and destroyed.
#include <cstdio>
#include <memory>
#include <vector>

static long trace = 0;
static void note(long v) { trace = (trace * 31 + v) % 1000000007; }

struct Shape {
    virtual ~Shape() { note(1); }
    virtual long area() const = 0;
    virtual long scaled(long k) const { return area() * k; }
};

struct Named {
    virtual ~Named() { note(2); }
    virtual long tag() const { return 7; }
};

struct Rect : Shape, Named {
    long w, h;
    Rect(long w, long h) : w(w), h(h) { note(area()); }
    ~Rect() override { note(3); }
    long area() const override { return w * h; }
    long tag() const override { return w + 100 * h; }
};

struct Base {
    long b;
    explicit Base(long b) : b(b) { note(who()); }
    virtual ~Base() { note(who()); }
    virtual long who() const { return 10; }
    virtual long value() const { return b; }
};

struct Left : virtual Base {
    explicit Left(long b) : Base(b) { note(who()); }
    long who() const override { return 20; }
    long value() const override { return b * 2; }
};

struct Right : virtual Base {
    explicit Right(long b) : Base(b) { note(who()); }
    long who() const override { return 30; }
};

struct Diamond : Left, Right {
    explicit Diamond(long b) : Base(b), Left(b), Right(b) { note(who()); }
    long who() const override { return 40; }
    long value() const override { return Left::value() + b; }
};

int main() {
    std::vector<std::unique_ptr<Shape>> shapes;
    std::vector<Named *> names;
    for (int i = 0; i < 16; i++) {
        auto r = std::make_unique<Rect>(i + 1, i % 5 + 1);
        names.push_back(r.get());
        shapes.push_back(std::move(r));
    }
    std::vector<std::unique_ptr<Base>> bases;
    for (int i = 0; i < 12; i++) {
        if (i % 3 == 0)
            bases.push_back(std::make_unique<Diamond>(i));
        else if (i % 3 == 1)
            bases.push_back(std::make_unique<Left>(i));
        else
            bases.push_back(std::make_unique<Right>(i));
    }
    long total = 0;
    for (int round = 0; round < 30000; round++) {
        for (auto &s : shapes)
            total += s->scaled(round % 7) + s->area();
        for (auto *n : names)
            total += n->tag();
        for (auto &b : bases)
            total += b->value() * b->who();
        total %= 1000000007;
    }
    std::printf("total %ld\n", total);
    std::printf("trace before destruction %ld\n", trace);
    shapes.clear();
    bases.clear();
    std::printf("trace after %ld\n", trace);
    return (int)(total % 97);
}
