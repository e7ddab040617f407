import Foundation

/// Bytes already in memory (a page of an API answer rewritten as CSV), read like a file.
public final class MemoryByteSource: ByteSource {
    private let data: Data
    private var offset = 0

    public init(_ data: Data) { self.data = data }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, data.count - offset)
        guard count > 0 else { return 0 }
        data.copyBytes(to: buffer, from: offset..<(offset + count))
        offset += count
        return count
    }

    public var progress: (consumed: Int64, total: Int64?) { (Int64(offset), Int64(data.count)) }
}
