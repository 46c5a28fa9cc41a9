; fixture: a float constant that is a signaling NaN keeps its exact bits (stored, returned, in a vector)
; exit: 0
; stdout: ffa18540 ffa18540 7fa00001

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@fmt = private constant [10 x i8] c"%x %x %x\0A\00"
@slot = global float 0.0

declare i32 @printf(ptr, ...)

define float @snan() {
  ret float 0xFFF430A800000000
}

define i32 @main() {
  store float 0xFFF430A800000000, ptr @slot
  %a = load i32, ptr @slot
  %f = call float @snan()
  %b = bitcast float %f to i32
  %v = insertelement <4 x float> zeroinitializer, float 0x7FF4000020000000, i32 1
  %vi = bitcast <4 x float> %v to <4 x i32>
  %c = extractelement <4 x i32> %vi, i32 1
  call i32 (ptr, ...) @printf(ptr @fmt, i32 %a, i32 %b, i32 %c)
  ret i32 0
}
