extension Array where Element: Sendable {
    /// `map` in parallel over the available cores, `batchSize` elements per task; the order of the results is the
    /// order of the elements.
    /// - Parameters:
    ///   - batchSize: elements per task.
    ///   - transform: the pure per-element function.
    /// - Returns: the transformed elements.
    func concurrentMap<Result: Sendable>(
        batchSize: Int, _ transform: @escaping @Sendable (Element) -> Result
    ) async -> [Result] {
        let size = Swift.max(1, batchSize)
        var parts: [Int: [Result]] = [:]
        await withTaskGroup(of: (Int, [Result]).self) { group in
            var start = 0
            while start < count {
                let batch = self[start..<Swift.min(count, start + size)]
                let index = start
                group.addTask { (index, batch.map(transform)) }
                start += size
            }
            for await (index, part) in group { parts[index] = part }
        }
        var results: [Result] = []
        results.reserveCapacity(count)
        for key in parts.keys.sorted() { results.append(contentsOf: parts[key] ?? []) }
        return results
    }
}
