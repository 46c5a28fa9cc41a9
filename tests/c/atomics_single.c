/* exercises: C11 <stdatomic.h> in a single thread - fetch_add/sub/or/and/xor, exchange, compare_exchange strong/weak, load/store with orders, atomic flags, fences */
#include <stdio.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdbool.h>

static atomic_int counter = 0;
static _Atomic uint64_t big = 0;
static atomic_flag lock = ATOMIC_FLAG_INIT;
static _Atomic(unsigned char) small = 250;

static int atomic_max(atomic_int *a, int v) {
    int cur = atomic_load(a);
    while (cur < v && !atomic_compare_exchange_weak(a, &cur, v)) { }
    return atomic_load(a);
}

int main(void) {
    int olds = 0;
    for (int i = 0; i < 100; i++) olds += atomic_fetch_add(&counter, i);
    printf("counter=%d sum of old values=%d\n", atomic_load(&counter), olds);
    int prev = atomic_fetch_sub(&counter, 50);
    printf("fetch_sub prev=%d now=%d\n", prev, atomic_load_explicit(&counter, memory_order_acquire));
    int expected = 4900;
    bool ok1 = atomic_compare_exchange_strong(&counter, &expected, 7);
    printf("cas1 ok=%d expected=%d value=%d\n", ok1, expected, atomic_load(&counter));
    expected = 12345;
    bool ok2 = atomic_compare_exchange_strong(&counter, &expected, 99);
    printf("cas2 ok=%d expected(updated)=%d value=%d\n", ok2, expected, atomic_load(&counter));
    atomic_store_explicit(&big, 0xF0F0F0F0F0F0F0F0ull, memory_order_release);
    uint64_t o1 = atomic_fetch_or(&big, 0x0F);
    uint64_t o2 = atomic_fetch_and(&big, 0x00FFFFFFFFFFFFFFull);
    uint64_t o3 = atomic_fetch_xor(&big, 0xFFull);
    uint64_t x = atomic_exchange(&big, 42);
    printf("big ops: %llx %llx %llx xchg-old=%llx now=%llu\n", (unsigned long long)o1, (unsigned long long)o2, (unsigned long long)o3,
           (unsigned long long)x, (unsigned long long)atomic_load(&big));
    bool was1 = atomic_flag_test_and_set(&lock);
    bool was2 = atomic_flag_test_and_set(&lock);
    atomic_flag_clear(&lock);
    bool was3 = atomic_flag_test_and_set(&lock);
    printf("flag: %d %d %d\n", was1, was2, was3);
    for (int i = 0; i < 10; i++) atomic_fetch_add(&small, 1);
    atomic_thread_fence(memory_order_seq_cst);
    printf("small wrapped=%u\n", (unsigned)atomic_load(&small));
    atomic_int m = 5;
    atomic_max(&m, 3); atomic_max(&m, 17); atomic_max(&m, 11);
    printf("atomic_max=%d lock_free(int)=%d\n", atomic_load(&m), atomic_is_lock_free(&m) ? 1 : 0);
    return atomic_load(&m) + atomic_load(&counter);
}
