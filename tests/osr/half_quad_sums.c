/* A hot loop in main carrying _Float16 and __float128 values (half and fp128 phis at -O1/-O2, locals at -O0): an OSR entry's state holds them. */
#include <stdio.h>
int main(void) {
    _Float16 h = 0; __float128 q = 0; float f = 0;
    for (int i = 1; i <= 1000000; i++) {
        q += 1.0Q / i;
        h = (_Float16)((float)h * 0.5f + (float)(i & 7));
        f += (float)h;
    }
    printf("%.17g %.6f %.3f\n", (double)q, (double)h, f);
    return 0;
}
