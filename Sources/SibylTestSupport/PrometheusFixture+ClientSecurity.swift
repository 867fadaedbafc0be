extension PrometheusFixture {
    /// How Prometheus reaches a target or remote-read endpoint that serves TLS and asks for basic auth: its
    /// `tls_config` and `basic_auth` blocks.
    public struct ClientSecurity: Sendable {
        /// The CA certificate file that signed the server's certificate (`tls_config.ca_file`).
        public var caFile: String
        /// `basic_auth.username`.
        public var username: String
        /// `basic_auth.password`.
        public var password: String

        /// Creates the client settings.
        /// - Parameters:
        ///   - caFile: the CA certificate file.
        ///   - username: the basic-auth user.
        ///   - password: the basic-auth password.
        public init(caFile: String, username: String, password: String) {
            self.caFile = caFile
            self.username = username
            self.password = password
        }

        /// The two YAML blocks, each line indented by `indent`.
        func yaml(indent: String) -> String {
            """
            \(indent)tls_config: {ca_file: "\(caFile)"}
            \(indent)basic_auth: {username: "\(username)", password: "\(password)"}

            """
        }
    }
}
