/* exercises: bit fields - packing, signed/unsigned fields, wraparound on assignment, read-modify-write */
#include <stdio.h>

struct Flags {
    unsigned ready : 1;
    unsigned mode : 3;
    signed delta : 5;
    unsigned count : 7;
    unsigned wide : 16;
};

struct Packet {
    unsigned version : 4;
    unsigned ihl : 4;
    unsigned tos : 8;
    unsigned len : 16;
    unsigned long long id : 40;
    unsigned long long flags : 24;
};

static unsigned pack(const struct Flags *f) {
    return f->ready | (f->mode << 1) | (((unsigned)f->delta & 31u) << 4) | (f->count << 9) | ((unsigned)f->wide << 16);
}

int main(void) {
    struct Flags f = {0};
    f.ready = 1;
    f.mode = 5;
    f.delta = -7;
    f.count = 100;
    f.wide = 54321;
    printf("ready=%u mode=%u delta=%d count=%u wide=%u\n", f.ready, f.mode, f.delta, f.count, f.wide);
    printf("packed=0x%08x\n", pack(&f));
    int sum = 0;
    for (int i = 0; i < 40; i++) {
        f.count++;          /* wraps at 128 */
        f.mode += 3;        /* wraps at 8 */
        f.delta = (signed)(f.delta + 1 > 15 ? -16 : f.delta + 1);
        sum += f.count + f.mode * 10 + f.delta;
    }
    printf("after loop: mode=%u delta=%d count=%u sum=%d\n", f.mode, f.delta, f.count, sum);
    struct Packet p;
    p.version = 4; p.ihl = 5; p.tos = 0xb8; p.len = 1500;
    p.id = 0xABCDE12345ull; p.flags = 0x123456;
    printf("pkt v=%u ihl=%u tos=0x%x len=%u id=0x%llx flags=0x%llx\n", p.version, p.ihl, p.tos, p.len,
           (unsigned long long)p.id, (unsigned long long)p.flags);
    p.id += 0x10000000000ull - 0xABCDE12345ull + 5; /* wraps to 5 in 40 bits */
    printf("id wrapped=%llu sizeof(Flags)=%zu sizeof(Packet)=%zu\n", (unsigned long long)p.id, sizeof(struct Flags), sizeof(struct Packet));
    return (sum & 0x3f) + 3;
}
