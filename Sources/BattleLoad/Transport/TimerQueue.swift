/// Deadlines in order, as a binary min-heap: the event loop's timers.
/// Cancelling marks an entry; it is dropped when it reaches the top. Pure
/// value logic; the loop supplies the clock.
struct TimerQueue<Payload> {
    /// Names a scheduled entry for `cancel`.
    struct ID: Hashable, Sendable {
        fileprivate var sequence: UInt64
    }

    private struct Entry {
        var deadline: UInt64
        var sequence: UInt64
        var payload: Payload

        /// Earlier deadline first; equal deadlines in scheduling order.
        func precedes(_ other: Entry) -> Bool {
            deadline != other.deadline ? deadline < other.deadline : sequence < other.sequence
        }
    }

    private var heap: [Entry] = []
    private var nextSequence: UInt64 = 0
    private var cancelled: Set<UInt64> = []

    /// Entries scheduled and neither fired nor cancelled.
    var count: Int { heap.count - cancelled.count }

    @discardableResult
    mutating func schedule(at deadline: UInt64, _ payload: Payload) -> ID {
        let entry = Entry(deadline: deadline, sequence: nextSequence, payload: payload)
        nextSequence += 1
        heap.append(entry)
        siftUp(heap.count - 1)
        return ID(sequence: entry.sequence)
    }

    /// Cancels `id`; a no-op when it already fired or was cancelled.
    mutating func cancel(_ id: ID) {
        guard heap.contains(where: { $0.sequence == id.sequence }) else { return }
        cancelled.insert(id.sequence)
    }

    /// The earliest live deadline.
    var nextDeadline: UInt64? {
        mutating get {
            dropCancelledTop()
            return heap.first?.deadline
        }
    }

    /// Removes and returns the earliest entry due at `now`, if any.
    mutating func popDue(now: UInt64) -> Payload? {
        dropCancelledTop()
        guard let first = heap.first, first.deadline <= now else { return nil }
        return removeTop().payload
    }

    private mutating func dropCancelledTop() {
        while let first = heap.first, cancelled.contains(first.sequence) {
            cancelled.remove(first.sequence)
            _ = removeTop()
        }
    }

    private mutating func removeTop() -> Entry {
        let top = heap[0]
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            siftDown(0)
        }
        return top
    }

    private mutating func siftUp(_ index: Int) {
        var child = index
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].precedes(heap[parent]) else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ index: Int) {
        var parent = index
        while true {
            let left = 2 * parent + 1
            guard left < heap.count else { return }
            var smallest = left
            if left + 1 < heap.count, heap[left + 1].precedes(heap[left]) { smallest = left + 1 }
            guard heap[smallest].precedes(heap[parent]) else { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
