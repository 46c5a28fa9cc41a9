; fixture: fcmp with all 16 predicates (false oeq ogt oge olt ole one ord ueq ugt uge ult ule une uno true) on float and double incl. NaN, infinities and signed zeros
; exit: 167
; stdout: double case  1: 00001111 00011101 mask=b8f0
; stdout: double case  2: 01010101 10101001 mask=95aa
; stdout: double case  3: 00110011 01100101 mask=a6cc
; stdout: double case  4: 00000000 11111111 mask=ff00
; stdout: double case  5: 00000000 11111111 mask=ff00
; stdout: double case  6: 01010101 10101001 mask=95aa
; stdout: double case  7: 00001111 00011101 mask=b8f0
; stdout: double case  8: 00000000 11111111 mask=ff00
; stdout: float  case  9: 00110011 01100101 mask=a6cc
; stdout: float  case 10: 00000000 11111111 mask=ff00
; stdout: float  case 11: 01010101 10101001 mask=95aa
; stdout: float  case 12: 01010101 10101001 mask=95aa
; stdout: checksum=594464

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@fmt = private unnamed_addr constant [60 x i8] c"%-6s case %2d: %d%d%d%d%d%d%d%d %d%d%d%d%d%d%d%d mask=%04x\0A\00"
@n.float = private unnamed_addr constant [6 x i8] c"float\00"
@n.double = private unnamed_addr constant [7 x i8] c"double\00"
@fmtm = private unnamed_addr constant [13 x i8] c"checksum=%d\0A\00"

declare i32 @printf(ptr, ...)

define internal i32 @cmp_float(i32 %id, float %a, float %b) {
entry:
  %c.false = fcmp false float %a, %b
  %z.false = zext i1 %c.false to i32
  %c.oeq = fcmp oeq float %a, %b
  %z.oeq = zext i1 %c.oeq to i32
  %c.ogt = fcmp ogt float %a, %b
  %z.ogt = zext i1 %c.ogt to i32
  %c.oge = fcmp oge float %a, %b
  %z.oge = zext i1 %c.oge to i32
  %c.olt = fcmp olt float %a, %b
  %z.olt = zext i1 %c.olt to i32
  %c.ole = fcmp ole float %a, %b
  %z.ole = zext i1 %c.ole to i32
  %c.one = fcmp one float %a, %b
  %z.one = zext i1 %c.one to i32
  %c.ord = fcmp ord float %a, %b
  %z.ord = zext i1 %c.ord to i32
  %c.ueq = fcmp ueq float %a, %b
  %z.ueq = zext i1 %c.ueq to i32
  %c.ugt = fcmp ugt float %a, %b
  %z.ugt = zext i1 %c.ugt to i32
  %c.uge = fcmp uge float %a, %b
  %z.uge = zext i1 %c.uge to i32
  %c.ult = fcmp ult float %a, %b
  %z.ult = zext i1 %c.ult to i32
  %c.ule = fcmp ule float %a, %b
  %z.ule = zext i1 %c.ule to i32
  %c.une = fcmp une float %a, %b
  %z.une = zext i1 %c.une to i32
  %c.uno = fcmp uno float %a, %b
  %z.uno = zext i1 %c.uno to i32
  %c.true = fcmp true float %a, %b
  %z.true = zext i1 %c.true to i32
  %m0 = add i32 0, 0
  %sh.false = shl i32 %z.false, 0
  %m1 = or i32 %m0, %sh.false
  %sh.oeq = shl i32 %z.oeq, 1
  %m2 = or i32 %m1, %sh.oeq
  %sh.ogt = shl i32 %z.ogt, 2
  %m3 = or i32 %m2, %sh.ogt
  %sh.oge = shl i32 %z.oge, 3
  %m4 = or i32 %m3, %sh.oge
  %sh.olt = shl i32 %z.olt, 4
  %m5 = or i32 %m4, %sh.olt
  %sh.ole = shl i32 %z.ole, 5
  %m6 = or i32 %m5, %sh.ole
  %sh.one = shl i32 %z.one, 6
  %m7 = or i32 %m6, %sh.one
  %sh.ord = shl i32 %z.ord, 7
  %m8 = or i32 %m7, %sh.ord
  %sh.ueq = shl i32 %z.ueq, 8
  %m9 = or i32 %m8, %sh.ueq
  %sh.ugt = shl i32 %z.ugt, 9
  %m10 = or i32 %m9, %sh.ugt
  %sh.uge = shl i32 %z.uge, 10
  %m11 = or i32 %m10, %sh.uge
  %sh.ult = shl i32 %z.ult, 11
  %m12 = or i32 %m11, %sh.ult
  %sh.ule = shl i32 %z.ule, 12
  %m13 = or i32 %m12, %sh.ule
  %sh.une = shl i32 %z.une, 13
  %m14 = or i32 %m13, %sh.une
  %sh.uno = shl i32 %z.uno, 14
  %m15 = or i32 %m14, %sh.uno
  %sh.true = shl i32 %z.true, 15
  %m16 = or i32 %m15, %sh.true
  %r = call i32 (ptr, ...) @printf(ptr @fmt, ptr @n.float, i32 %id, i32 %z.false, i32 %z.oeq, i32 %z.ogt, i32 %z.oge, i32 %z.olt, i32 %z.ole, i32 %z.one, i32 %z.ord, i32 %z.ueq, i32 %z.ugt, i32 %z.uge, i32 %z.ult, i32 %z.ule, i32 %z.une, i32 %z.uno, i32 %z.true, i32 %m16)
  ret i32 %m16
}

define internal i32 @cmp_double(i32 %id, double %a, double %b) {
entry:
  %c.false = fcmp false double %a, %b
  %z.false = zext i1 %c.false to i32
  %c.oeq = fcmp oeq double %a, %b
  %z.oeq = zext i1 %c.oeq to i32
  %c.ogt = fcmp ogt double %a, %b
  %z.ogt = zext i1 %c.ogt to i32
  %c.oge = fcmp oge double %a, %b
  %z.oge = zext i1 %c.oge to i32
  %c.olt = fcmp olt double %a, %b
  %z.olt = zext i1 %c.olt to i32
  %c.ole = fcmp ole double %a, %b
  %z.ole = zext i1 %c.ole to i32
  %c.one = fcmp one double %a, %b
  %z.one = zext i1 %c.one to i32
  %c.ord = fcmp ord double %a, %b
  %z.ord = zext i1 %c.ord to i32
  %c.ueq = fcmp ueq double %a, %b
  %z.ueq = zext i1 %c.ueq to i32
  %c.ugt = fcmp ugt double %a, %b
  %z.ugt = zext i1 %c.ugt to i32
  %c.uge = fcmp uge double %a, %b
  %z.uge = zext i1 %c.uge to i32
  %c.ult = fcmp ult double %a, %b
  %z.ult = zext i1 %c.ult to i32
  %c.ule = fcmp ule double %a, %b
  %z.ule = zext i1 %c.ule to i32
  %c.une = fcmp une double %a, %b
  %z.une = zext i1 %c.une to i32
  %c.uno = fcmp uno double %a, %b
  %z.uno = zext i1 %c.uno to i32
  %c.true = fcmp true double %a, %b
  %z.true = zext i1 %c.true to i32
  %m0 = add i32 0, 0
  %sh.false = shl i32 %z.false, 0
  %m1 = or i32 %m0, %sh.false
  %sh.oeq = shl i32 %z.oeq, 1
  %m2 = or i32 %m1, %sh.oeq
  %sh.ogt = shl i32 %z.ogt, 2
  %m3 = or i32 %m2, %sh.ogt
  %sh.oge = shl i32 %z.oge, 3
  %m4 = or i32 %m3, %sh.oge
  %sh.olt = shl i32 %z.olt, 4
  %m5 = or i32 %m4, %sh.olt
  %sh.ole = shl i32 %z.ole, 5
  %m6 = or i32 %m5, %sh.ole
  %sh.one = shl i32 %z.one, 6
  %m7 = or i32 %m6, %sh.one
  %sh.ord = shl i32 %z.ord, 7
  %m8 = or i32 %m7, %sh.ord
  %sh.ueq = shl i32 %z.ueq, 8
  %m9 = or i32 %m8, %sh.ueq
  %sh.ugt = shl i32 %z.ugt, 9
  %m10 = or i32 %m9, %sh.ugt
  %sh.uge = shl i32 %z.uge, 10
  %m11 = or i32 %m10, %sh.uge
  %sh.ult = shl i32 %z.ult, 11
  %m12 = or i32 %m11, %sh.ult
  %sh.ule = shl i32 %z.ule, 12
  %m13 = or i32 %m12, %sh.ule
  %sh.une = shl i32 %z.une, 13
  %m14 = or i32 %m13, %sh.une
  %sh.uno = shl i32 %z.uno, 14
  %m15 = or i32 %m14, %sh.uno
  %sh.true = shl i32 %z.true, 15
  %m16 = or i32 %m15, %sh.true
  %r = call i32 (ptr, ...) @printf(ptr @fmt, ptr @n.double, i32 %id, i32 %z.false, i32 %z.oeq, i32 %z.ogt, i32 %z.oge, i32 %z.olt, i32 %z.ole, i32 %z.one, i32 %z.ord, i32 %z.ueq, i32 %z.ugt, i32 %z.uge, i32 %z.ult, i32 %z.ule, i32 %z.une, i32 %z.uno, i32 %z.true, i32 %m16)
  ret i32 %m16
}

define i32 @main() {
entry:
  %a1 = call i32 @cmp_double(i32 1, double 1.0, double 2.0)
  %a2 = call i32 @cmp_double(i32 2, double 2.0, double 2.0)
  %a3 = call i32 @cmp_double(i32 3, double 3.0, double 2.0)
  %a4 = call i32 @cmp_double(i32 4, double 0x7FF8000000000000, double 2.0)
  %a5 = call i32 @cmp_double(i32 5, double 0x7FF8000000000000, double 0x7FF8000000000000)
  %a6 = call i32 @cmp_double(i32 6, double 0.0, double -0.0)
  %a7 = call i32 @cmp_double(i32 7, double 0xFFF0000000000000, double 0x7FF0000000000000)
  %nan = fdiv double 0.0, 0.0
  %a8 = call i32 @cmp_double(i32 8, double -5.0e-324, double %nan)
  %b1 = call i32 @cmp_float(i32 9, float 1.5, float -1.5)
  %b2 = call i32 @cmp_float(i32 10, float 0x7FF8000000000000, float 0.0)
  %b3 = call i32 @cmp_float(i32 11, float 0x7FF0000000000000, float 0x7FF0000000000000)
  %b4 = call i32 @cmp_float(i32 12, float -0.0, float 0.0)
  %s1 = add i32 %a1, %a2
  %s2 = add i32 %s1, %a3
  %s3 = add i32 %s2, %a4
  %s4 = add i32 %s3, %a5
  %s5 = add i32 %s4, %a6
  %s6 = add i32 %s5, %a7
  %s7 = add i32 %s6, %a8
  %s8 = add i32 %s7, %b1
  %s9 = add i32 %s8, %b2
  %s10 = add i32 %s9, %b3
  %s11 = add i32 %s10, %b4
  %r = call i32 (ptr, ...) @printf(ptr @fmtm, i32 %s11)
  %m = urem i32 %s11, 253
  ret i32 %m
}
