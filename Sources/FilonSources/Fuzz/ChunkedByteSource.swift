import Foundation

/// Bytes in memory handed out in reads of varying sizes, most of them tiny: a record then
/// straddles reads and buffer refills at every possible place, as in a large file. Some reads
/// are large, or a long record would be parsed again after each of thousands of tiny reads.
final class ChunkedByteSource: ByteSource {
    private let data: Data
    private var offset = 0
    private var reads = 0

    init(_ data: Data) { self.data = data }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        reads += 1
        let count = min(buffer.count, data.count - offset, Self.sizes[reads % Self.sizes.count])
        guard count > 0 else { return 0 }
        data.copyBytes(to: buffer, from: (data.startIndex + offset)..<(data.startIndex + offset + count))
        offset += count
        return count
    }

    private static let sizes = [1, 2, 3, 5, 7, 64, 1, 4, 509, 6, 4_096]

    var progress: (consumed: Int64, total: Int64?) { (Int64(offset), Int64(data.count)) }
}
