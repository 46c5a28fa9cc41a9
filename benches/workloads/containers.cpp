/* workload: allocation | C++ containers that allocate per element: std::map and std::list built and torn down, std::string keys, std::shared_ptr nodes */
#include <cstdio>
#include <list>
#include <map>
#include <memory>
#include <string>

struct Item {
    long id;
    std::string name;
    std::shared_ptr<Item> next;
};

static unsigned long state = 88172645463325252ul;
static unsigned long rnd() {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

int main(int argc, char **) {
    int rounds = 400 * argc;
    long checksum = 0;
    for (int r = 0; r < rounds; r++) {
        std::map<long, std::string> index;
        std::list<long> order;
        for (int i = 0; i < 4000; i++) {
            long key = (long)(rnd() % 100000);
            index[key] = "item-" + std::to_string(key);
            order.push_back(key);
        }
        for (auto it = order.begin(); it != order.end();) {
            if (*it % 3 == 0) {
                index.erase(*it);
                it = order.erase(it);
            } else {
                ++it;
            }
        }
        std::shared_ptr<Item> chain;
        for (auto &kv : index) {
            auto item = std::make_shared<Item>();
            item->id = kv.first;
            item->name = kv.second;
            item->next = chain;
            chain = item;
        }
        for (auto p = chain; p; p = p->next) checksum += p->id % 7 + (long)p->name.size();
        // Tear the chain down iteratively (a recursive release would go as deep as the chain).
        while (chain && chain.use_count() == 1) chain = std::move(chain->next);
        checksum += (long)order.size();
    }
    std::printf("%ld\n", checksum);
    return 0;
}
