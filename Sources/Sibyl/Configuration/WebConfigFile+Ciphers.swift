extension WebConfigFile {
    /// A TLS 1.2 cipher suite by its Go name (the exporter toolkit's `cipher_suites`), with its IANA code point.
    /// The suites listed are those BoringSSL offers; TLS 1.3's suites are fixed, as in Go.
    package enum CipherSuite: String, Sendable, CaseIterable {
        case rsaAES128CBC = "TLS_RSA_WITH_AES_128_CBC_SHA"
        case rsaAES256CBC = "TLS_RSA_WITH_AES_256_CBC_SHA"
        case rsaAES128GCM = "TLS_RSA_WITH_AES_128_GCM_SHA256"
        case rsaAES256GCM = "TLS_RSA_WITH_AES_256_GCM_SHA384"
        case ecdheECDSAAES128CBC = "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"
        case ecdheECDSAAES256CBC = "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA"
        case ecdheRSAAES128CBC = "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"
        case ecdheRSAAES256CBC = "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA"
        case ecdheECDSAAES128GCM = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"
        case ecdheECDSAAES256GCM = "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"
        case ecdheRSAAES128GCM = "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"
        case ecdheRSAAES256GCM = "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"
        case ecdheRSAChaCha20 = "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"
        case ecdheECDSAChaCha20 = "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"

        /// The IANA code point.
        package var codePoint: UInt16 {
            switch self {
            case .rsaAES128CBC: 0x002F
            case .rsaAES256CBC: 0x0035
            case .rsaAES128GCM: 0x009C
            case .rsaAES256GCM: 0x009D
            case .ecdheECDSAAES128CBC: 0xC009
            case .ecdheECDSAAES256CBC: 0xC00A
            case .ecdheRSAAES128CBC: 0xC013
            case .ecdheRSAAES256CBC: 0xC014
            case .ecdheECDSAAES128GCM: 0xC02B
            case .ecdheECDSAAES256GCM: 0xC02C
            case .ecdheRSAAES128GCM: 0xC02F
            case .ecdheRSAAES256GCM: 0xC030
            case .ecdheRSAChaCha20: 0xCCA8
            case .ecdheECDSAChaCha20: 0xCCA9
            }
        }
    }

    /// An elliptic curve for key exchange by its Go name (the exporter toolkit's `curve_preferences`), with its
    /// IANA code point.
    package enum Curve: String, Sendable, CaseIterable {
        case p256 = "CurveP256"
        case p384 = "CurveP384"
        case p521 = "CurveP521"
        case x25519 = "X25519"

        /// The IANA code point.
        package var codePoint: UInt16 {
            switch self {
            case .p256: 0x17
            case .p384: 0x18
            case .p521: 0x19
            case .x25519: 0x1D
            }
        }
    }
}
