import CZlib

/// Walks the members of a zip archive front to back and inflates each one as a stream, so the
/// official Sirene archives (several GB once unpacked, ZIP64) are read without touching the disk.
/// It reads the local headers only: a truncated archive still yields the members before the damage.
public final class ZipArchiveReader {
    public let path: String
    private let file: FileByteSource
    private var input: UnsafeMutableRawBufferPointer
    private var inputStart = 0
    private var inputEnd = 0
    private var finished = false

    public init(path: String) throws {
        self.path = path
        file = try FileByteSource(path: path)
        input = .allocate(byteCount: 1 << 20, alignment: 8)
    }

    deinit { input.deallocate() }

    /// Whether the file starts like a zip archive.
    public static func looksLikeZip(path: String) -> Bool {
        guard let source = try? FileByteSource(path: path) else { return false }
        var magic = [UInt8](repeating: 0, count: 4)
        let n = (try? magic.withUnsafeMutableBytes { try source.readFully(into: $0) }) ?? 0
        return n == 4 && magic == [0x50, 0x4B, 0x03, 0x04]
    }

    /// The next member, or nil after the last one. The previous member must have been read to its end.
    public func nextEntry() throws -> ZipEntryStream? {
        guard !finished else { return nil }
        guard try fill(atLeast: 4) else {
            finished = true
            return nil
        }
        let signature = le32(0)
        if signature == 0x0201_4B50 || signature == 0x0605_4B50 || signature == 0x0606_4B50 {
            finished = true  // central directory: no more members
            return nil
        }
        guard signature == 0x0403_4B50 else { throw error("not a zip local header at a member boundary") }
        guard try fill(atLeast: 30) else { throw error("truncated member header") }
        let flags = le16(6)
        let method = le16(8)
        let crc = le32(14)
        var compressedSize = UInt64(le32(18))
        var uncompressedSize = UInt64(le32(22))
        let nameLength = Int(le16(26))
        let extraLength = Int(le16(28))
        guard try fill(atLeast: 30 + nameLength + extraLength) else { throw error("truncated member name") }
        let nameBytes = UnsafeRawBufferPointer(rebasing: input[(inputStart + 30)..<(inputStart + 30 + nameLength)])
        let name = String(decoding: nameBytes, as: UTF8.self)
        var zip64 = false
        var offset = 30 + nameLength
        let extraEnd = offset + extraLength
        while offset + 4 <= extraEnd {
            let tag = le16(offset)
            let size = Int(le16(offset + 2))
            if tag == 0x0001 {
                zip64 = true
                // A field may claim more bytes than the extra block holds: read only what it holds.
                let held = min(size, extraEnd - offset - 4)
                if held >= 8 && uncompressedSize == 0xFFFF_FFFF { uncompressedSize = le64(offset + 4) }
                if held >= 16 && compressedSize == 0xFFFF_FFFF { compressedSize = le64(offset + 12) }
            }
            offset += 4 + size
        }
        inputStart += extraEnd
        let hasDescriptor = flags & 0x08 != 0
        guard method == 8 || method == 0 else {
            throw error("member \(name) uses compression method \(method); only deflate and stored are supported")
        }
        // A stored member's size comes after its data: nothing tells where the data ends.
        guard method == 8 || !hasDescriptor else {
            throw error("member \(name) is stored with its size after the data, which cannot be streamed; unzip it")
        }
        return ZipEntryStream(
            reader: self, name: name, deflated: method == 8, hasDescriptor: hasDescriptor, zip64: zip64,
            expectedCRC: hasDescriptor ? nil : crc, storedSize: compressedSize)
    }

    // MARK: - Input buffer shared with the member streams

    /// Makes sure at least `count` unread bytes are buffered; false at the end of the file.
    func fill(atLeast count: Int) throws -> Bool {
        if inputEnd - inputStart >= count { return true }
        if inputStart > 0 {
            let pending = inputEnd - inputStart
            if pending > 0 {
                input.baseAddress!.copyMemory(from: input.baseAddress! + inputStart, byteCount: pending)
            }
            inputStart = 0
            inputEnd = pending
        }
        while inputEnd - inputStart < count {
            let n = try file.read(into: UnsafeMutableRawBufferPointer(rebasing: input[inputEnd...]))
            if n == 0 { return false }
            inputEnd += n
        }
        return true
    }

    /// Unread bytes, refilled when empty; an empty buffer means the end of the file.
    func pendingInput() throws -> UnsafeMutableRawBufferPointer {
        if inputStart == inputEnd { _ = try fill(atLeast: 1) }
        return UnsafeMutableRawBufferPointer(rebasing: input[inputStart..<inputEnd])
    }

    func consume(_ count: Int) { inputStart += count }

    var progress: (consumed: Int64, total: Int64?) {
        let buffered = Int64(inputEnd - inputStart)
        return (file.progress.consumed - buffered, file.progress.total)
    }

    func error(_ message: String) -> InputError { InputError(path: path, message) }

    func le16(_ at: Int) -> UInt16 {
        input.loadUnaligned(fromByteOffset: inputStart + at, as: UInt16.self).littleEndian
    }
    func le32(_ at: Int) -> UInt32 {
        input.loadUnaligned(fromByteOffset: inputStart + at, as: UInt32.self).littleEndian
    }
    func le64(_ at: Int) -> UInt64 {
        input.loadUnaligned(fromByteOffset: inputStart + at, as: UInt64.self).littleEndian
    }
}

/// One member of a zip archive, inflated on the fly and checked against its CRC-32 at the end.
public final class ZipEntryStream: ByteSource {
    public let name: String
    private unowned let reader: ZipArchiveReader
    private let deflated: Bool
    private let hasDescriptor: Bool
    private let zip64: Bool
    private var expectedCRC: UInt32?
    private var storedRemaining: UInt64
    private var stream = z_stream()
    private var crc: uLong = 0
    private var produced: UInt64 = 0
    private var done = false

    init(
        reader: ZipArchiveReader, name: String, deflated: Bool, hasDescriptor: Bool, zip64: Bool,
        expectedCRC: UInt32?, storedSize: UInt64
    ) {
        self.reader = reader
        self.name = name
        self.deflated = deflated
        self.hasDescriptor = hasDescriptor
        self.zip64 = zip64
        self.expectedCRC = expectedCRC
        storedRemaining = storedSize
        crc = crc32(0, nil, 0)
        if deflated { _ = filon_inflate_init_raw(&stream) }
    }

    deinit { if deflated { inflateEnd(&stream) } }

    public var progress: (consumed: Int64, total: Int64?) { reader.progress }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !done, buffer.count > 0 else { return 0 }
        let count = deflated ? try inflate(into: buffer) : try copyStored(into: buffer)
        if count > 0 {
            crc = crc32(crc, buffer.baseAddress!.assumingMemoryBound(to: Bytef.self), uInt(count))
            produced += UInt64(count)
        }
        if done { try finish() }
        return count
    }

    private func inflate(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        stream.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.avail_out = uInt(buffer.count)
        while stream.avail_out > 0 {
            let pending = try reader.pendingInput()
            if pending.isEmpty { throw reader.error("member \(name) is truncated (the download may be incomplete)") }
            stream.next_in = pending.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.avail_in = uInt(pending.count)
            let status = CZlib.inflate(&stream, Z_NO_FLUSH)
            reader.consume(pending.count - Int(stream.avail_in))
            if status == Z_STREAM_END {
                done = true
                break
            }
            guard status == Z_OK || status == Z_BUF_ERROR else {
                throw reader.error("member \(name) is corrupt (zlib error \(status))")
            }
        }
        return buffer.count - Int(stream.avail_out)
    }

    private func copyStored(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if storedRemaining == 0 {
            done = true
            return 0
        }
        let pending = try reader.pendingInput()
        if pending.isEmpty { throw reader.error("member \(name) is truncated") }
        let count = Int(min(UInt64(min(pending.count, buffer.count)), storedRemaining))
        buffer.baseAddress!.copyMemory(from: pending.baseAddress!, byteCount: count)
        reader.consume(count)
        storedRemaining -= UInt64(count)
        if storedRemaining == 0 { done = true }
        return count
    }

    /// Reads the data descriptor when there is one, then checks the CRC.
    private func finish() throws {
        if hasDescriptor {
            guard try reader.fill(atLeast: 4) else { throw reader.error("member \(name): missing data descriptor") }
            var offset = 0
            if reader.le32(0) == 0x0807_4B50 { offset = 4 }
            let length = offset + 4 + (zip64 ? 16 : 8)
            guard try reader.fill(atLeast: length) else {
                throw reader.error("member \(name): truncated data descriptor")
            }
            expectedCRC = reader.le32(offset)
            reader.consume(length)
        }
        if let expectedCRC, UInt32(truncatingIfNeeded: crc) != expectedCRC {
            throw reader.error("member \(name) fails its CRC check (the archive is damaged)")
        }
    }
}
