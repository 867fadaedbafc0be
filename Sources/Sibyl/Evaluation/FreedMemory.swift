#if canImport(Glibc)
import Glibc
#endif

/// Gives the memory glibc's allocator holds free back to the system.
///
/// glibc keeps one arena per thread that allocates, and returns freed memory to the system only from the top of
/// each arena; a cycle's short-lived buffers (a read's frames, the exposition's text, the analyses' windows) thus
/// leave free pages spread over the arenas, and the resident size creeps up over hours although nothing leaks.
/// `malloc_trim(0)` after each cycle releases every whole free page in every arena; it costs well under a
/// millisecond at Sibyl's heap sizes.
package enum FreedMemory {
    private typealias Trim = @convention(c) (Int) -> Int32

    /// glibc's `malloc_trim`, looked up at run time (Swift's Glibc module does not export it); `nil` elsewhere.
    private static let trim: Trim? = {
        #if canImport(Glibc)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: Trim.self)
        #else
        return nil
        #endif
    }()

    /// Releases the free pages; returns whether the C library could (glibc).
    @discardableResult
    package static func returnToSystem() -> Bool {
        guard let trim else { return false }
        _ = trim(0)
        return true
    }
}
