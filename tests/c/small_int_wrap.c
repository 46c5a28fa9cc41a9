/* exercises: char / signed char / unsigned char / short / unsigned short arithmetic with integer promotion and wraparound on conversion */
#include <stdio.h>

int main(void) {
    unsigned char uc = 250;
    signed char sc = 120;
    short s = 32000;
    unsigned short us = 65530;
    int i;
    for (i = 0; i < 10; i++) {
        uc = (unsigned char)(uc + 1);
        sc = (signed char)(sc + 1);
        s = (short)(s + 100);
        us = (unsigned short)(us + 1);
    }
    printf("uc=%u sc=%d s=%d us=%u\n", uc, sc, s, us);
    unsigned char a = 200, b = 100;
    printf("promotion: a+b=%d (uchar)(a+b)=%u a*b=%d (uchar)(a*b)=%u a-b-b-b=%d\n", a + b, (unsigned char)(a + b), a * b, (unsigned char)(a * b), a - b - b - b);
    signed char m = -128;
    printf("-(-128) as schar=%d, as int=%d, abs via unsigned=%u\n", (signed char)-m, -m, (unsigned char)-m);
    short x = -1;
    unsigned short ux = (unsigned short)x;
    printf("short -1 -> ushort %u -> int %d, >>4 = %d, ux>>4 = %d\n", ux, (int)ux, x >> 4, ux >> 4);
    char text[] = "Hello, Caesar!";
    for (char *p = text; *p; p++) {
        if (*p >= 'a' && *p <= 'z') *p = (char)('a' + (*p - 'a' + 13) % 26);
        else if (*p >= 'A' && *p <= 'Z') *p = (char)('A' + (*p - 'A' + 13) % 26);
    }
    printf("rot13=%s\n", text);
    unsigned char cks = 0; unsigned short cks16 = 0xFFFF; signed char sacc = 0;
    for (i = 0; i < 1000; i++) {
        cks = (unsigned char)(cks * 31 + i);
        cks16 = (unsigned short)((cks16 >> 1) ^ (-(cks16 & 1) & 0xA001));
        cks16 = (unsigned short)(cks16 + (unsigned short)i);
        sacc = (signed char)(sacc + (signed char)(i & 0xFF));
    }
    printf("cks8=%u cks16=%u sacc=%d\n", cks, cks16, sacc);
    signed char arr[8] = {-100, -50, 0, 50, 100, 127, -128, 1};
    int sum = 0; unsigned char usum = 0;
    for (i = 0; i < 8; i++) { sum += arr[i]; usum = (unsigned char)(usum + (unsigned char)arr[i]); }
    printf("sum=%d usum=%u cmp: %d %d\n", sum, usum, (signed char)-1 < (unsigned char)1, (unsigned char)255 == (signed char)-1);
    short div = -7;
    printf("short div: %d %d %d\n", div / 2, div % 2, (short)(div * 5000));
    return (cks + usum) % 100;
}
