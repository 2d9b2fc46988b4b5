#ifndef C_AFFINITY_H
#define C_AFFINITY_H

/// CPUs in the calling process's affinity mask (sched_getaffinity + CPU_COUNT),
/// or 0 when the platform has no affinity mask or the call fails.
int battle_affinity_cpu_count(void);

#endif
