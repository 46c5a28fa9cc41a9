// Exceptions caught by landing pads in four threads at once (destructors, catch by type, catch-all, catch in a
// frame between the throw and the outer catch) while the engine replaces the functions' code and frees what it
// replaced: an LSDA lives exactly as long as its code.
#include <cstdio>
#include <stdexcept>
#include <thread>
#include <vector>
#include <atomic>
static std::atomic<long> destroyed{0};
struct G { int w; ~G() { destroyed += w; } };
__attribute__((noinline)) static long leaf(long x) { G g{1}; if (x % 3 == 0) throw std::runtime_error("three"); if (x % 7 == 0) throw x; return x; }
__attribute__((noinline)) static long m1(long x) { G g{2}; try { return leaf(x) + 1; } catch (long v) { return -v; } }
__attribute__((noinline)) static long m2(long x) { G g{3}; return m1(x + 1) * 2; }
__attribute__((noinline)) static long m3(long x) { try { return m2(x) + m1(x + 2); } catch (const std::exception &) { return 5; } }
__attribute__((noinline)) static long m4(long x) { G g{4}; try { return m3(x); } catch (...) { return 7; } }
int main() {
    std::vector<std::thread> ts;
    std::vector<long> sums(4);
    for (int t = 0; t < 4; t++)
        ts.emplace_back([t, &sums] { long s = 0; for (long i = 0; i < 20000; i++) s += m4(i * 4 + t); sums[t] = s; });
    for (auto &t : ts) t.join();
    long total = 0;
    for (long s : sums) total += s;
    std::printf("sum %ld\n", total);
    std::printf("destroyed %ld\n", destroyed.load());
    return (int)(total % 100);
}
