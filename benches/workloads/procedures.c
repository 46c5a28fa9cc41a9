/* workload: procedures | many small procedures over global records, counters and strings, called from a driver loop (the shape of Dhrystone-like synthetic benchmarks) */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define LOOPS 60000000

typedef enum { IDENT_1, IDENT_2, IDENT_3, IDENT_4, IDENT_5 } Enumeration;

typedef struct Record {
    struct Record *next;
    Enumeration discr;
    Enumeration enum_comp;
    int int_comp;
    char str_comp[31];
} Record;

static Record records[2];
static Record *glob_ptr;
static int int_glob;
static int bool_glob;
static char char_glob_1, char_glob_2;
static int arr_1[50];
static int arr_2[50][50];

static int func_1(char c1, char c2) { return c1 != c2 ? IDENT_1 : (char_glob_1 = c1, IDENT_2); }

static int func_2(const char *s1, const char *s2) {
    int i = 2;
    char c = 'A';
    while (i <= 2)
        if (func_1(s1[i], s2[i + 1]) == IDENT_1) {
            c = 'A';
            i += 1;
        }
    if (c >= 'W' && c < 'Z')
        i = 7;
    if (c == 'R')
        return 1;
    if (strcmp(s1, s2) > 0) {
        int_glob = i + 7;
        return 1;
    }
    return 0;
}

static int func_3(Enumeration e) { return e == IDENT_3; }

static void proc_7(int a, int b, int *out) { *out = b + a + 2; }

static void proc_8(int *a1, int a2[50][50], int i1, int i2) {
    int loc = i1 + 5;
    a1[loc] = i2;
    a1[loc + 1] = a1[loc];
    a1[loc + 30] = loc;
    for (int idx = loc; idx <= loc + 1; ++idx)
        a2[loc][idx] = loc;
    a2[loc][loc - 1] += 1;
    a2[loc + 20][loc] = a1[loc];
    int_glob = 5;
}

static void proc_6(Enumeration in, Enumeration *out) {
    *out = in;
    if (!func_3(in))
        *out = IDENT_4;
    switch (in) {
    case IDENT_1: *out = IDENT_1; break;
    case IDENT_2: *out = int_glob > 100 ? IDENT_1 : IDENT_4; break;
    case IDENT_3: *out = IDENT_2; break;
    case IDENT_4: break;
    case IDENT_5: *out = IDENT_3; break;
    }
}

static void proc_3(Record **out) {
    if (glob_ptr != NULL)
        *out = glob_ptr->next;
    proc_7(10, int_glob, &glob_ptr->int_comp);
}

static void proc_1(Record *p) {
    Record *next = p->next;
    *next = *glob_ptr;
    p->int_comp = 5;
    next->int_comp = p->int_comp;
    next->next = p->next;
    proc_3(&next->next);
    if (next->discr == IDENT_1) {
        next->int_comp = 6;
        proc_6(p->enum_comp, &next->enum_comp);
        next->next = glob_ptr->next;
        proc_7(next->int_comp, 10, &next->int_comp);
    } else
        *p = *p->next;
}

static void proc_2(int *p) {
    int loc = *p + 10;
    Enumeration e = IDENT_2;
    do
        if (char_glob_1 == 'A') {
            loc -= 1;
            *p = loc - int_glob;
            e = IDENT_1;
        }
    while (e != IDENT_1);
}

static void proc_4(void) {
    int b = char_glob_1 == 'A';
    bool_glob = b | bool_glob;
    char_glob_2 = 'B';
}

static void proc_5(void) {
    char_glob_1 = 'A';
    bool_glob = 0;
}

int main(void) {
    char str_1[31], str_2[31];
    glob_ptr = &records[0];
    glob_ptr->next = &records[1];
    glob_ptr->discr = IDENT_1;
    glob_ptr->enum_comp = IDENT_3;
    glob_ptr->int_comp = 40;
    strcpy(glob_ptr->str_comp, "DHRYSTONE PROGRAM, SOME STRING");
    strcpy(str_1, "DHRYSTONE PROGRAM, 1'ST STRING");
    arr_2[8][7] = 10;
    long check = 0;
    for (int run = 1; run <= LOOPS; ++run) {
        int i1, i2, i3;
        Enumeration e;
        proc_5();
        proc_4();
        i1 = 2;
        i2 = 3;
        strcpy(str_2, "DHRYSTONE PROGRAM, 2'ND STRING");
        e = IDENT_2;
        bool_glob = !func_2(str_1, str_2);
        while (i1 < i2) {
            i3 = 5 * i1 - i2;
            proc_7(i1, i2, &i3);
            i1 += 1;
        }
        proc_8(arr_1, arr_2, i1, i3);
        proc_1(glob_ptr);
        for (char c = 'A'; c <= char_glob_2; ++c)
            if (e == func_1(c, 'C')) {
                proc_6(IDENT_1, &e);
                strcpy(str_2, "DHRYSTONE PROGRAM, 3'RD STRING");
                i2 = run;
                int_glob = run;
            }
        i2 = i2 * i1;
        i1 = i2 / i3;
        i2 = 7 * (i2 - i3) - i1;
        proc_2(&i1);
        check += i1 + i2 + i3 + int_glob + (int)e;
    }
    printf("%ld %d %d %d\n", check, int_glob, arr_1[8], arr_2[8][7]);
    return 0;
}
