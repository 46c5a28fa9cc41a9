/* exercises: structs with nested arrays and sub-structs, pointer arithmetic over them, offsetof, pointers to members, arrays of structs */
#include <stdio.h>
#include <stddef.h>
#include <string.h>

typedef struct { short x, y; } Pt;
typedef struct {
    char name[12];
    Pt pts[4];
    int weights[3][2];
    struct { double lo, hi; unsigned char flags[5]; } range;
    long id;
} Shape;

static long shape_hash(const Shape *s) {
    const unsigned char *p = (const unsigned char *)s->name;
    long h = 0;
    for (size_t i = 0; i < sizeof s->name && p[i]; i++) h = h * 31 + p[i];
    for (const Pt *q = s->pts; q != s->pts + 4; ++q) h = h * 7 + q->x * 3 + q->y;
    const int *w = &s->weights[0][0];
    for (int i = 0; i < 6; i++) h += w[i] * (i + 1);
    return h + s->id;
}

int main(void) {
    Shape shapes[3];
    memset(shapes, 0, sizeof shapes);
    for (int k = 0; k < 3; k++) {
        Shape *s = shapes + k;
        snprintf(s->name, sizeof s->name, "shape%d", k);
        for (int i = 0; i < 4; i++) { s->pts[i].x = (short)(i * 10 + k); s->pts[i].y = (short)(-i * k); }
        for (int i = 0; i < 3; i++) for (int j = 0; j < 2; j++) s->weights[i][j] = (i + 1) * (j + 2) + k;
        s->range.lo = -k * 1.5; s->range.hi = k * 2.25 + 1;
        for (int i = 0; i < 5; i++) s->range.flags[i] = (unsigned char)(1 << i | k);
        s->id = 1000L * (k + 1);
    }
    printf("offsets: name=%zu pts=%zu weights=%zu range=%zu range.flags=%zu id=%zu size=%zu\n", offsetof(Shape, name), offsetof(Shape, pts),
           offsetof(Shape, weights), offsetof(Shape, range), offsetof(Shape, range.flags), offsetof(Shape, id), sizeof(Shape));
    long total = 0;
    for (Shape *s = shapes; s < shapes + 3; s++) {
        long h = shape_hash(s);
        printf("%s hash=%ld range=[%.2f,%.2f] flags=%u,%u,%u\n", s->name, h, s->range.lo, s->range.hi, s->range.flags[0], s->range.flags[2], s->range.flags[4]);
        total += h;
    }
    /* walk all points of all shapes as one flattened sequence via pointer arithmetic on the member */
    Pt *first = &shapes[0].pts[0];
    Pt *p1 = &shapes[1].pts[2];
    ptrdiff_t stride = (char *)&shapes[1] - (char *)&shapes[0];
    printf("stride=%td p1-first in bytes=%td\n", stride, (char *)p1 - (char *)first);
    int sumx = 0;
    for (int k = 0; k < 3; k++) {
        Pt *pts = (Pt *)((char *)first + k * stride);
        for (int i = 0; i < 4; i++) sumx += pts[i].x - pts[i].y;
    }
    /* recover the containing struct from a member pointer */
    unsigned char *fl = &shapes[2].range.flags[3];
    Shape *owner = (Shape *)((char *)(fl - 3) - offsetof(Shape, range.flags));
    printf("sumx=%d owner=%s owner->id=%ld\n", sumx, owner->name, owner->id);
    int (*row)[2] = shapes[1].weights;
    row++;
    Pt *lastpt = &shapes[2].pts[3];
    printf("weights row1: %d %d; negative index: %d %d\n", row[0][0], row[0][1], lastpt[-2].x, (lastpt - 3)->y);
    return (int)(total % 97);
}
