/* exercises: string.h functions strlen strcmp strncmp strcpy strcat strncpy memcpy memmove memset memcmp strchr strrchr strstr, own reversal, snprintf */
#include <stdio.h>
#include <string.h>
#include <ctype.h>

static void reverse(char *s) {
    size_t n = strlen(s);
    for (size_t i = 0, j = n ? n - 1 : 0; i < j; i++, j--) { char t = s[i]; s[i] = s[j]; s[j] = t; }
}

static int count_char(const char *s, char c) {
    int n = 0;
    for (const char *p = strchr(s, c); p; p = strchr(p + 1, c)) n++;
    return n;
}

static void to_upper(char *s) { for (; *s; s++) *s = (char)toupper((unsigned char)*s); }

int main(void) {
    char buf[128];
    strcpy(buf, "Hello");
    strcat(buf, ", ");
    strcat(buf, "World");
    printf("buf=\"%s\" len=%zu\n", buf, strlen(buf));
    reverse(buf);
    printf("reversed=\"%s\"\n", buf);
    reverse(buf);
    printf("cmp: %d %d %d %d\n", strcmp("abc", "abd") < 0, strcmp("b", "a") > 0, strcmp(buf, "Hello, World") == 0, strncmp("abcdef", "abcxyz", 3));
    printf("strchr o -> \"%s\" strrchr o -> \"%s\" count l=%d\n", strchr(buf, 'o'), strrchr(buf, 'o'), count_char(buf, 'l'));
    const char *hs = "the cat sat on the mat";
    const char *found = strstr(hs, "sat");
    printf("strstr offset=%d missing=%d\n", (int)(found - hs), strstr(hs, "dog") == NULL);
    unsigned char m[32];
    memset(m, 0xAB, sizeof m);
    memset(m + 8, 0, 8);
    unsigned sum = 0;
    for (int i = 0; i < 32; i++) sum += m[i];
    printf("memset sum=%u\n", sum);
    int src[10], dst[10];
    for (int i = 0; i < 10; i++) src[i] = i * i;
    memcpy(dst, src, sizeof src);
    printf("memcpy eq=%d ", memcmp(dst, src, sizeof src) == 0);
    dst[7] = -1;
    printf("memcmp after change=%d\n", memcmp(dst, src, sizeof src) < 0 ? -1 : 1);
    char ov[] = "0123456789";
    memmove(ov + 2, ov, 6);
    printf("memmove overlap=\"%s\"\n", ov);
    char nb[8];
    strncpy(nb, "abcdefghij", sizeof nb - 1);
    nb[7] = 0;
    printf("strncpy=\"%s\"\n", nb);
    char out[64];
    int n = snprintf(out, sizeof out, "[%s|%5.2f|%-4d|%x]", "snp", 3.14159, 42, 48879);
    printf("snprintf=\"%s\" n=%d\n", out, n);
    to_upper(out);
    printf("upper=\"%s\"\n", out);
    /* word count and longest word */
    char text[] = "  alpha beta   gamma delta epsilon  zeta ";
    int words = 0; size_t longest = 0; char lw[32] = "";
    for (char *p = text; *p;) {
        while (*p == ' ') p++;
        if (!*p) break;
        char *q = p;
        while (*q && *q != ' ') q++;
        size_t L = (size_t)(q - p);
        words++;
        if (L > longest) { longest = L; memcpy(lw, p, L); lw[L] = 0; }
        p = q;
    }
    printf("words=%d longest=%s(%zu)\n", words, lw, longest);
    return words * 10 + (int)longest;
}
