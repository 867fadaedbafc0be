/// How Sibyl authenticates to an HTTP endpoint it calls, with Prometheus' field names (`headers`, `basic_auth`,
/// `authorization`, `tls_config`), as in `remote_read` and `remote_write` entries of `prometheus.yml`.
///
/// Password and credential files are read at each request, so a rotated secret is used without a restart; the
/// TLS files are read when Sibyl starts.
package struct HTTPClientSettings: Sendable, Hashable {
    /// `basic_auth`: a user and a password (given inline or in a file).
    package struct BasicAuth: Sendable, Hashable {
        package var username: String
        package var password: Secret
    }

    /// `authorization`: a scheme (default `Bearer`) and credentials (inline or in a file).
    package struct Authorization: Sendable, Hashable {
        package var type: String
        package var credentials: Secret
    }

    /// A secret given inline or as a file whose content (trailing newline removed) is the secret.
    package enum Secret: Sendable, Hashable {
        case inline(String)
        case file(String)
    }

    /// `tls_config`: how the server's certificate is checked, and the client certificate if any. Files are
    /// resolved against the configuration file's folder.
    package struct TLS: Sendable, Hashable {
        package var caFile: String?
        package var certFile: String?
        package var keyFile: String?
        package var insecureSkipVerify = false
        package var minVersion = WebConfigFile.TLSVersion.tls12
    }

    /// Extra request headers.
    package var headers: [String: String] = [:]
    package var basicAuth: BasicAuth?
    package var authorization: Authorization?
    package var tls: TLS?

    package init() {}
}
