/* fork: parent and child each compile functions after the fork, in turns (through pipes): the child compiles one,
   then the parent compiles one of the same size, then the child calls its own again and must get its own result */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile long seed = 10;

__attribute__((noinline)) long child_first(long x) { return x * 3 + 1; }
__attribute__((noinline)) long child_second(long x) { return x * 13 + 6; }
__attribute__((noinline)) long parent_first(long x) { return x * 7 - 3; }
__attribute__((noinline)) long parent_second(long x) { return x * 11 - 4; }

static void wait_for(int fd) {
    char c;
    while (read(fd, &c, 1) != 1) {
    }
}

static void signal_to(int fd) {
    char c = 1;
    while (write(fd, &c, 1) != 1) {
    }
}

int main(void) {
    int to_child[2], to_parent[2];
    if (pipe(to_child) != 0 || pipe(to_parent) != 0)
        return 99;
    fflush(stdout);
    pid_t child = fork();
    if (child < 0)
        return 99;
    if (child == 0) {
        long first = child_first(seed);
        signal_to(to_parent[1]);
        wait_for(to_child[0]);
        long again = child_first(seed);
        long second = child_second(seed);
        signal_to(to_parent[1]);
        wait_for(to_child[0]);
        long second_again = child_second(seed);
        printf("child: %ld %ld %ld %ld\n", first, again, second, second_again);
        fflush(stdout);
        _exit(first == again && second == second_again ? 0 : 1);
    }
    wait_for(to_parent[0]);
    long p1 = parent_first(seed);
    signal_to(to_child[1]);
    wait_for(to_parent[0]);
    long p2 = parent_second(seed);
    signal_to(to_child[1]);
    int status = 0;
    if (waitpid(child, &status, 0) != child || !WIFEXITED(status))
        return 98;
    printf("parent: %ld %ld, child exited with %d\n", p1, p2, WEXITSTATUS(status));
    return WEXITSTATUS(status) + (p1 == parent_first(seed) ? 0 : 2);
}
