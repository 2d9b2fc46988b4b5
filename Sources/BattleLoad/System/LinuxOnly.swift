// The event loops are epoll, eventfd and timerfd (CBattleLinux): Linux only.
// Package.swift cannot say so, so the compiler does.
#if !os(Linux)
    #error("BattleLoad is Linux only: its event loops are epoll, eventfd and timerfd")
#endif
