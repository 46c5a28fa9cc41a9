// Exceptions thrown by two threads through many small functions while the engine replaces their code and frees
// what it replaced: the unwind tables that stay registered must never refer to freed memory.
#include <cstdio>
#include <stdexcept>
#include <thread>

__attribute__((noinline)) static int thrower(int x) {
    if (x % 5 == 0)
        throw std::runtime_error("a multiple of five");
    return x % 1000;
}

// 192 small functions between the throw and the catch, each compiled by tier 0 first.
__attribute__((noinline)) static int f0(int x) { return thrower(x + 0) * 2 + 0; }
__attribute__((noinline)) static int f1(int x) { return thrower(x + 1) * 3 + 1; }
__attribute__((noinline)) static int f2(int x) { return thrower(x + 2) * 4 + 2; }
__attribute__((noinline)) static int f3(int x) { return thrower(x + 3) * 5 + 3; }
__attribute__((noinline)) static int f4(int x) { return thrower(x + 4) * 6 + 4; }
__attribute__((noinline)) static int f5(int x) { return thrower(x + 5) * 2 + 5; }
__attribute__((noinline)) static int f6(int x) { return thrower(x + 6) * 3 + 6; }
__attribute__((noinline)) static int f7(int x) { return thrower(x + 0) * 4 + 7; }
__attribute__((noinline)) static int f8(int x) { return thrower(x + 1) * 5 + 8; }
__attribute__((noinline)) static int f9(int x) { return thrower(x + 2) * 6 + 9; }
__attribute__((noinline)) static int f10(int x) { return thrower(x + 3) * 2 + 10; }
__attribute__((noinline)) static int f11(int x) { return thrower(x + 4) * 3 + 11; }
__attribute__((noinline)) static int f12(int x) { return thrower(x + 5) * 4 + 12; }
__attribute__((noinline)) static int f13(int x) { return thrower(x + 6) * 5 + 13; }
__attribute__((noinline)) static int f14(int x) { return thrower(x + 0) * 6 + 14; }
__attribute__((noinline)) static int f15(int x) { return thrower(x + 1) * 2 + 15; }
__attribute__((noinline)) static int f16(int x) { return thrower(x + 2) * 3 + 16; }
__attribute__((noinline)) static int f17(int x) { return thrower(x + 3) * 4 + 17; }
__attribute__((noinline)) static int f18(int x) { return thrower(x + 4) * 5 + 18; }
__attribute__((noinline)) static int f19(int x) { return thrower(x + 5) * 6 + 19; }
__attribute__((noinline)) static int f20(int x) { return thrower(x + 6) * 2 + 20; }
__attribute__((noinline)) static int f21(int x) { return thrower(x + 0) * 3 + 21; }
__attribute__((noinline)) static int f22(int x) { return thrower(x + 1) * 4 + 22; }
__attribute__((noinline)) static int f23(int x) { return thrower(x + 2) * 5 + 23; }
__attribute__((noinline)) static int f24(int x) { return thrower(x + 3) * 6 + 24; }
__attribute__((noinline)) static int f25(int x) { return thrower(x + 4) * 2 + 25; }
__attribute__((noinline)) static int f26(int x) { return thrower(x + 5) * 3 + 26; }
__attribute__((noinline)) static int f27(int x) { return thrower(x + 6) * 4 + 27; }
__attribute__((noinline)) static int f28(int x) { return thrower(x + 0) * 5 + 28; }
__attribute__((noinline)) static int f29(int x) { return thrower(x + 1) * 6 + 29; }
__attribute__((noinline)) static int f30(int x) { return thrower(x + 2) * 2 + 30; }
__attribute__((noinline)) static int f31(int x) { return thrower(x + 3) * 3 + 31; }
__attribute__((noinline)) static int f32(int x) { return thrower(x + 4) * 4 + 32; }
__attribute__((noinline)) static int f33(int x) { return thrower(x + 5) * 5 + 33; }
__attribute__((noinline)) static int f34(int x) { return thrower(x + 6) * 6 + 34; }
__attribute__((noinline)) static int f35(int x) { return thrower(x + 0) * 2 + 35; }
__attribute__((noinline)) static int f36(int x) { return thrower(x + 1) * 3 + 36; }
__attribute__((noinline)) static int f37(int x) { return thrower(x + 2) * 4 + 37; }
__attribute__((noinline)) static int f38(int x) { return thrower(x + 3) * 5 + 38; }
__attribute__((noinline)) static int f39(int x) { return thrower(x + 4) * 6 + 39; }
__attribute__((noinline)) static int f40(int x) { return thrower(x + 5) * 2 + 40; }
__attribute__((noinline)) static int f41(int x) { return thrower(x + 6) * 3 + 41; }
__attribute__((noinline)) static int f42(int x) { return thrower(x + 0) * 4 + 42; }
__attribute__((noinline)) static int f43(int x) { return thrower(x + 1) * 5 + 43; }
__attribute__((noinline)) static int f44(int x) { return thrower(x + 2) * 6 + 44; }
__attribute__((noinline)) static int f45(int x) { return thrower(x + 3) * 2 + 45; }
__attribute__((noinline)) static int f46(int x) { return thrower(x + 4) * 3 + 46; }
__attribute__((noinline)) static int f47(int x) { return thrower(x + 5) * 4 + 47; }
__attribute__((noinline)) static int f48(int x) { return thrower(x + 6) * 5 + 48; }
__attribute__((noinline)) static int f49(int x) { return thrower(x + 0) * 6 + 49; }
__attribute__((noinline)) static int f50(int x) { return thrower(x + 1) * 2 + 50; }
__attribute__((noinline)) static int f51(int x) { return thrower(x + 2) * 3 + 51; }
__attribute__((noinline)) static int f52(int x) { return thrower(x + 3) * 4 + 52; }
__attribute__((noinline)) static int f53(int x) { return thrower(x + 4) * 5 + 53; }
__attribute__((noinline)) static int f54(int x) { return thrower(x + 5) * 6 + 54; }
__attribute__((noinline)) static int f55(int x) { return thrower(x + 6) * 2 + 55; }
__attribute__((noinline)) static int f56(int x) { return thrower(x + 0) * 3 + 56; }
__attribute__((noinline)) static int f57(int x) { return thrower(x + 1) * 4 + 57; }
__attribute__((noinline)) static int f58(int x) { return thrower(x + 2) * 5 + 58; }
__attribute__((noinline)) static int f59(int x) { return thrower(x + 3) * 6 + 59; }
__attribute__((noinline)) static int f60(int x) { return thrower(x + 4) * 2 + 60; }
__attribute__((noinline)) static int f61(int x) { return thrower(x + 5) * 3 + 61; }
__attribute__((noinline)) static int f62(int x) { return thrower(x + 6) * 4 + 62; }
__attribute__((noinline)) static int f63(int x) { return thrower(x + 0) * 5 + 63; }
__attribute__((noinline)) static int f64(int x) { return thrower(x + 1) * 6 + 64; }
__attribute__((noinline)) static int f65(int x) { return thrower(x + 2) * 2 + 65; }
__attribute__((noinline)) static int f66(int x) { return thrower(x + 3) * 3 + 66; }
__attribute__((noinline)) static int f67(int x) { return thrower(x + 4) * 4 + 67; }
__attribute__((noinline)) static int f68(int x) { return thrower(x + 5) * 5 + 68; }
__attribute__((noinline)) static int f69(int x) { return thrower(x + 6) * 6 + 69; }
__attribute__((noinline)) static int f70(int x) { return thrower(x + 0) * 2 + 70; }
__attribute__((noinline)) static int f71(int x) { return thrower(x + 1) * 3 + 71; }
__attribute__((noinline)) static int f72(int x) { return thrower(x + 2) * 4 + 72; }
__attribute__((noinline)) static int f73(int x) { return thrower(x + 3) * 5 + 73; }
__attribute__((noinline)) static int f74(int x) { return thrower(x + 4) * 6 + 74; }
__attribute__((noinline)) static int f75(int x) { return thrower(x + 5) * 2 + 75; }
__attribute__((noinline)) static int f76(int x) { return thrower(x + 6) * 3 + 76; }
__attribute__((noinline)) static int f77(int x) { return thrower(x + 0) * 4 + 77; }
__attribute__((noinline)) static int f78(int x) { return thrower(x + 1) * 5 + 78; }
__attribute__((noinline)) static int f79(int x) { return thrower(x + 2) * 6 + 79; }
__attribute__((noinline)) static int f80(int x) { return thrower(x + 3) * 2 + 80; }
__attribute__((noinline)) static int f81(int x) { return thrower(x + 4) * 3 + 81; }
__attribute__((noinline)) static int f82(int x) { return thrower(x + 5) * 4 + 82; }
__attribute__((noinline)) static int f83(int x) { return thrower(x + 6) * 5 + 83; }
__attribute__((noinline)) static int f84(int x) { return thrower(x + 0) * 6 + 84; }
__attribute__((noinline)) static int f85(int x) { return thrower(x + 1) * 2 + 85; }
__attribute__((noinline)) static int f86(int x) { return thrower(x + 2) * 3 + 86; }
__attribute__((noinline)) static int f87(int x) { return thrower(x + 3) * 4 + 87; }
__attribute__((noinline)) static int f88(int x) { return thrower(x + 4) * 5 + 88; }
__attribute__((noinline)) static int f89(int x) { return thrower(x + 5) * 6 + 89; }
__attribute__((noinline)) static int f90(int x) { return thrower(x + 6) * 2 + 90; }
__attribute__((noinline)) static int f91(int x) { return thrower(x + 0) * 3 + 91; }
__attribute__((noinline)) static int f92(int x) { return thrower(x + 1) * 4 + 92; }
__attribute__((noinline)) static int f93(int x) { return thrower(x + 2) * 5 + 93; }
__attribute__((noinline)) static int f94(int x) { return thrower(x + 3) * 6 + 94; }
__attribute__((noinline)) static int f95(int x) { return thrower(x + 4) * 2 + 95; }
__attribute__((noinline)) static int f96(int x) { return thrower(x + 5) * 3 + 96; }
__attribute__((noinline)) static int f97(int x) { return thrower(x + 6) * 4 + 97; }
__attribute__((noinline)) static int f98(int x) { return thrower(x + 0) * 5 + 98; }
__attribute__((noinline)) static int f99(int x) { return thrower(x + 1) * 6 + 99; }
__attribute__((noinline)) static int f100(int x) { return thrower(x + 2) * 2 + 100; }
__attribute__((noinline)) static int f101(int x) { return thrower(x + 3) * 3 + 101; }
__attribute__((noinline)) static int f102(int x) { return thrower(x + 4) * 4 + 102; }
__attribute__((noinline)) static int f103(int x) { return thrower(x + 5) * 5 + 103; }
__attribute__((noinline)) static int f104(int x) { return thrower(x + 6) * 6 + 104; }
__attribute__((noinline)) static int f105(int x) { return thrower(x + 0) * 2 + 105; }
__attribute__((noinline)) static int f106(int x) { return thrower(x + 1) * 3 + 106; }
__attribute__((noinline)) static int f107(int x) { return thrower(x + 2) * 4 + 107; }
__attribute__((noinline)) static int f108(int x) { return thrower(x + 3) * 5 + 108; }
__attribute__((noinline)) static int f109(int x) { return thrower(x + 4) * 6 + 109; }
__attribute__((noinline)) static int f110(int x) { return thrower(x + 5) * 2 + 110; }
__attribute__((noinline)) static int f111(int x) { return thrower(x + 6) * 3 + 111; }
__attribute__((noinline)) static int f112(int x) { return thrower(x + 0) * 4 + 112; }
__attribute__((noinline)) static int f113(int x) { return thrower(x + 1) * 5 + 113; }
__attribute__((noinline)) static int f114(int x) { return thrower(x + 2) * 6 + 114; }
__attribute__((noinline)) static int f115(int x) { return thrower(x + 3) * 2 + 115; }
__attribute__((noinline)) static int f116(int x) { return thrower(x + 4) * 3 + 116; }
__attribute__((noinline)) static int f117(int x) { return thrower(x + 5) * 4 + 117; }
__attribute__((noinline)) static int f118(int x) { return thrower(x + 6) * 5 + 118; }
__attribute__((noinline)) static int f119(int x) { return thrower(x + 0) * 6 + 119; }
__attribute__((noinline)) static int f120(int x) { return thrower(x + 1) * 2 + 120; }
__attribute__((noinline)) static int f121(int x) { return thrower(x + 2) * 3 + 121; }
__attribute__((noinline)) static int f122(int x) { return thrower(x + 3) * 4 + 122; }
__attribute__((noinline)) static int f123(int x) { return thrower(x + 4) * 5 + 123; }
__attribute__((noinline)) static int f124(int x) { return thrower(x + 5) * 6 + 124; }
__attribute__((noinline)) static int f125(int x) { return thrower(x + 6) * 2 + 125; }
__attribute__((noinline)) static int f126(int x) { return thrower(x + 0) * 3 + 126; }
__attribute__((noinline)) static int f127(int x) { return thrower(x + 1) * 4 + 127; }
__attribute__((noinline)) static int f128(int x) { return thrower(x + 2) * 5 + 128; }
__attribute__((noinline)) static int f129(int x) { return thrower(x + 3) * 6 + 129; }
__attribute__((noinline)) static int f130(int x) { return thrower(x + 4) * 2 + 130; }
__attribute__((noinline)) static int f131(int x) { return thrower(x + 5) * 3 + 131; }
__attribute__((noinline)) static int f132(int x) { return thrower(x + 6) * 4 + 132; }
__attribute__((noinline)) static int f133(int x) { return thrower(x + 0) * 5 + 133; }
__attribute__((noinline)) static int f134(int x) { return thrower(x + 1) * 6 + 134; }
__attribute__((noinline)) static int f135(int x) { return thrower(x + 2) * 2 + 135; }
__attribute__((noinline)) static int f136(int x) { return thrower(x + 3) * 3 + 136; }
__attribute__((noinline)) static int f137(int x) { return thrower(x + 4) * 4 + 137; }
__attribute__((noinline)) static int f138(int x) { return thrower(x + 5) * 5 + 138; }
__attribute__((noinline)) static int f139(int x) { return thrower(x + 6) * 6 + 139; }
__attribute__((noinline)) static int f140(int x) { return thrower(x + 0) * 2 + 140; }
__attribute__((noinline)) static int f141(int x) { return thrower(x + 1) * 3 + 141; }
__attribute__((noinline)) static int f142(int x) { return thrower(x + 2) * 4 + 142; }
__attribute__((noinline)) static int f143(int x) { return thrower(x + 3) * 5 + 143; }
__attribute__((noinline)) static int f144(int x) { return thrower(x + 4) * 6 + 144; }
__attribute__((noinline)) static int f145(int x) { return thrower(x + 5) * 2 + 145; }
__attribute__((noinline)) static int f146(int x) { return thrower(x + 6) * 3 + 146; }
__attribute__((noinline)) static int f147(int x) { return thrower(x + 0) * 4 + 147; }
__attribute__((noinline)) static int f148(int x) { return thrower(x + 1) * 5 + 148; }
__attribute__((noinline)) static int f149(int x) { return thrower(x + 2) * 6 + 149; }
__attribute__((noinline)) static int f150(int x) { return thrower(x + 3) * 2 + 150; }
__attribute__((noinline)) static int f151(int x) { return thrower(x + 4) * 3 + 151; }
__attribute__((noinline)) static int f152(int x) { return thrower(x + 5) * 4 + 152; }
__attribute__((noinline)) static int f153(int x) { return thrower(x + 6) * 5 + 153; }
__attribute__((noinline)) static int f154(int x) { return thrower(x + 0) * 6 + 154; }
__attribute__((noinline)) static int f155(int x) { return thrower(x + 1) * 2 + 155; }
__attribute__((noinline)) static int f156(int x) { return thrower(x + 2) * 3 + 156; }
__attribute__((noinline)) static int f157(int x) { return thrower(x + 3) * 4 + 157; }
__attribute__((noinline)) static int f158(int x) { return thrower(x + 4) * 5 + 158; }
__attribute__((noinline)) static int f159(int x) { return thrower(x + 5) * 6 + 159; }
__attribute__((noinline)) static int f160(int x) { return thrower(x + 6) * 2 + 160; }
__attribute__((noinline)) static int f161(int x) { return thrower(x + 0) * 3 + 161; }
__attribute__((noinline)) static int f162(int x) { return thrower(x + 1) * 4 + 162; }
__attribute__((noinline)) static int f163(int x) { return thrower(x + 2) * 5 + 163; }
__attribute__((noinline)) static int f164(int x) { return thrower(x + 3) * 6 + 164; }
__attribute__((noinline)) static int f165(int x) { return thrower(x + 4) * 2 + 165; }
__attribute__((noinline)) static int f166(int x) { return thrower(x + 5) * 3 + 166; }
__attribute__((noinline)) static int f167(int x) { return thrower(x + 6) * 4 + 167; }
__attribute__((noinline)) static int f168(int x) { return thrower(x + 0) * 5 + 168; }
__attribute__((noinline)) static int f169(int x) { return thrower(x + 1) * 6 + 169; }
__attribute__((noinline)) static int f170(int x) { return thrower(x + 2) * 2 + 170; }
__attribute__((noinline)) static int f171(int x) { return thrower(x + 3) * 3 + 171; }
__attribute__((noinline)) static int f172(int x) { return thrower(x + 4) * 4 + 172; }
__attribute__((noinline)) static int f173(int x) { return thrower(x + 5) * 5 + 173; }
__attribute__((noinline)) static int f174(int x) { return thrower(x + 6) * 6 + 174; }
__attribute__((noinline)) static int f175(int x) { return thrower(x + 0) * 2 + 175; }
__attribute__((noinline)) static int f176(int x) { return thrower(x + 1) * 3 + 176; }
__attribute__((noinline)) static int f177(int x) { return thrower(x + 2) * 4 + 177; }
__attribute__((noinline)) static int f178(int x) { return thrower(x + 3) * 5 + 178; }
__attribute__((noinline)) static int f179(int x) { return thrower(x + 4) * 6 + 179; }
__attribute__((noinline)) static int f180(int x) { return thrower(x + 5) * 2 + 180; }
__attribute__((noinline)) static int f181(int x) { return thrower(x + 6) * 3 + 181; }
__attribute__((noinline)) static int f182(int x) { return thrower(x + 0) * 4 + 182; }
__attribute__((noinline)) static int f183(int x) { return thrower(x + 1) * 5 + 183; }
__attribute__((noinline)) static int f184(int x) { return thrower(x + 2) * 6 + 184; }
__attribute__((noinline)) static int f185(int x) { return thrower(x + 3) * 2 + 185; }
__attribute__((noinline)) static int f186(int x) { return thrower(x + 4) * 3 + 186; }
__attribute__((noinline)) static int f187(int x) { return thrower(x + 5) * 4 + 187; }
__attribute__((noinline)) static int f188(int x) { return thrower(x + 6) * 5 + 188; }
__attribute__((noinline)) static int f189(int x) { return thrower(x + 0) * 6 + 189; }
__attribute__((noinline)) static int f190(int x) { return thrower(x + 1) * 2 + 190; }
__attribute__((noinline)) static int f191(int x) { return thrower(x + 2) * 3 + 191; }

typedef int (*fn)(int);
static const fn table[192] = {
    f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11,
    f12, f13, f14, f15, f16, f17, f18, f19, f20, f21, f22, f23,
    f24, f25, f26, f27, f28, f29, f30, f31, f32, f33, f34, f35,
    f36, f37, f38, f39, f40, f41, f42, f43, f44, f45, f46, f47,
    f48, f49, f50, f51, f52, f53, f54, f55, f56, f57, f58, f59,
    f60, f61, f62, f63, f64, f65, f66, f67, f68, f69, f70, f71,
    f72, f73, f74, f75, f76, f77, f78, f79, f80, f81, f82, f83,
    f84, f85, f86, f87, f88, f89, f90, f91, f92, f93, f94, f95,
    f96, f97, f98, f99, f100, f101, f102, f103, f104, f105, f106, f107,
    f108, f109, f110, f111, f112, f113, f114, f115, f116, f117, f118, f119,
    f120, f121, f122, f123, f124, f125, f126, f127, f128, f129, f130, f131,
    f132, f133, f134, f135, f136, f137, f138, f139, f140, f141, f142, f143,
    f144, f145, f146, f147, f148, f149, f150, f151, f152, f153, f154, f155,
    f156, f157, f158, f159, f160, f161, f162, f163, f164, f165, f166, f167,
    f168, f169, f170, f171, f172, f173, f174, f175, f176, f177, f178, f179,
    f180, f181, f182, f183, f184, f185, f186, f187, f188, f189, f190, f191,
};

struct result {
    long sum;
    int caught;
};

static void work(int seed, result *out) {
    long sum = 0;
    int caught = 0;
    for (int k = 0; k < 20000; k++) {
        int i = (k * 7 + seed * 13) % 192;
        try {
            sum += table[i](k + seed);
        } catch (const std::exception &) {
            caught++;
        }
    }
    out->sum = sum;
    out->caught = caught;
}

int main() {
    result a{}, b{};
    std::thread ta(work, 1, &a);
    std::thread tb(work, 2, &b);
    ta.join();
    tb.join();
    std::printf("thread 1: sum %ld, caught %d\n", a.sum, a.caught);
    std::printf("thread 2: sum %ld, caught %d\n", b.sum, b.caught);
    return (int)((a.sum + b.sum + a.caught + b.caught) % 101);
}
