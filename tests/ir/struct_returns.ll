; fixture: first-class aggregate returns and arguments - {i64,i64}, {double,double}, {i32,float}, {float,float,float}, {i64,double}, a 4 x i64 struct, nested {{i32,i32},[2 x i16]}; extractvalue/insertvalue incl. nested indices
; exit: 220
; stdout: divmod: q=-10309278 r=-41
; stdout: cmul: re=17.1250 im=-8.2500
; stdout: i32_float: 126 -10.500  f3: 3.50 5.00 -2.50  i64_double: -12345 -1543.12
; stdout: quad: -37 1369 -50653 1874161
; stdout: nested: 150 200 -50 150

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@fmt1 = private unnamed_addr constant [21 x i8] c"divmod: q=%ld r=%ld\0A\00"
@fmt2 = private unnamed_addr constant [23 x i8] c"cmul: re=%.4f im=%.4f\0A\00"
@fmt3 = private unnamed_addr constant [62 x i8] c"i32_float: %d %.3f  f3: %.2f %.2f %.2f  i64_double: %ld %.2f\0A\00"
@fmt4 = private unnamed_addr constant [23 x i8] c"quad: %ld %ld %ld %ld\0A\00"
@fmt5 = private unnamed_addr constant [21 x i8] c"nested: %d %d %d %d\0A\00"

declare i32 @printf(ptr, ...)

define internal { i64, i64 } @divmod(i64 %a, i64 %b) {
  %q = sdiv i64 %a, %b
  %r = srem i64 %a, %b
  %s0 = insertvalue { i64, i64 } undef, i64 %q, 0
  %s1 = insertvalue { i64, i64 } %s0, i64 %r, 1
  ret { i64, i64 } %s1
}

define internal { double, double } @cmul({ double, double } %x, { double, double } %y) {
  %a = extractvalue { double, double } %x, 0
  %b = extractvalue { double, double } %x, 1
  %c = extractvalue { double, double } %y, 0
  %d = extractvalue { double, double } %y, 1
  %ac = fmul double %a, %c
  %bd = fmul double %b, %d
  %ad = fmul double %a, %d
  %bc = fmul double %b, %c
  %re = fsub double %ac, %bd
  %im = fadd double %ad, %bc
  %r0 = insertvalue { double, double } poison, double %re, 0
  %r1 = insertvalue { double, double } %r0, double %im, 1
  ret { double, double } %r1
}

define internal { i32, float } @i32_float(i32 %x) {
  %f = sitofp i32 %x to float
  %h = fmul float %f, 0.25
  %n = mul i32 %x, -3
  %r0 = insertvalue { i32, float } undef, i32 %n, 0
  %r1 = insertvalue { i32, float } %r0, float %h, 1
  ret { i32, float } %r1
}

define internal { float, float, float } @f3(float %x) {
  %a = fadd float %x, 1.0
  %b = fmul float %x, 2.0
  %c = fsub float 0.0, %x
  %r0 = insertvalue { float, float, float } undef, float %a, 0
  %r1 = insertvalue { float, float, float } %r0, float %b, 1
  %r2 = insertvalue { float, float, float } %r1, float %c, 2
  ret { float, float, float } %r2
}

define internal { i64, double } @i64_double(i64 %x) {
  %d = sitofp i64 %x to double
  %d2 = fdiv double %d, 8.0
  %r0 = insertvalue { i64, double } undef, i64 %x, 0
  %r1 = insertvalue { i64, double } %r0, double %d2, 1
  ret { i64, double } %r1
}

define internal { i64, i64, i64, i64 } @quad(i64 %x) {
  %b = mul i64 %x, %x
  %c = mul i64 %b, %x
  %d = mul i64 %c, %x
  %r0 = insertvalue { i64, i64, i64, i64 } undef, i64 %x, 0
  %r1 = insertvalue { i64, i64, i64, i64 } %r0, i64 %b, 1
  %r2 = insertvalue { i64, i64, i64, i64 } %r1, i64 %c, 2
  %r3 = insertvalue { i64, i64, i64, i64 } %r2, i64 %d, 3
  ret { i64, i64, i64, i64 } %r3
}

define internal { { i32, i32 }, [2 x i16] } @nested({ { i32, i32 }, [2 x i16] } %in) {
  %a = extractvalue { { i32, i32 }, [2 x i16] } %in, 0, 1
  %b = extractvalue { { i32, i32 }, [2 x i16] } %in, 1, 0
  %be = sext i16 %b to i32
  %sum = add i32 %a, %be
  %t = trunc i32 %sum to i16
  %o1 = insertvalue { { i32, i32 }, [2 x i16] } %in, i32 %sum, 0, 0
  %o2 = insertvalue { { i32, i32 }, [2 x i16] } %o1, i16 %t, 1, 1
  ret { { i32, i32 }, [2 x i16] } %o2
}

define i32 @main() {
entry:
  %dm = call { i64, i64 } @divmod(i64 -1000000007, i64 97)
  %q = extractvalue { i64, i64 } %dm, 0
  %r = extractvalue { i64, i64 } %dm, 1
  call i32 (ptr, ...) @printf(ptr @fmt1, i64 %q, i64 %r)
  %x0 = insertvalue { double, double } undef, double 1.5, 0
  %x = insertvalue { double, double } %x0, double -2.0, 1
  %c1 = call { double, double } @cmul({ double, double } %x, { double, double } { double 0.5, double 3.0 })
  %c2 = call { double, double } @cmul({ double, double } %c1, { double, double } %x)
  %re = extractvalue { double, double } %c2, 0
  %im = extractvalue { double, double } %c2, 1
  call i32 (ptr, ...) @printf(ptr @fmt2, double %re, double %im)
  %if = call { i32, float } @i32_float(i32 -42)
  %if0 = extractvalue { i32, float } %if, 0
  %if1 = extractvalue { i32, float } %if, 1
  %if1d = fpext float %if1 to double
  %ff = call { float, float, float } @f3(float 2.5)
  %ff0 = extractvalue { float, float, float } %ff, 0
  %ff1 = extractvalue { float, float, float } %ff, 1
  %ff2 = extractvalue { float, float, float } %ff, 2
  %ff0d = fpext float %ff0 to double
  %ff1d = fpext float %ff1 to double
  %ff2d = fpext float %ff2 to double
  %id = call { i64, double } @i64_double(i64 -12345)
  %id0 = extractvalue { i64, double } %id, 0
  %id1 = extractvalue { i64, double } %id, 1
  call i32 (ptr, ...) @printf(ptr @fmt3, i32 %if0, double %if1d, double %ff0d, double %ff1d, double %ff2d, i64 %id0, double %id1)
  %qd = call { i64, i64, i64, i64 } @quad(i64 -37)
  %q0 = extractvalue { i64, i64, i64, i64 } %qd, 0
  %q1 = extractvalue { i64, i64, i64, i64 } %qd, 1
  %q2 = extractvalue { i64, i64, i64, i64 } %qd, 2
  %q3 = extractvalue { i64, i64, i64, i64 } %qd, 3
  call i32 (ptr, ...) @printf(ptr @fmt4, i64 %q0, i64 %q1, i64 %q2, i64 %q3)
  %n = call { { i32, i32 }, [2 x i16] } @nested({ { i32, i32 }, [2 x i16] } { { i32, i32 } { i32 1, i32 200 }, [2 x i16] [i16 -50, i16 9] })
  %n00 = extractvalue { { i32, i32 }, [2 x i16] } %n, 0, 0
  %n01 = extractvalue { { i32, i32 }, [2 x i16] } %n, 0, 1
  %n1 = extractvalue { { i32, i32 }, [2 x i16] } %n, 1
  %n10 = extractvalue [2 x i16] %n1, 0
  %n11 = extractvalue [2 x i16] %n1, 1
  %n10e = sext i16 %n10 to i32
  %n11e = sext i16 %n11 to i32
  call i32 (ptr, ...) @printf(ptr @fmt5, i32 %n00, i32 %n01, i32 %n10e, i32 %n11e)
  %t1 = trunc i64 %r to i32
  %t2 = add i32 %t1, %if0
  %t3 = trunc i64 %q3 to i32
  %t4 = add i32 %t2, %t3
  %t5 = add i32 %t4, %n00
  %m = and i32 %t5, 255
  ret i32 %m
}
