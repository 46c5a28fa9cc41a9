/* main runs a bytecode loop whose cases declare locals of their own (written before they are read, so an OSR
   entry makes them anew), beside locals that carry values from one round to the next: one written whole only on
   some paths, a struct written in part, and an array. */
#include <stdio.h>

struct pair {
    long lo, hi;
};

int main(void) {
    unsigned char code[64];
    for (int i = 0; i < 64; i++)
        code[i] = (unsigned char)((i * 29 + 7) % 9);
    long acc = 1, last = 0;
    struct pair p = {3, 4};
    long hist[4] = {0, 0, 0, 0};
    for (long round = 0; round < 20000000; round++) {
        int op = code[round & 63];
        switch (op) {
        case 0: {
            long a = acc * 3, b = round & 255;
            acc = (a + b) % 1000003;
            break;
        }
        case 1: {
            long a = acc ^ (round << 3);
            acc = a % 999983;
            last = a & 1023; /* written here only, read every round below */
            break;
        }
        case 2: {
            struct pair q = {acc, round};
            p.lo = q.lo + q.hi; /* p is written in part */
            break;
        }
        case 3: {
            long t = p.lo - p.hi;
            acc = (acc + (t & 4095)) % 1000003;
            break;
        }
        case 4: {
            long k = round & 3;
            hist[k] += acc & 15;
            break;
        }
        case 5: {
            double d = (double)acc * 0.5;
            acc = ((long)d + 7) % 1000003;
            break;
        }
        default: {
            long s = hist[0] + hist[1] + hist[2] + hist[3];
            acc = (acc + s + last) % 1000003;
            break;
        }
        }
    }
    printf("acc=%ld last=%ld p=%ld,%ld hist=%ld,%ld,%ld,%ld\n", acc, last, p.lo, p.hi, hist[0], hist[1], hist[2],
           hist[3]);
    return (int)(acc & 63);
}
