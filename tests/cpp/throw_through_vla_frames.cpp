// exceptions thrown through tier-0 frames that hold run-time sized stack allocations, many times over: the space
// of the frames an exception leaves is reclaimed
#include <cstdio>

struct Overflow {
    int code;
};

__attribute__((noinline)) int fill(int n, int k) {
    volatile char *buf = static_cast<volatile char *>(__builtin_alloca(n));
    buf[0] = static_cast<char>(k);
    buf[n / 2] = static_cast<char>(k * 3);
    buf[n - 1] = static_cast<char>(k * 7);
    if (k % 3 != 0) throw Overflow{buf[n - 1] + k % 5};
    return buf[n / 2] + buf[0];
}

__attribute__((noinline)) int nest(int depth, int n, int k) {
    volatile int *scratch = static_cast<volatile int *>(__builtin_alloca((depth + 1) * sizeof(int)));
    scratch[depth] = depth;
    if (depth == 0) return fill(n, k);
    return nest(depth - 1, n, k) + scratch[depth];
}

int main() {
    long sum = 0;
    int thrown = 0;
    // 20,000 throws through frames holding 8 KiB each: 160 MB if the space were never reclaimed.
    for (int k = 0; k < 30000; ++k) {
        try {
            sum += nest(k % 4, 8192, k);
        } catch (const Overflow &o) {
            ++thrown;
            sum += o.code;
        }
    }
    std::printf("thrown %d\n", thrown);
    std::printf("sum %ld\n", sum);
    return thrown % 97;
}
