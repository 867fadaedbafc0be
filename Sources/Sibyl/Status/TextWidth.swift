/// An estimate of how wide a line of SVG text is drawn, so that the charts leave room for their labels: the page
/// has no script to measure them.
///
/// The advance widths are DejaVu Sans' (the page's font), in ems; characters not listed count as wide as `M`
/// would be in most sans-serif fonts, and the total is rounded up by ``safety`` for narrower fallback fonts whose
/// glyphs still differ.
enum TextWidth {
    /// The margin kept for another font's glyphs.
    static let safety = 1.1

    /// DejaVu Sans advances in ems (units per em 2048).
    private static let advances: [Character: Double] = {
        var table: [Character: Double] = [:]
        for digit in "0123456789" { table[digit] = 0.636 }
        let narrow: [Character: Double] = [
            " ": 0.318, ".": 0.318, ",": 0.318, ":": 0.337, "/": 0.337, "i": 0.278, "l": 0.278, "j": 0.278,
            "t": 0.392, "r": 0.411, "f": 0.352, "s": 0.521, "k": 0.579, "c": 0.55, "x": 0.592, "v": 0.592,
            "y": 0.592, "z": 0.525, "a": 0.613, "e": 0.615, "o": 0.612, "n": 0.634, "h": 0.634, "d": 0.635,
            "u": 0.634, "b": 0.635, "p": 0.635, "q": 0.635, "g": 0.635, "µ": 0.636, "w": 0.818, "m": 0.974,
            "B": 0.686, "K": 0.656, "M": 0.863, "G": 0.775, "T": 0.611, "P": 0.603, "E": 0.632, "I": 0.295,
            "N": 0.748, "%": 0.95, "+": 0.838, "−": 0.838, "-": 0.361, "∞": 0.833, "↑": 0.838,
            "↓": 0.838,
        ]
        table.merge(narrow) { _, new in new }
        return table
    }()

    /// The drawn width of `text` at `fontSize` pixels, rounded up by ``safety``.
    /// - Parameters:
    ///   - text: the text.
    ///   - fontSize: the font size in pixels.
    /// - Returns: the estimated width in pixels.
    static func of(_ text: String, fontSize: Double) -> Double {
        text.reduce(0) { $0 + (advances[$1] ?? 0.9) } * fontSize * safety
    }
}
