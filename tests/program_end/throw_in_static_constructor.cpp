// A static constructor that lets an exception escape: std::terminate before main runs, with the constructor's
// frames still in place (the local's destructor does not print).
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

struct Noisy {
    ~Noisy() {
        printf("destructor ran\n");
        fflush(stdout);
    }
};

struct Config {
    int value;
    Config() {
        Noisy n;
        printf("constructing\n");
        fflush(stdout);
        value = getenv("PATH_THAT_IS_NEVER_SET_BY_ANYONE") ? 1 : 0;
        if (value == 0) throw std::runtime_error("bad configuration");
    }
};

static Config config;

int main() {
    printf("main runs with %d\n", config.value);
    return 0;
}
