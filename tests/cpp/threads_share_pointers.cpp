// std::shared_ptr copied on one thread, then by several threads at once: reference counts stay exact
#include <atomic>
#include <cstdio>
#include <memory>
#include <thread>
#include <vector>

struct Counted {
    static std::atomic<int> alive;
    long value;
    explicit Counted(long v) : value(v) { alive++; }
    ~Counted() { alive--; }
};
std::atomic<int> Counted::alive{0};

static long churn(const std::vector<std::shared_ptr<Counted>> &shared, int rounds) {
    long sum = 0;
    for (int r = 0; r < rounds; r++) {
        std::vector<std::shared_ptr<Counted>> copies(shared.begin(), shared.end());
        for (auto &p : copies) {
            std::shared_ptr<Counted> again = p;
            std::weak_ptr<Counted> weak = again;
            if (auto locked = weak.lock()) sum += locked->value;
        }
    }
    return sum;
}

int main() {
    std::vector<std::shared_ptr<Counted>> shared;
    for (int i = 0; i < 64; i++) shared.push_back(std::make_shared<Counted>(i));
    long alone = churn(shared, 2000);
    long counts = 0;
    for (auto &p : shared) counts += p.use_count();
    std::printf("one thread: sum %ld, use counts %ld, alive %d\n", alone, counts, Counted::alive.load());

    std::vector<std::thread> threads;
    std::vector<long> sums(4);
    for (int t = 0; t < 4; t++) threads.emplace_back([&, t] { sums[t] = churn(shared, 1500); });
    long mine = churn(shared, 1500);
    for (auto &t : threads) t.join();
    counts = 0;
    for (auto &p : shared) counts += p.use_count();
    std::printf("five threads: sums %ld %ld %ld %ld %ld, use counts %ld, alive %d\n", sums[0], sums[1], sums[2],
                sums[3], mine, counts, Counted::alive.load());
    shared.clear();
    std::printf("after clear: alive %d\n", Counted::alive.load());
    return (int)(counts % 100);
}
