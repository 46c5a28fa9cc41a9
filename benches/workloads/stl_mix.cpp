/* workload: templates | C++ standard library: std::sort with a lambda over structs, std::accumulate, std::unordered_map, std::string appends */
#include <algorithm>
#include <cstdio>
#include <numeric>
#include <string>
#include <unordered_map>
#include <vector>
struct Point { int x, y; };
int main() {
    std::vector<Point> pts;
    unsigned s = 7;
    for (int i = 0; i < 200000; i++) { s = s * 1664525u + 1013904223u; pts.push_back({int(s >> 20), int((s >> 8) & 4095)}); }
    long total = 0;
    for (int r = 0; r < 18; r++) {
        std::vector<Point> v = pts;
        std::sort(v.begin(), v.end(), [r](const Point &a, const Point &b) { return (a.x ^ r) < (b.x ^ r) || ((a.x ^ r) == (b.x ^ r) && a.y < b.y); });
        total += std::accumulate(v.begin(), v.begin() + 1000, 0L, [](long acc, const Point &p) { return acc * 31 % 1000003 + p.y; });
        std::unordered_map<int, int> hist;
        for (auto &p : v) hist[p.y & 1023]++;
        total += (long)hist.size() + hist[17];
        std::string str;
        for (int i = 0; i < 20000; i++) str += char('a' + v[i].y % 26);
        total += std::count(str.begin(), str.end(), 'e');
    }
    printf("%ld\n", total);
}
