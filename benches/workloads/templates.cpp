/* workload: templates | C++ loops through std::vector, iterators, lambdas and std algorithms: many tiny template functions */
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <numeric>
#include <vector>

template <typename T>
struct Vec2 {
    T x, y;
    Vec2 operator+(const Vec2 &o) const { return {x + o.x, y + o.y}; }
    Vec2 operator*(T k) const { return {x * k, y * k}; }
    T dot(const Vec2 &o) const { return x * o.x + y * o.y; }
};

template <typename T>
static T clamp_to(T v, T lo, T hi) {
    return std::min(std::max(v, lo), hi);
}

int main() {
    std::vector<uint32_t> values(1 << 14);
    std::iota(values.begin(), values.end(), 1u);
    std::vector<Vec2<int64_t>> points(1 << 12);
    for (size_t i = 0; i < points.size(); i++)
        points[i] = {static_cast<int64_t>(i % 97) - 48, static_cast<int64_t>(i % 89) - 44};
    uint64_t sum = 0;
    for (uint32_t round = 0; round < 30000; round++) {
        std::transform(values.begin(), values.end(), values.begin(),
                       [round](uint32_t x) { return x * 2654435761u + round; });
        sum += std::accumulate(values.begin(), values.end(), uint64_t{0},
                               [](uint64_t a, uint32_t b) { return a + (b >> 7); });
        sum ^= *std::max_element(values.begin(), values.end());
        sum += static_cast<uint64_t>(std::count_if(values.begin(), values.end(), [](uint32_t x) { return (x & 3) == 1; }));
        Vec2<int64_t> acc{0, 0};
        for (const auto &p : points)
            acc = acc + p * clamp_to<int64_t>(static_cast<int64_t>(round % 13) - 6, -4, 4);
        sum += static_cast<uint64_t>(acc.dot(Vec2<int64_t>{3, -5}));
    }
    std::printf("%llu\n", static_cast<unsigned long long>(sum));
    return 0;
}
