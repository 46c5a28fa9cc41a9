// A module with a C++ thread_local object whose destructor reports its value to the host, and a static object
// whose destructor reports -1 (when the module is unloaded or the process exits).
extern "C" void record(long value);

struct Counter {
    long value = 0;
    ~Counter() { record(value); }
};
thread_local Counter counter;

struct Static {
    ~Static() { record(-1); }
};
static Static unloaded;

extern "C" long touch(long x) {
    counter.value += x;
    return counter.value;
}
