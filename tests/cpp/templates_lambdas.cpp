// templates, lambdas, std::function, algorithms with comparators, iostreams, unordered containers
#include <algorithm>
#include <functional>
#include <iostream>
#include <numeric>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

template <typename T, int N> struct SmallVec {
    T items[N];
    int len = 0;
    void push(T v) {
        if (len < N)
            items[len++] = v;
    }
    template <typename F> T fold(T init, F f) const {
        for (int i = 0; i < len; i++)
            init = f(init, items[i]);
        return init;
    }
};

template <typename K, typename V> static V get_or(const std::unordered_map<K, V> &m, const K &k, V fallback) {
    auto it = m.find(k);
    return it == m.end() ? fallback : it->second;
}

struct Employee {
    std::string name;
    int dept;
    double salary;
};

int main() {
    std::vector<Employee> staff;
    const char *names[] = {"ada", "bob", "cyd", "dee", "eve", "fay", "gus", "hal", "ivy", "jon"};
    for (int i = 0; i < 10; i++)
        staff.push_back({names[i], i % 3, 1000.0 + (i * 377) % 900});
    std::sort(staff.begin(), staff.end(), [](const Employee &a, const Employee &b) {
        return a.dept != b.dept ? a.dept < b.dept : a.salary > b.salary;
    });
    std::ostringstream out;
    for (const auto &e : staff)
        out << e.dept << ':' << e.name << '=' << e.salary << ' ';
    std::cout << out.str() << '\n';

    std::unordered_map<std::string, int> counts;
    std::string text = "the quick brown fox jumps over the lazy dog the end";
    std::istringstream words(text);
    for (std::string w; words >> w;)
        counts[w]++;
    std::cout << "the=" << get_or(counts, std::string("the"), 0) << " cat=" << get_or(counts, std::string("cat"), -1)
              << " distinct=" << counts.size() << '\n';

    std::vector<std::function<long(long)>> pipeline;
    long bias = 3;
    pipeline.push_back([](long x) { return x * 2; });
    pipeline.push_back([&bias](long x) { return x + bias; });
    pipeline.push_back([](long x) { return x % 1000003; });
    long acc = 1;
    for (int round = 0; round < 200; round++) {
        for (auto &f : pipeline)
            acc = f(acc);
        bias = acc % 17;
    }
    std::cout << "pipeline: " << acc << '\n';

    SmallVec<int, 16> v;
    for (int i = 0; i < 20; i++)
        v.push(i * i - 7 * i);
    int product_mod = v.fold(1, [](int a, int b) { return (a * (b % 13 + 14)) % 10007; });
    std::vector<int> seq(50);
    std::iota(seq.begin(), seq.end(), -10);
    auto evens = std::count_if(seq.begin(), seq.end(), [](int x) { return x % 2 == 0; });
    int sum = std::accumulate(seq.begin(), seq.end(), 0);
    std::cout << "fold " << product_mod << " evens " << evens << " sum " << sum << std::endl;
    return static_cast<int>((acc + product_mod + evens + sum) % 101);
}
