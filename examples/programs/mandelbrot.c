/* The default program of `make run`: an ASCII Mandelbrot set. `escape` is called for every sample point and takes
 * nearly all the time, so it is the function that tiers up. */
#include <stdio.h>

static int escape(double cx, double cy, int limit) {
    double x = 0.0, y = 0.0;
    int i = 0;
    while (i < limit && x * x + y * y <= 4.0) {
        double t = x * x - y * y + cx;
        y = 2.0 * x * y + cy;
        x = t;
        i++;
    }
    return i;
}

int main(int argc, char **argv) {
    const int width = 72, height = 28, limit = 2000, passes = 12;
    const char *shades = " .:-=+*#%@";
    long long total = 0;
    for (int pass = 0; pass < passes; pass++) {
        for (int row = 0; row < height; row++) {
            char line[128];
            for (int col = 0; col < width; col++) {
                double cx = -2.2 + 3.0 * col / width;
                double cy = -1.2 + 2.4 * row / height;
                int n = escape(cx, cy, limit);
                total += n;
                line[col] = shades[n >= limit ? 9 : n % 9];
            }
            line[width] = '\0';
            if (pass == 0)
                puts(line);
        }
    }
    printf("iterations: %lld (over %d passes)\n", total, passes);
    return 0;
}
