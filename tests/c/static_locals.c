/* exercises: static local variables (counters, memo tables, lazily initialised state) and file-scope statics */
#include <stdio.h>

static int file_counter = 100;

static int next_id(void) { static int id = 0; return ++id; }

static long memo_fib(int n) {
    static long memo[91];
    static int init = 0;
    if (!init) { for (int i = 0; i < 91; i++) memo[i] = -1; init = 1; }
    if (n < 2) return n;
    if (memo[n] >= 0) return memo[n];
    return memo[n] = memo_fib(n - 1) + memo_fib(n - 2);
}

static const char *cycle_name(void) {
    static const char *names[] = {"red", "green", "blue"};
    static unsigned idx = 0;
    return names[idx++ % 3];
}

static double running_mean(double x) {
    static double sum = 0; static int n = 0;
    sum += x; n++;
    return sum / n;
}

static int bump(void) { file_counter += 7; return file_counter; }

static unsigned rng(void) { static unsigned state = 12345u; state ^= state << 13; state ^= state >> 17; state ^= state << 5; return state; }

int main(void) {
    int a = next_id(), b = next_id(), c = next_id();
    printf("ids: %d %d %d\n", a, b, c);
    printf("fib(50)=%ld fib(90)=%ld\n", memo_fib(50), memo_fib(90));
    for (int i = 0; i < 5; i++) printf("%s%c", cycle_name(), i == 4 ? '\n' : ',');
    double m = 0;
    for (int i = 1; i <= 10; i++) m = running_mean(i * 1.5);
    printf("mean=%.3f\n", m);
    int last = 0;
    for (int i = 0; i < 3; i++) last = bump();
    printf("file_counter=%d last=%d\n", file_counter, last);
    unsigned r = 0;
    for (int i = 0; i < 100; i++) r ^= rng();
    printf("xorshift fold=%u next=%u\n", r, rng());
    return next_id() + (int)(r % 50);
}
