extension RE2Translator {
    /// Translates an escape outside a class (at the backslash): an assertion, `\Q…\E`, a class or one character.
    mutating func scanEscape() throws(SyntaxError) -> String {
        guard let letter = peek(offset: 1) else {
            throw SyntaxError(description: "trailing backslash at end of expression: ``")
        }
        switch letter {
        case "A", "z", "b", "B":
            index += 2
            return "\\" + String(letter)
        case "Q":
            index += 2
            var text = ""
            while let scalar = peek() {
                index += 1
                if scalar == "\\", peek() == "E" {
                    index += 1
                    break
                }
                text += Self.literal(scalar)
            }
            return text
        case "p", "P":
            return try scanUnicodeClass()
        case "d", "D", "s", "S", "w", "W":
            index += 2
            return Self.perlClass(letter, inClass: false)
        default:
            return Self.literal(try scanEscapeValue())
        }
    }

    /// Reads an escape that stands for one character (at the backslash): punctuation, octal `\ooo`, `\xHH`,
    /// `\x{H…}`, `\a \f \n \r \t \v`.
    mutating func scanEscapeValue() throws(SyntaxError) -> Unicode.Scalar {
        let start = index
        index += 1
        guard let letter = peek() else {
            throw SyntaxError(description: "trailing backslash at end of expression: ``")
        }
        index += 1
        if letter.isASCII && !Self.isWordCharacter(letter) {
            return letter
        }
        switch letter {
        case "0"..."7":
            // A single non-zero digit would be a back-reference, which RE2 does not support.
            guard letter == "0" || peek().flatMap({ Self.digitValue($0, radix: 8) }) != nil else {
                break
            }
            var value = Int(letter.value) - 0x30
            for _ in 0..<2 {
                guard let next = peek(), let digit = Self.digitValue(next, radix: 8) else {
                    break
                }
                value = value * 8 + digit
                index += 1
            }
            if let scalar = Unicode.Scalar(UInt32(value)) {
                return scalar
            }
        case "x":
            if let scalar = scanHexEscape() {
                return scalar
            }
        case "a": return "\u{07}"
        case "f": return "\u{0C}"
        case "n": return "\n"
        case "r": return "\r"
        case "t": return "\t"
        case "v": return "\u{0B}"
        default:
            break
        }
        throw SyntaxError(description: "invalid escape sequence: `\(text(from: start))`")
    }

    /// Reads the digits of `\xHH` or `\x{H…}` (after the `x`).
    private mutating func scanHexEscape() -> Unicode.Scalar? {
        if peek() == "{" {
            index += 1
            var value = 0
            var count = 0
            while let scalar = peek(), let digit = Self.digitValue(scalar, radix: 16) {
                value = min(value * 16 + digit, 0x11_0000)
                count += 1
                index += 1
            }
            guard count > 0, peek() == "}" else {
                return nil
            }
            index += 1
            return Unicode.Scalar(UInt32(value))
        }
        guard let high = peek().flatMap({ Self.digitValue($0, radix: 16) }),
            let low = peek(offset: 1).flatMap({ Self.digitValue($0, radix: 16) })
        else {
            return nil
        }
        index += 2
        return Unicode.Scalar(UInt8(high * 16 + low))
    }

    /// Translates `\pL`, `\p{Name}`, `\p{^Name}` or `\P…` (at the backslash); names as Go's `unicode` tables.
    mutating func scanUnicodeClass() throws(SyntaxError) -> String {
        let start = index
        var negated = peek(offset: 1) == "P"
        index += 2
        var name = ""
        if peek() == "{" {
            index += 1
            while let scalar = peek(), scalar != "}" {
                name.unicodeScalars.append(scalar)
                index += 1
            }
            guard peek() == "}" else {
                throw SyntaxError(description: "invalid character class range: `\(text(from: start))`")
            }
            index += 1
        } else if let scalar = peek() {
            name.unicodeScalars.append(scalar)
            index += 1
        }
        if name.hasPrefix("^") {
            negated.toggle()
            name.removeFirst()
        }
        guard name == "Any" || Self.unicodeCategories.contains(name) || Self.unicodeScripts.contains(name) else {
            throw SyntaxError(description: "invalid character class range: `\(text(from: start))`")
        }
        if name == "Any" {
            // Written as a range: Swift's `\p{Any}` can match a whole grapheme cluster.
            return negated ? #"[^\x{0}-\x{10FFFF}]"# : #"[\x{0}-\x{10FFFF}]"#
        }
        if scope.caseInsensitive && ["Lu", "Ll", "Lt"].contains(name) {
            // Go folds case into these tables under (?i); all cased letters is the close equivalent.
            return negated ? #"[^\p{Lu}\p{Ll}\p{Lt}]"# : #"[\p{Lu}\p{Ll}\p{Lt}]"#
        }
        return (negated ? "\\P{" : "\\p{") + name + "}"
    }

    /// Translates a class `[…]` (at the bracket): items written out as escaped characters and ranges.
    mutating func scanClass() throws(SyntaxError) -> String {
        let start = index
        index += 1
        var result = "["
        if peek() == "^" {
            result += "^"
            index += 1
        }
        var first = true
        while true {
            guard let scalar = peek() else {
                throw SyntaxError(description: "missing closing ]: `\(text(from: start))`")
            }
            if scalar == "]" && !first {
                index += 1
                return result + "]"
            }
            first = false
            if scalar == "[", peek(offset: 1) == ":", let posix = try scanPosixClass() {
                result += posix
                continue
            }
            if scalar == "\\", let letter = peek(offset: 1) {
                if letter == "p" || letter == "P" {
                    result += try scanUnicodeClass()
                    continue
                }
                if "dDsSwW".unicodeScalars.contains(letter) {
                    index += 2
                    result += Self.perlClass(letter, inClass: true)
                    continue
                }
            }
            let rangeStart = index
            let low = try scanClassCharacter()
            var high = low
            if peek() == "-", let next = peek(offset: 1), next != "]" {
                index += 1
                high = try scanClassCharacter()
                guard high.value >= low.value else {
                    throw SyntaxError(description: "invalid character class range: `\(text(from: rangeStart))`")
                }
            }
            result += Self.literal(low) + (high == low ? "" : "-" + Self.literal(high))
        }
    }

    /// Reads one class character: an escape or the scalar itself.
    private mutating func scanClassCharacter() throws(SyntaxError) -> Unicode.Scalar {
        guard let scalar = peek() else {
            throw SyntaxError(description: "missing closing ]: ``")
        }
        if scalar == "\\" {
            return try scanEscapeValue()
        }
        index += 1
        return scalar
    }

    /// Translates `[:name:]` or `[:^name:]` inside a class; `nil` when no `:]` follows (a literal `[`).
    private mutating func scanPosixClass() throws(SyntaxError) -> String? {
        var end = index + 2
        while end + 1 < scalars.count, !(scalars[end] == ":" && scalars[end + 1] == "]") {
            end += 1
        }
        guard end + 1 < scalars.count else {
            return nil
        }
        var name = String(String.UnicodeScalarView(scalars[(index + 2)..<end]))
        let whole = "[:" + name + ":]"
        let negated = name.hasPrefix("^")
        if negated {
            name.removeFirst()
        }
        guard let set = Self.posixClasses[name] else {
            throw SyntaxError(description: "invalid character class range: `\(whole)`")
        }
        index = end + 2
        return (negated ? "[^" : "[") + set + "]"
    }

    /// Go's ASCII-only `\d`, `\s`, `\w` and their negations, as a Swift class (or class items).
    static func perlClass(_ letter: Unicode.Scalar, inClass: Bool) -> String {
        let set: String
        switch letter {
        case "d", "D": set = "0-9"
        case "s", "S": set = #"\x{9}\x{a}\x{c}\x{d}\x{20}"#
        default: set = "0-9A-Za-z_"
        }
        if letter.properties.isUppercase {
            return "[^" + set + "]"
        }
        return inClass ? set : "[" + set + "]"
    }

    /// Go's ASCII POSIX classes.
    static let posixClasses: [String: String] = [
        "alnum": "0-9A-Za-z", "alpha": "A-Za-z", "ascii": #"\x{0}-\x{7f}"#, "blank": #"\x{9}\x{20}"#,
        "cntrl": #"\x{0}-\x{1f}\x{7f}"#, "digit": "0-9", "graph": #"\x{21}-\x{7e}"#, "lower": "a-z",
        "print": #"\x{20}-\x{7e}"#, "punct": #"\x{21}-\x{2f}\x{3a}-\x{40}\x{5b}-\x{60}\x{7b}-\x{7e}"#,
        "space": #"\x{9}-\x{d}\x{20}"#, "upper": "A-Z", "word": "0-9A-Za-z_", "xdigit": "0-9A-Fa-f",
    ]

    /// Go's `unicode.Categories` names.
    static let unicodeCategories: Set<String> = Set(
        "C Cc Cf Co Cs L Ll Lm Lo Lt Lu M Mc Me Mn N Nd Nl No P Pc Pd Pe Pf Pi Po Ps S Sc Sk Sm So Z Zl Zp Zs"
            .split(separator: " ").map(String.init)
    )

    /// Go 1.19's `unicode.Scripts` names.
    static let unicodeScripts: Set<String> = Set(
        """
        Adlam Ahom Anatolian_Hieroglyphs Arabic Armenian Avestan Balinese Bamum Bassa_Vah Batak Bengali Bhaiksuki \
        Bopomofo Brahmi Braille Buginese Buhid Canadian_Aboriginal Carian Caucasian_Albanian Chakma Cham Cherokee \
        Chorasmian Common Coptic Cuneiform Cypriot Cyrillic Deseret Devanagari Dives_Akuru Dogra Duployan \
        Egyptian_Hieroglyphs Elbasan Elymaic Ethiopic Georgian Glagolitic Gothic Grantha Greek Gujarati Gunjala_Gondi \
        Gurmukhi Han Hangul Hanifi_Rohingya Hanunoo Hatran Hebrew Hiragana Imperial_Aramaic Inherited \
        Inscriptional_Pahlavi Inscriptional_Parthian Javanese Kaithi Kannada Katakana Kayah_Li Kharoshthi \
        Khitan_Small_Script Khmer Khojki Khudawadi Lao Latin Lepcha Limbu Linear_A Linear_B Lisu Lycian Lydian \
        Mahajani Makasar Malayalam Mandaic Manichaean Marchen Masaram_Gondi Medefaidrin Meetei_Mayek Mende_Kikakui \
        Meroitic_Cursive Meroitic_Hieroglyphs Miao Modi Mongolian Mro Multani Myanmar Nabataean Nandinagari \
        New_Tai_Lue Newa Nko Nushu Nyiakeng_Puachue_Hmong Ogham Ol_Chiki Old_Hungarian Old_Italic Old_North_Arabian \
        Old_Permic Old_Persian Old_Sogdian Old_South_Arabian Old_Turkic Oriya Osage Osmanya Pahawh_Hmong Palmyrene \
        Pau_Cin_Hau Phags_Pa Phoenician Psalter_Pahlavi Rejang Runic Samaritan Saurashtra Sharada Shavian Siddham \
        SignWriting Sinhala Sogdian Sora_Sompeng Soyombo Sundanese Syloti_Nagri Syriac Tagalog Tagbanwa Tai_Le \
        Tai_Tham Tai_Viet Takri Tamil Tangut Telugu Thaana Thai Tibetan Tifinagh Tirhuta Ugaritic Vai Wancho \
        Warang_Citi Yezidi Yi Zanabazar_Square
        """.split(separator: " ").map(String.init)
    )
}
