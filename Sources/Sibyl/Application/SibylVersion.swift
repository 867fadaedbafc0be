/// The version of Sibyl, shown by `sibyl --version` and in `sibyl_build_info`.
public enum SibylVersion {
    /// The release version.
    public static let version = "0.1.0"
}
