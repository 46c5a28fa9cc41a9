// std::cin and std::cout (synchronized with C stdio) before and after the program's first thread: words read
// with >>, lines with getline, characters with get/peek/putback, C getc/ungetc in between
#include <cstdio>
#include <iostream>
#include <map>
#include <string>
#include <thread>

static void read_some(int words, std::map<char, long> &by_letter, long &chars) {
    std::string w;
    for (int i = 0; i < words && std::cin >> w; i++) {
        by_letter[w[0]]++;
        chars += (long)w.size();
        if (i % 500 == 0) std::cout << i << ':' << w << '\n';
        if (std::cin.peek() == ' ') {
            std::cin.get();
            std::cin.putback(' ');
        }
        // C stdio on the same stream, interleaved with the C++ one.
        int c = std::getc(stdin);
        if (c != EOF) std::ungetc(c, stdin);
    }
}

int main() {
    std::map<char, long> by_letter;
    long chars = 0;
    read_some(20000, by_letter, chars);
    std::cout << "one thread: " << chars << " chars\n";

    long background = 0;
    std::thread t([&background] {
        for (int i = 0; i < 100000; i++) background += i % 7;
    });
    t.join();
    read_some(20000, by_letter, chars);
    std::string line;
    long lines = 0;
    while (std::getline(std::cin, line)) lines++;
    std::cout << "after a thread: " << chars << " chars, " << lines << " more lines, background " << background
              << '\n';
    for (auto &kv : by_letter) std::cout << kv.first << '=' << kv.second << ' ';
    std::cout << std::endl;
    return (int)(chars % 100);
}
