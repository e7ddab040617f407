/// A byte-level RFC 4180 reader. Fields are handed out as pointers into its own buffer, valid
/// until the next call, so the importer can bind them to SQLite without building Swift strings.
///
/// A malformed record (broken quoting, a record that never ends) is reported with the line it
/// started on; reading then resumes on the following line, so one bad line costs one line.
public final class CSVRecordReader {
    /// What `next()` found.
    public enum Outcome {
        case record
        case malformed(line: Int, reason: String)
        case end
    }

    /// The line on which the current record starts (1 is the header).
    public private(set) var line = 0
    /// The fields of the current record.
    public private(set) var fieldCount = 0

    private var source: any ByteSource
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private let maxRecordBytes: Int
    private var start = 0  // first unread byte
    private var end = 0  // one past the last buffered byte
    private var eof = false
    private var nextLine = 1
    // Offsets (from the record's start) and lengths of its fields. Raw storage rather than arrays:
    // the hot loop writes them for every field of millions of rows.
    private var fieldStarts: UnsafeMutablePointer<Int>
    private var fieldLengths: UnsafeMutablePointer<Int>
    private var fieldCapacity = 64
    private var recordBase = 0
    private var escapedFields: [Int] = []
    private var recordLines = 1
    /// The current record's bytes before its doubled quotes were undone in place, kept only for a
    /// record over several lines: `rereadAfterFirstLine` must read its later lines as they were.
    private var original: [UInt8] = []

    public init(source: any ByteSource, bufferSize: Int = 1 << 20, maxRecordBytes: Int = 1 << 20) {
        self.source = source
        capacity = bufferSize
        self.maxRecordBytes = max(maxRecordBytes, 16)
        buffer = .allocate(capacity: bufferSize)
        fieldStarts = .allocate(capacity: 64)
        fieldLengths = .allocate(capacity: 64)
    }

    deinit {
        buffer.deallocate()
        fieldStarts.deallocate()
        fieldLengths.deallocate()
    }

    public var progress: (consumed: Int64, total: Int64?) { source.progress }

    /// The bytes of field `index` of the current record (quotes removed, doubled quotes undone).
    @inline(__always)
    public func field(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: buffer + recordBase + fieldStarts[index], count: fieldLengths[index])
    }

    public func string(_ index: Int) -> String { String(decoding: field(index), as: UTF8.self) }

    /// The bytes of the whole current record (its fields with quotes undone, and separators).
    public var recordBytes: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: buffer + recordBase, count: start - recordBase)
    }

    /// Where field `index` starts in `recordBytes`, and its length.
    @inline(__always)
    public func fieldPlace(_ index: Int) -> (offset: Int, length: Int) { (fieldStarts[index], fieldLengths[index]) }

    /// Moves to the next record.
    public func next() throws -> Outcome {
        while true {
            if start >= end {
                if eof { return .end }
                try refill()
                continue
            }
            var outcome = parseRecord()
            if case .needMore = outcome, eof {
                // The last record has no final newline: parse it as if it had one.
                outcome = parseRecord(atEOF: true)
                if case .needMore = outcome { outcome = .broken("unterminated quoted field at the end of the file") }
            }
            switch outcome {
            case .complete(let length, let lines):
                line = nextLine
                nextLine += lines
                recordLines = lines
                recordBase = start
                start += length
                if !original.isEmpty { original.removeAll(keepingCapacity: true) }
                if lines > 1 && !escapedFields.isEmpty {
                    original.append(contentsOf: UnsafeBufferPointer(start: buffer + recordBase, count: length))
                }
                for index in escapedFields { unescape(index) }
                return .record
            case .needMore:
                if end - start >= maxRecordBytes {
                    return try malformed("record longer than \(maxRecordBytes) bytes (unterminated quote?)")
                }
                try refill()
            case .broken(let reason):
                return try malformed(reason)
            }
        }
    }

    /// Gives back all but the first line of the current record when it spanned several lines:
    /// a record rejected for its shape was most likely an unterminated quote swallowing the
    /// lines after it, and those lines deserve to be read on their own.
    public func rereadAfterFirstLine() {
        guard recordLines > 1 else { return }
        if !original.isEmpty {
            (buffer + recordBase).update(from: original, count: original.count)
            original.removeAll(keepingCapacity: true)
        }
        var i = recordBase
        while i < start && buffer[i] != 0x0A { i += 1 }
        guard i < start else { return }
        start = i + 1
        nextLine = line + 1
        recordLines = 1
    }

    private enum Parse {
        case complete(length: Int, lines: Int)
        case needMore
        case broken(String)
    }

    /// Reports the record starting at `start` as bad and skips its first physical line.
    private func malformed(_ reason: String) throws -> Outcome {
        let badLine = nextLine
        while true {
            var i = start
            while i < end && buffer[i] != 0x0A { i += 1 }
            if i < end {
                start = i + 1
                break
            }
            start = end
            if eof { break }
            try refill()
        }
        nextLine += 1
        fieldCount = 0
        return .malformed(line: badLine, reason: reason)
    }

    /// Keeps the unread bytes, moves them to the front and reads more.
    private func refill() throws {
        let pending = end - start
        if start > 0 {
            if pending > 0 { (buffer).update(from: buffer + start, count: pending) }
            start = 0
            end = pending
        }
        if end == capacity {
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            bigger.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = bigger
            capacity *= 2
        }
        let n = try source.read(into: UnsafeMutableRawBufferPointer(start: buffer + end, count: capacity - end))
        if n == 0 { eof = true } else { end += n }
    }

    private func setField(_ index: Int, start fieldStart: Int, length: Int) {
        if index >= fieldCapacity {
            let starts = UnsafeMutablePointer<Int>.allocate(capacity: fieldCapacity * 2)
            let lengths = UnsafeMutablePointer<Int>.allocate(capacity: fieldCapacity * 2)
            starts.update(from: fieldStarts, count: fieldCapacity)
            lengths.update(from: fieldLengths, count: fieldCapacity)
            fieldStarts.deallocate()
            fieldLengths.deallocate()
            (fieldStarts, fieldLengths) = (starts, lengths)
            fieldCapacity *= 2
        }
        fieldStarts[index] = fieldStart
        fieldLengths[index] = length
    }

    /// Parses one record from `start` without changing the buffer: an incomplete record is
    /// parsed again after a refill. Fields with doubled quotes are listed in `escapedFields`.
    private func parseRecord(atEOF: Bool = false) -> Parse {
        escapedFields.removeAll(keepingCapacity: true)
        var i = start
        var count = 0
        var lines = 0
        while true {
            if i >= end {
                if atEOF {
                    setField(count, start: i - start, length: 0)
                    fieldCount = count + 1
                    return .complete(length: i - start, lines: lines + 1)
                }
                return .needMore
            }
            if buffer[i] == 0x22 {  // quoted field
                let contentStart = i + 1
                var read = contentStart
                var closed = false
                var escaped = false
                while read < end {
                    let c = buffer[read]
                    if c == 0x22 {
                        if read + 1 >= end && !atEOF { return .needMore }
                        if read + 1 < end && buffer[read + 1] == 0x22 {
                            escaped = true
                            read += 2
                            continue
                        }
                        closed = true
                        read += 1
                        break
                    }
                    if c == 0x0A { lines += 1 }
                    read += 1
                }
                if !closed { return atEOF ? .broken("unterminated quoted field at the end of the file") : .needMore }
                if escaped { escapedFields.append(count) }
                setField(count, start: contentStart - start, length: read - 1 - contentStart)
                count += 1
                i = read
                if i >= end {
                    if atEOF {
                        fieldCount = count
                        return .complete(length: i - start, lines: lines + 1)
                    }
                    return .needMore
                }
                let after = buffer[i]
                if after == 0x2C {
                    i += 1
                    if i >= end && !atEOF { return .needMore }
                    continue
                }
                if after == 0x0A || after == 0x0D {
                    return finishLine(at: i, count: count, lines: lines, atEOF: atEOF)
                }
                return .broken("a quoted field is followed by text before the next comma")
            }
            // Unquoted field: scan to the next comma or end of line.
            let fieldStart = i
            while i < end {
                let c = buffer[i]
                if c == 0x2C || c == 0x0A || c == 0x0D { break }
                if c == 0x22 { return .broken("a quote inside an unquoted field") }
                i += 1
            }
            if i >= end {
                if atEOF {
                    setField(count, start: fieldStart - start, length: i - fieldStart)
                    fieldCount = count + 1
                    return .complete(length: i - start, lines: lines + 1)
                }
                return .needMore
            }
            setField(count, start: fieldStart - start, length: i - fieldStart)
            count += 1
            if buffer[i] == 0x2C {
                i += 1
                continue
            }
            return finishLine(at: i, count: count, lines: lines, atEOF: atEOF)
        }
    }

    /// Undoes doubled quotes of a complete record's field, in place.
    private func unescape(_ index: Int) {
        let base = buffer + recordBase + fieldStarts[index]
        let length = fieldLengths[index]
        var read = 0
        var write = 0
        while read < length {
            base[write] = base[read]
            read += base[read] == 0x22 ? 2 : 1
            write += 1
        }
        fieldLengths[index] = write
    }

    /// At a CR or LF that ends the record: swallow CRLF and report the record.
    private func finishLine(at position: Int, count: Int, lines: Int, atEOF: Bool) -> Parse {
        var i = position
        if buffer[i] == 0x0D {
            if i + 1 >= end {
                if !atEOF { return .needMore }
                fieldCount = count
                return .complete(length: i + 1 - start, lines: lines + 1)
            }
            if buffer[i + 1] == 0x0A { i += 1 }
        }
        fieldCount = count
        return .complete(length: i + 1 - start, lines: lines + 1)
    }
}
