/// A stream of bytes read front to back: a plain file or a member of a zip archive.
/// Sources hand bytes to the CSV reader without going through Foundation's `Data`.
public protocol ByteSource {
    /// Fills up to `buffer.count` bytes and returns how many; 0 means the end.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
    /// How far the underlying file has been consumed, and its size when known: for progress.
    var progress: (consumed: Int64, total: Int64?) { get }
}
