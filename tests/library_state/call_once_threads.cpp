// std::call_once, std::async and futures on several threads. call_once's inline code hands the callable to the
// C++ library through the library's own thread-local variables (__once_callable, __once_call): each thread must
// reach its own instance of them, not the loading thread's.
#include <cstdio>
#include <future>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

static std::once_flag table_once;
static int table[64];

static void fill_table(int seed) {
    for (int i = 0; i < 64; i++) table[i] = (i * 37 + seed) % 101;
}

static int lookup(int seed, int i) {
    std::call_once(table_once, fill_table, seed);
    return table[i % 64];
}

static int risky(int x) {
    if (x % 5 == 4) throw std::out_of_range("bad input " + std::to_string(x));
    return lookup(x, x) * x;
}

int main() {
    // Eight threads race to initialize the table once.
    std::vector<std::thread> threads;
    std::vector<int> seen(8);
    for (int t = 0; t < 8; t++) threads.emplace_back([t, &seen] { seen[t] = lookup(7, t * 5); });
    for (auto &t : threads) t.join();
    int sum = 0;
    for (int v : seen) sum += v;
    printf("table read by 8 threads: %d\n", sum);

    // Asynchronous tasks, some failing: each future carries its value or its exception.
    std::vector<std::future<int>> futures;
    for (int i = 0; i < 12; i++) futures.push_back(std::async(std::launch::async, risky, i));
    int total = 0, errors = 0;
    for (auto &f : futures) {
        try {
            total += f.get();
        } catch (const std::out_of_range &e) {
            errors++;
            printf("caught: %s\n", e.what());
        }
    }
    printf("total %d, errors %d\n", total, errors);

    // A promise fulfilled by another thread; a second once_flag used from that thread.
    std::promise<std::string> promise;
    std::future<std::string> result = promise.get_future();
    std::once_flag once;
    std::thread producer([&] {
        std::call_once(once, [&] { promise.set_value("set once by the producer"); });
        std::call_once(once, [&] { promise.set_value("never"); });
    });
    printf("%s\n", result.get().c_str());
    producer.join();
    return errors;
}
