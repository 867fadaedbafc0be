import Foundation

/// The committed libFuzzer corpus of one fuzz target (`Tests/Fixtures/fuzz/<target>/`, `scripts/fuzz.sh`), read by
/// the tests that replay it.
public enum FuzzCorpus {
    /// Every file under the target's folder, its `crashes/` included, in path order.
    /// - Parameter target: the target's folder name, e.g. `"snappy"`.
    /// - Returns: the inputs' bytes.
    /// - Throws: ``FixtureError`` when the folder holds no file, so that a moved corpus cannot pass by replaying
    ///   nothing.
    public static func inputs(_ target: String) throws -> [[UInt8]] {
        let folder = Fixtures.bundled.appendingPathComponent("fuzz/\(target)", isDirectory: true)
        let files =
            (FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])?
            .compactMap { $0 as? URL } ?? [])
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
            .sorted { $0.path < $1.path }
        guard !files.isEmpty else {
            throw FixtureError("\(folder.path): no fuzz corpus files")
        }
        return try files.map { try Array(Data(contentsOf: $0)) }
    }
}
