/* workload: hot-kernel | OSR case: a sieve of Eratosthenes whose nested loops run in main, three rounds over 20 M bytes */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int main(int argc, char **argv) {
    int n = 20000000 + argc - 1;
    char *composite = malloc(n + 1);
    long total = 0;
    for (int round = 0; round < 3; round++) {
        memset(composite, 0, n + 1);
        int count = 0;
        for (long i = 2; i <= n; i++) {
            if (!composite[i]) {
                count++;
                for (long j = i * i; j <= n; j += i) composite[j] = 1;
            }
        }
        total += count;
        n -= 1000;
    }
    printf("%ld\n", total);
    free(composite);
    return 0;
}
