import NIOSSL

extension WebConfigFile.TLSVersion {
    /// The same version in SwiftNIO SSL's terms, for the server's and the source client's TLS.
    var nioVersion: TLSVersion {
        switch self {
        case .tls10: .tlsv1
        case .tls11: .tlsv11
        case .tls12: .tlsv12
        case .tls13: .tlsv13
        }
    }
}
