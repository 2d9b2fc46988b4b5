// sched_getaffinity and CPU_COUNT need _GNU_SOURCE, and CPU_COUNT is a macro:
// neither reaches Swift through Glibc, so this one function wraps them.
#define _GNU_SOURCE
#include "CAffinity.h"

#if defined(__linux__)
#include <sched.h>

int battle_affinity_cpu_count(void) {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof(set), &set) != 0) {
        return 0;
    }
    return CPU_COUNT(&set);
}
#else
int battle_affinity_cpu_count(void) {
    return 0;
}
#endif
