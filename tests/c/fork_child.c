/* fork: the child calls functions the parent never compiled (a variadic one needs an LLVM compile), then the parent waits and reads its status */
#include <stdarg.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static int report(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vprintf(fmt, ap);
    va_end(ap);
    return n;
}

static long digest(int n) {
    long s = 0;
    for (int i = 0; i < n; i++)
        s = (s * 31 + (long)i * i) % 1000003;
    return s;
}

int main(void) {
    fflush(stdout);
    pid_t child = fork();
    if (child < 0)
        return 99;
    if (child == 0) {
        report("child: digest %ld\n", digest(200000));
        fflush(stdout);
        _exit((int)(digest(1000) % 50));
    }
    int status = 0;
    if (waitpid(child, &status, 0) != child || !WIFEXITED(status))
        return 98;
    printf("parent: child exited with %d, own digest %ld\n", WEXITSTATUS(status), digest(77));
    return WEXITSTATUS(status);
}
