/* workload: virtual-calls | C++ objects behind base-class pointers: a skewed mix of virtual calls in hot loops */
#include <cstdint>
#include <cstdio>
#include <memory>
#include <vector>

struct Shape {
    virtual ~Shape() = default;
    virtual double area() const = 0;
    virtual void grow(double f) = 0;
    virtual unsigned kind() const = 0;
};

struct Circle final : Shape {
    double r;
    explicit Circle(double r) : r(r) {}
    double area() const override { return 3.14159265358979 * r * r; }
    void grow(double f) override { r *= f; }
    unsigned kind() const override { return 0; }
};

struct Rect : Shape {
    double w, h;
    Rect(double w, double h) : w(w), h(h) {}
    double area() const override { return w * h; }
    void grow(double f) override {
        w *= f;
        h /= f;
    }
    unsigned kind() const override { return 1; }
};

struct Square final : Rect {
    explicit Square(double s) : Rect(s, s) {}
    void grow(double f) override { w = h = w * f; }
    unsigned kind() const override { return 2; }
};

struct Triangle final : Shape {
    double b, h;
    Triangle(double b, double h) : b(b), h(h) {}
    double area() const override { return 0.5 * b * h; }
    void grow(double f) override { b *= f; }
    unsigned kind() const override { return 3; }
};

static uint32_t next(uint32_t &s) {
    s ^= s << 13;
    s ^= s >> 17;
    s ^= s << 5;
    return s;
}

int main() {
    std::vector<std::unique_ptr<Shape>> shapes;
    uint32_t seed = 2463534242u;
    for (int i = 0; i < 4096; i++) {
        uint32_t r = next(seed) % 100;
        double size = 1.0 + (next(seed) % 1000) / 250.0;
        if (r < 70)
            shapes.push_back(std::make_unique<Circle>(size));
        else if (r < 85)
            shapes.push_back(std::make_unique<Rect>(size, size * 0.5));
        else if (r < 95)
            shapes.push_back(std::make_unique<Square>(size));
        else
            shapes.push_back(std::make_unique<Triangle>(size, 2.0));
    }
    double total = 0;
    unsigned kinds[4] = {0, 0, 0, 0};
    for (int round = 0; round < 30000; round++) {
        double sum = 0;
        for (const auto &s : shapes)
            sum += s->area();
        total += sum / 4096.0;
        double f = (round & 1) ? 1.001 : 1.0 / 1.001;
        for (size_t i = round & 7; i < shapes.size(); i += 8) {
            shapes[i]->grow(f);
            kinds[shapes[i]->kind()]++;
        }
    }
    std::printf("%.6f %u %u %u %u\n", total, kinds[0], kinds[1], kinds[2], kinds[3]);
    return 0;
}
