import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// glibc's `posix_spawn_file_actions_addchdir_np` (2.29+), which Swift's Glibc
/// module hides behind _GNU_SOURCE; looked up once at run time.
enum SpawnSupport {
    typealias AddChdir =
        @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32

    private static let addChdirFunction: AddChdir? = {
        guard let handle = dlopen(nil, RTLD_NOW), let sym = dlsym(handle, "posix_spawn_file_actions_addchdir_np") else {
            return nil
        }
        return unsafeBitCast(sym, to: AddChdir.self)
    }()

    static func addChdir(
        _ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ dir: UnsafePointer<CChar>
    ) -> Int32 {
        guard let f = addChdirFunction else { return ENOSYS }
        return f(actions, dir)
    }
}
