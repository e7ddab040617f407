/// A value of a Sirene row, normalised and ready to hash and bind.
enum PreparedValue {
    case null
    case bytes(UnsafeBufferPointer<UInt8>)
    case int(Int64)
    case real(Double)
}

/// Rows read and prepared by the parsing thread, handed whole to the thread that writes them.
/// It owns the bytes its values point at, so it stays valid until it is recycled.
final class PreparedBatch: @unchecked Sendable {
    /// One input record: usable, or rejected with the reason.
    struct Row {
        var line: Int
        var rejection: String?
        var key: Int64 = 0
        var siren: Int64 = 0
        var hash: Int64 = 0
        var valuesDropped = 0
    }

    let width: Int  // fields per record (the header's)
    let columns: Int  // prepared values per record (the layout's)
    let capacity: Int
    let arenaCapacity: Int
    private(set) var rows: [Row] = []
    private let arena: UnsafeMutablePointer<UInt8>
    private(set) var arenaUsed = 0
    private let fieldStarts: UnsafeMutablePointer<Int>
    private let fieldLengths: UnsafeMutablePointer<Int>
    let values: UnsafeMutablePointer<PreparedValue>
    var progress: (consumed: Int64, total: Int64?) = (0, nil)

    init(width: Int, columns: Int, capacity: Int, arenaCapacity: Int) {
        self.width = width
        self.columns = columns
        self.capacity = capacity
        self.arenaCapacity = arenaCapacity
        rows.reserveCapacity(capacity)
        arena = .allocate(capacity: arenaCapacity)
        fieldStarts = .allocate(capacity: capacity * width)
        fieldLengths = .allocate(capacity: capacity * width)
        values = .allocate(capacity: capacity * columns)
        values.initialize(repeating: .null, count: capacity * columns)
    }

    deinit {
        arena.deallocate()
        fieldStarts.deallocate()
        fieldLengths.deallocate()
        values.deinitialize(count: capacity * columns)
        values.deallocate()
    }

    var isEmpty: Bool { rows.isEmpty }

    /// Whether one more record of up to `maxRecordBytes` may not fit.
    func isFull(maxRecordBytes: Int) -> Bool {
        rows.count >= capacity || arenaCapacity - arenaUsed < maxRecordBytes
    }

    func reset() {
        rows.removeAll(keepingCapacity: true)
        arenaUsed = 0
    }

    func appendRejected(line: Int, _ reason: String) { rows.append(Row(line: line, rejection: reason)) }

    /// Copies the reader's current record in; returns its row index. Its fields are then read
    /// with `field(_:_:)`, its values written through `value(_:_:)`.
    func appendRecord(from reader: CSVRecordReader) -> Int {
        let bytes = reader.recordBytes
        if let base = bytes.baseAddress { (arena + arenaUsed).update(from: base, count: bytes.count) }
        let row = rows.count
        for i in 0..<width {
            let place = reader.fieldPlace(i)
            fieldStarts[row * width + i] = arenaUsed + place.offset
            fieldLengths[row * width + i] = place.length
        }
        arenaUsed += bytes.count
        rows.append(Row(line: reader.line, rejection: nil))
        return row
    }

    func update(_ row: Int, _ change: (inout Row) -> Void) { change(&rows[row]) }

    /// Field `index` of row `row` (empty for a missing column, `index` -1).
    @inline(__always)
    func field(_ row: Int, _ index: Int) -> UnsafeBufferPointer<UInt8> {
        guard index >= 0 else { return UnsafeBufferPointer(start: nil, count: 0) }
        let slot = row * width + index
        return UnsafeBufferPointer(start: arena + fieldStarts[slot], count: fieldLengths[slot])
    }

    @inline(__always)
    func value(_ row: Int, _ column: Int) -> UnsafeMutablePointer<PreparedValue> { values + (row * columns + column) }
}
