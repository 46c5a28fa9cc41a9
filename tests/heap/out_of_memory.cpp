// new of a size no allocator meets throws std::bad_alloc through whatever stands in for operator new;
// nothrow new answers null; small blocks keep coming after it
#include <cstdio>
#include <new>

static char *volatile kept;

int main() {
    volatile std::size_t huge = std::size_t(1) << 62;
    int caught = 0;
    for (int i = 0; i < 3; i++) {
        try {
            kept = new char[huge];
            kept[0] = 1;
        } catch (const std::bad_alloc &e) {
            caught++;
        }
        try {
            kept = static_cast<char *>(::operator new(huge));
        } catch (const std::bad_alloc &) {
            caught++;
        }
    }
    std::printf("bad_alloc caught %d times\n", caught);
    kept = new (std::nothrow) char[huge];
    std::printf("nothrow new null: %d\n", kept == nullptr);
    long sum = 0;
    for (int i = 0; i < 1000; i++) {
        long *small = new long[i % 50 + 1];
        small[0] = i;
        sum += small[0];
        delete[] small;
    }
    std::printf("small blocks after: %ld\n", sum);
    return caught;
}
