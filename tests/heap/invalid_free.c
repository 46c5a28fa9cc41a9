/* free of a pointer into the middle of a block: the C library's check ends the process with SIGABRT, as natively */
#include <stdio.h>
#include <stdlib.h>

int main(void) {
    char *volatile p = malloc(64);
    p[0] = 'x';
    printf("freeing the middle of a block\n");
    fflush(stdout);
    free(p + 1);
    printf("freed\n");
    return 0;
}
