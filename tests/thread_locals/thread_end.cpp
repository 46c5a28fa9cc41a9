// A thread's end runs JIT code: C++ thread_local destructors and pthread_key_create destructors, some of them
// first called there, some using variable-length arrays (the dynamic-alloca stack) before and at the end, one
// forking. Then many short threads that each use such an array: the address space their regions took must come
// back.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static pthread_key_t key;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static long at_key_end, at_local_end;

__attribute__((noinline)) static long weigh(const long *p, int n) {
    long scaled[n];
    long s = 0;
    for (int i = 0; i < n; i++) scaled[i] = p[i] * (i + 3);
    for (int i = 0; i < n; i++) s += scaled[i] ^ i;
    return s;
}

// First called at a thread's end.
__attribute__((noinline)) static long fold_late(const long *p, int n) {
    long copy[n + 1];
    memcpy(copy, p, sizeof(long) * n);
    copy[n] = 7;
    long s = 0;
    for (int i = 0; i <= n; i++) s = s * 31 + copy[i];
    return s;
}

// Forks; the child leaves at once with a code derived from `data`, which is returned.
__attribute__((noinline)) static int fork_and_wait(const long *data) {
    pid_t child = fork();
    if (child == 0) _exit(weigh(data, 3) & 63);
    int status = 0;
    waitpid(child, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1000;
}

static void release(void *p) {
    long *data = static_cast<long *>(p);
    long s = weigh(data, 12) + fold_late(data, 12);
    // A fork from the end of a thread that forked before.
    if (data[0] == 500) s += fork_and_wait(data);
    pthread_mutex_lock(&mu);
    at_key_end += s;
    pthread_mutex_unlock(&mu);
    free(data);
}

struct Tally {
    long values[8];
    int used = 0;
    void add(long v) { values[used++ % 8] = v; }
    __attribute__((noinline)) ~Tally() {
        long s = fold_late(values, used < 8 ? used : 8) + used;
        pthread_mutex_lock(&mu);
        at_local_end += s;
        pthread_mutex_unlock(&mu);
    }
};
static thread_local Tally tally;

static void *worker(void *arg) {
    long id = (long)arg;
    // The thread-local's destructor is registered before this thread compiles anything else.
    tally.add(id);
    long *data = static_cast<long *>(malloc(12 * sizeof(long)));
    for (int i = 0; i < 12; i++) data[i] = id * 100 + i;
    long s = weigh(data, 12);
    if (id == 5) s += fork_and_wait(data);
    tally.add(s & 1023);
    pthread_setspecific(key, data);
    return (void *)s;
}

static void *short_lived(void *arg) {
    long v[4] = {(long)arg, 1, 2, 3};
    return (void *)weigh(v, 4);
}

static long vm_kb() {
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long kb = -1;
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "VmSize:", 7) == 0) kb = atol(line + 7);
    if (f) fclose(f);
    return kb;
}

int main() {
    pthread_key_create(&key, release);
    long sum = 0;
    for (int round = 0; round < 3; round++) {
        pthread_t t[4];
        for (long i = 0; i < 4; i++) pthread_create(&t[i], nullptr, worker, (void *)(i + round * 4));
        for (int i = 0; i < 4; i++) {
            void *r;
            pthread_join(t[i], &r);
            sum += (long)r;
        }
    }
    printf("%ld %ld %ld\n", sum, at_key_end, at_local_end);
    long before = vm_kb();
    long short_sum = 0;
    for (long i = 0; i < 64; i++) {
        pthread_t t;
        void *r;
        pthread_create(&t, nullptr, short_lived, (void *)i);
        pthread_join(t, &r);
        short_sum += (long)r;
    }
    long grown_mb = (vm_kb() - before) / 1024;
    printf("%ld address space %s\n", short_sum, grown_mb < 1024 ? "returned" : "kept");
    return (int)(sum & 63);
}
