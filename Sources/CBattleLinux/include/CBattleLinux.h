// Linux system headers that Swift's Glibc module does not export: epoll,
// eventfd and timerfd, for the load engine's event loop.
#ifndef C_BATTLE_LINUX_H
#define C_BATTLE_LINUX_H
#ifdef __linux__
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#endif
#endif
