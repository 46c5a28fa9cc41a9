// Writing to a pipe whose reading end is closed raises SIGPIPE, which ends the program by default (as `yes | head`
// ends `yes`); a program that ignores it would see EPIPE instead.
#include <stdio.h>
#include <unistd.h>

int main(void) {
    int ends[2];
    if (pipe(ends) != 0) return 2;
    close(ends[0]);
    printf("writing to a closed pipe\n");
    fflush(stdout);
    long written = write(ends[1], "x", 1);
    printf("write returned %ld\n", written);
    return 3;
}
