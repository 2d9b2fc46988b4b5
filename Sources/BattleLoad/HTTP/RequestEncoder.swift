import NIOCore

/// Encodes requests once, before the run. The engine then writes the same
/// `ByteBuffer`s again and again: a ByteBuffer is copy-on-write, so handing
/// one to NIO copies no bytes.
public enum RequestEncoder {
    /// The bytes of one HTTP/1.1 request to `target` with `body` (nil for none).
    public static func encode(_ target: LoadTarget, body: [UInt8]?) -> [UInt8] {
        var head = "\(target.method) \(target.url.pathAndQuery) HTTP/1.1\r\n"
        let hasHost = target.headers.contains { $0.name.lowercased() == "host" }
        if !hasHost { head += "Host: \(target.url.authority)\r\n" }
        for h in target.headers { head += "\(h.name): \(h.value)\r\n" }
        if let body {
            head += "Content-Length: \(body.count)\r\n"
        } else if ["POST", "PUT", "PATCH"].contains(target.method) {
            head += "Content-Length: 0\r\n"
        }
        head += "\r\n"
        return Array(head.utf8) + (body ?? [])
    }

    /// Every variant of every target, in target order: one buffer per body
    /// (one without a body when the target has none).
    public static func encodeAll(_ targets: [LoadTarget], allocator: ByteBufferAllocator = .init()) -> [[ByteBuffer]] {
        targets.map { t in
            let bodies: [[UInt8]?] = t.bodies.isEmpty ? [nil] : t.bodies.map { $0 }
            return bodies.map { body in
                let bytes = encode(t, body: body)
                var b = allocator.buffer(capacity: bytes.count)
                b.writeBytes(bytes)
                return b
            }
        }
    }
}
