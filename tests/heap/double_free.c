/* a small block freed twice: the C library's check ends the process with SIGABRT, as natively */
#include <stdio.h>
#include <stdlib.h>

int main(void) {
    char *volatile p = malloc(48);
    p[0] = 'x';
    free(p);
    printf("freed once\n");
    fflush(stdout);
    free(p);
    printf("freed twice\n");
    return 0;
}
