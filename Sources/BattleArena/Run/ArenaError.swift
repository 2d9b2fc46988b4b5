/// A failure of the arena itself, with what to do about it.
public struct ArenaError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
