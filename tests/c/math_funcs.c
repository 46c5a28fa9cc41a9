/* exercises: math.h functions sqrt pow exp log sin cos tan floor ceil fabs fmod round trunc fmin fmax hypot atan2 and float variants */
#include <stdio.h>
#include <math.h>

int main(void) {
    volatile double xs[] = {0.5, 1.0, 2.25, 3.7, -1.3, 10.0};
    double acc = 0;
    for (int i = 0; i < 6; i++) {
        double x = xs[i];
        double ax = fabs(x);
        printf("x=%5.2f sqrt=%.6f exp=%.6f log=%.6f sin=%.6f cos=%.6f\n", x, sqrt(ax), exp(x), log(ax), sin(x), cos(x));
        printf("       floor=%.1f ceil=%.1f round=%.1f trunc=%.1f fmod(x,0.7)=%.6f pow(|x|,1.5)=%.6f\n",
               floor(x), ceil(x), round(x), trunc(x), fmod(x, 0.7), pow(ax, 1.5));
        acc += sqrt(ax) + floor(x) + round(x * 3);
    }
    volatile double a = 3.0, b = 4.0, c = -2.0;
    printf("hypot(3,4)=%.6f atan2(4,3)=%.6f atan2(-2,-3)=%.6f\n", hypot(a, b), atan2(b, a), atan2(c, -a));
    printf("fmin=%.2f fmax=%.2f fmin(-0.5,2)=%.2f\n", fmin(a, b), fmax(a, c), fmin(-0.5, b));
    printf("pow(2,10)=%.1f pow(2,-3)=%.4f pow(10,0.5)=%.6f\n", pow(2, 10), pow(2, -3), pow(10, 0.5));
    printf("round(-2.5)=%.1f round(2.5)=%.1f trunc(-2.7)=%.1f ceil(-0.5)=%.1f\n", round(-2.5), round(2.5), trunc(-2.7), ceil(-0.5));
    printf("tan(0.5)=%.6f asin(0.5)=%.6f acos(0.5)=%.6f atan(1)=%.6f\n", tan(0.5), asin(0.5), acos(0.5), atan(1.0));
    printf("log10(1000)=%.3f log2(1024)=%.3f exp2(5)=%.1f cbrt(27)=%.4f\n", log10(1000.0), log2(1024.0), exp2(5.0), cbrt(27.0));
    volatile float fx = 2.0f;
    printf("sqrtf(2)=%.5f sinf(1)=%.5f expf(1)=%.5f fabsf(-3.5)=%.2f\n", (double)sqrtf(fx), (double)sinf(fx / 2), (double)expf(fx / 2), (double)fabsf(-3.5f));
    printf("isnan(0/0-like)=%d isinf=%d copysign=%.1f\n", isnan(sqrt(c)) != 0, isinf(1.0 / (a - 3.0)) != 0, copysign(3.0, c));
    printf("acc=%.6f\n", acc);
    return (int)acc % 100;
}
