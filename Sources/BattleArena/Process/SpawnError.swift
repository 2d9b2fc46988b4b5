import Foundation

#if canImport(Glibc)
    import Glibc
#endif

public struct SpawnError: Error, CustomStringConvertible {
    public let command: String
    public let code: Int32
    public var description: String { "cannot start \(command): \(String(cString: strerror(code)))" }
}
