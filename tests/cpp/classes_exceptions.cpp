// virtual dispatch, exceptions unwinding through frames with destructors, rethrow, catch(...), static objects
#include <cstdio>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

struct Logger {
    const char *name;
    explicit Logger(const char *n) : name(n) { std::printf("static %s constructed\n", name); }
    ~Logger() { std::printf("static %s destroyed\n", name); }
};
static Logger first_logger("first");
static Logger second_logger("second");

struct Shape {
    virtual ~Shape() = default;
    virtual double area() const = 0;
    virtual const char *kind() const = 0;
};
struct Rect : Shape {
    double w, h;
    Rect(double w, double h) : w(w), h(h) {}
    double area() const override { return w * h; }
    const char *kind() const override { return "rect"; }
};
struct Circle : Shape {
    double r;
    explicit Circle(double r) : r(r) {}
    double area() const override { return 3.14159265358979 * r * r; }
    const char *kind() const override { return "circle"; }
};

static int live_guards = 0;
static int max_guards = 0;
struct Guard {
    int id;
    explicit Guard(int i) : id(i) {
        if (++live_guards > max_guards)
            max_guards = live_guards;
    }
    ~Guard() { --live_guards; }
};

struct ParseError : std::runtime_error {
    int where;
    ParseError(const std::string &what, int at) : std::runtime_error(what), where(at) {}
};

static int descend(int depth, int fail_at) {
    Guard g(depth);
    if (depth == fail_at)
        throw ParseError("bad token at depth " + std::to_string(depth), depth);
    if (depth > 40)
        return depth;
    return descend(depth + 1, fail_at) + 1;
}

static int checked(int x) {
    if (x % 7 == 3)
        throw std::out_of_range("value " + std::to_string(x));
    if (x % 11 == 5)
        throw 42;
    return x * 3;
}

int main() {
    std::vector<std::unique_ptr<Shape>> shapes;
    for (int i = 1; i <= 12; i++) {
        if (i % 3 == 0)
            shapes.push_back(std::make_unique<Circle>(i * 0.5));
        else
            shapes.push_back(std::make_unique<Rect>(i, i + 1.5));
    }
    std::map<std::string, double> by_kind;
    for (const auto &s : shapes)
        by_kind[s->kind()] += s->area();
    for (const auto &kv : by_kind)
        std::printf("%s: %.4f\n", kv.first.c_str(), kv.second);

    int caught_parse = 0, depth_sum = 0;
    for (int fail_at = 5; fail_at < 60; fail_at += 9) {
        try {
            depth_sum += descend(0, fail_at);
        } catch (const ParseError &e) {
            caught_parse++;
            depth_sum += e.where;
            std::printf("caught: %s (guards left %d)\n", e.what(), live_guards);
        }
    }
    int ranges = 0, ints = 0, total = 0;
    for (int x = 0; x < 60; x++) {
        try {
            try {
                total += checked(x);
            } catch (const std::out_of_range &) {
                ranges++;
                throw;
            }
        } catch (const std::exception &e) {
            total -= 1;
        } catch (...) {
            ints++;
        }
    }
    std::printf("parse errors %d, depth sum %d, max guards %d\n", caught_parse, depth_sum, max_guards);
    std::printf("out_of_range %d, int throws %d, total %d\n", ranges, ints, total);
    return (caught_parse * 7 + depth_sum + ranges + ints + total) % 101;
}
