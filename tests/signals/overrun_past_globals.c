/* Writes past the end of a global array until it faults (undefined behaviour, on purpose): natively the writes
   run off the program's data into unmapped memory; under the JIT they must end the same way, with SIGSEGV,
   rather than overwrite the runtime's own memory and leave the process hung. */
#include <stdint.h>
#include <stdio.h>
#include <sys/resource.h>

static unsigned table[256];

int main(void) {
    struct rlimit no_core = {0, 0};
    setrlimit(RLIMIT_CORE, &no_core);
    printf("overrunning\n");
    fflush(stdout);
    /* Integer arithmetic: no bounds an optimizer could assume from an array index. */
    uintptr_t base = (uintptr_t)table;
    for (uintptr_t i = 0;; i++)
        *(volatile unsigned *)(base + 4 * i) = (unsigned)i;
}
