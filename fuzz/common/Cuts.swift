/// Where to cut a stream into reads, from one seed byte: up to 8 cut
/// points, the same for the same seed, shared by both fuzz targets.
func cuts(seed: UInt8, count n: Int) -> [Int] {
    guard n > 1 else { return [] }
    var x = UInt32(seed) &* 2_654_435_761 | 1
    var points: [Int] = []
    for _ in 0..<(Int(seed % 8) + 1) {
        x ^= x << 13
        x ^= x >> 17
        x ^= x << 5
        points.append(Int(x % UInt32(n)))
    }
    // Sorted, then repeats dropped: no Set, whose order (and so the
    // coverage the fuzzer sees) would change from run to run.
    var out: [Int] = []
    for p in points.sorted() where p != out.last { out.append(p) }
    return out
}
