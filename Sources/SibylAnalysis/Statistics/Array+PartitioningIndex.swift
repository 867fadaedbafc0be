extension Array {
    /// The first index whose element satisfies `predicate`, which must be false then true along the array (a binary
    /// search); `count` when it holds for none.
    package func partitioningIndex(where predicate: (Element) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = low + (high - low) / 2
            if predicate(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
