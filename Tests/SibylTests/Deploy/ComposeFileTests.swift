import Foundation
import Sibyl
import SibylTestSupport
import Testing

/// `deploy/docker-compose.yml` parses, the files it mounts exist, and its ports and paths agree with Sibyl's
/// defaults, the repository's `prometheus.yml` and `sibyl.yml`, the image and the Grafana provisioning.
struct ComposeFileTests {
    static let deploy = Fixtures.repository.appendingPathComponent("deploy", isDirectory: true)
    static let defaults = SibylConfiguration()

    static func compose() throws -> YAMLValue {
        try YAMLValue.load(deploy.appendingPathComponent("docker-compose.yml"))
    }

    /// One `source:target[:mode]` volume of a service.
    struct Mount {
        var source: String
        var target: String

        init?(_ text: String) {
            let parts = text.split(separator: ":").map(String.init)
            guard parts.count >= 2 else { return nil }
            source = parts[0]
            target = parts[1]
        }

        /// Whether the source is a path relative to the compose file (a bind mount of the repository).
        var isRepositoryPath: Bool { source.hasPrefix(".") }
    }

    static func mounts(_ service: YAMLValue) -> [Mount] { service["volumes"].strings.compactMap(Mount.init) }

    /// The file or folder of the repository a bind mount's source names.
    static func repositoryPath(_ mount: Mount) -> URL {
        deploy.appendingPathComponent(mount.source).standardizedFileURL
    }

    /// The bind mount whose target is `target`.
    static func mount(_ service: YAMLValue, target: String) throws -> Mount {
        try #require(mounts(service).first { $0.target == target }, "nothing mounted at \(target)")
    }

    /// The value of `--name=value` among a command's arguments.
    static func flag(_ name: String, in arguments: [String]) -> String? {
        arguments.first { $0.hasPrefix("--\(name)=") }.map { String($0.dropFirst(name.count + 3)) }
    }

    @Test func servicesAndVolumes() throws {
        let compose = try Self.compose()
        #expect(compose["services"].keys == ["grafana", "node-exporter", "prometheus", "sibyl"])
        for name in compose["services"].keys {
            for mount in Self.mounts(compose["services"][name]) {
                if mount.isRepositoryPath {
                    #expect(
                        FileManager.default.fileExists(atPath: Self.repositoryPath(mount).path),
                        "\(name) mounts \(mount.source), which does not exist")
                } else if !mount.source.hasPrefix("/") {
                    #expect(
                        !compose["volumes"][mount.source].isMissing, "\(name): volume \(mount.source) is not declared")
                }
            }
        }
    }

    @Test("Sibyl is built from the Dockerfile and runs the repository's sibyl.yml beside Prometheus")
    func sibyl() throws {
        let compose = try Self.compose()
        let sibyl = compose["services"]["sibyl"]
        let context = Self.deploy.appendingPathComponent(try #require(sibyl["build"]["context"].string))
        #expect(FileManager.default.fileExists(atPath: context.appendingPathComponent("Package.swift").path))
        let dockerfile = try #require(sibyl["build"]["dockerfile"].string)
        #expect(FileManager.default.fileExists(atPath: context.appendingPathComponent(dockerfile).path))
        #expect(sibyl["network_mode"].string == "service:prometheus")

        let command = sibyl["command"].strings
        #expect(command.first == "run")
        let configPath = try #require(Self.flag("config.file", in: command))
        let configMount = try Self.mount(sibyl, target: configPath)
        let configFile = Self.repositoryPath(configMount)
        #expect(configFile == Fixtures.repository.appendingPathComponent("sibyl.yml").standardizedFileURL)
        let configuration = try SibylConfiguration.load(contentsOf: configFile.path)

        // Sibyl listens on its default port, published by the service whose network namespace it shares.
        #expect(configuration.web.listenAddress.port == Self.defaults.web.listenAddress.port)
        #expect(configuration.web.listenAddress.port == 9798)
        let prometheus = compose["services"]["prometheus"]
        #expect(prometheus["ports"].strings.contains("127.0.0.1:9798:9798"))
        #expect(prometheus["ports"].strings.contains("127.0.0.1:9090:9090"))

        // It reads Prometheus over the shared loopback, on the port Prometheus listens on.
        let source = try #require(URLComponents(string: configuration.source.url))
        #expect(source.host == "127.0.0.1")
        #expect(source.path == "/api/v1/read")
        #expect(Self.flag("web.listen-address", in: prometheus["command"].strings) == ":\(source.port ?? 0)")

        // The archive (a relative path) lands in the image's working directory, which is a named volume.
        #expect(!configuration.archive.path.hasPrefix("/"))
        let workdir = try #require(try DockerfileTests.instructions("WORKDIR").last)
        let data = try Self.mount(sibyl, target: workdir)
        #expect(!data.isRepositoryPath)
        #expect(!compose["volumes"][data.source].isMissing)
    }

    @Test(
        "Prometheus runs the repository's prometheus.yml, which scrapes Sibyl and the node exporter and loads the rules"
    )
    func prometheus() throws {
        let compose = try Self.compose()
        let prometheus = compose["services"]["prometheus"]
        let configPath = try #require(Self.flag("config.file", in: prometheus["command"].strings))
        let configMount = try Self.mount(prometheus, target: configPath)
        let configFile = Self.repositoryPath(configMount)
        #expect(configFile == Fixtures.repository.appendingPathComponent("prometheus.yml").standardizedFileURL)
        let configuration = try YAMLValue.load(configFile)

        func targets(_ job: String) -> (YAMLValue, [String]) {
            let scrape = configuration["scrape_configs"].array.first { $0["job_name"].string == job } ?? YAMLValue(nil)
            return (scrape, scrape["static_configs"].array.flatMap { $0["targets"].strings })
        }
        let (sibyl, sibylTargets) = targets("sibyl")
        #expect(sibylTargets == ["127.0.0.1:\(Self.defaults.web.listenAddress.port)"])
        #expect(sibyl["honor_labels"].bool == true)
        #expect((sibyl["metrics_path"].string ?? "/metrics") == Self.defaults.web.telemetryPath)
        let (_, nodeTargets) = targets("node")
        let nodeExporter = compose["services"]["node-exporter"]
        #expect(nodeExporter["network_mode"].string == "service:prometheus")
        #expect(
            nodeTargets.map { ":" + ($0.split(separator: ":").last ?? "") } == [
                Self.flag("web.listen-address", in: nodeExporter["command"].strings) ?? ""
            ])

        // rule_files are relative to the configuration's folder: the rules mount sits where they point.
        let folder = (configPath as NSString).deletingLastPathComponent
        for pattern in configuration["rule_files"].strings {
            let rulesFolder = (pattern as NSString).deletingLastPathComponent
            let rules = try Self.mount(prometheus, target: "\(folder)/\(rulesFolder)")
            #expect(
                Self.repositoryPath(rules)
                    == Fixtures.repository.appendingPathComponent(rulesFolder).standardizedFileURL)
        }
        #expect(!configuration["rule_files"].strings.isEmpty)
    }

    @Test("Grafana on localhost:3000 with the provisioning mounted and the dashboards where the provider looks")
    func grafana() throws {
        let compose = try Self.compose()
        let grafana = compose["services"]["grafana"]
        #expect(grafana["ports"].strings == ["127.0.0.1:3000:3000"])
        let provisioning = try Self.mount(grafana, target: "/etc/grafana/provisioning")
        #expect(
            Self.repositoryPath(provisioning)
                == Fixtures.repository.appendingPathComponent("grafana/provisioning").standardizedFileURL)

        let provider = try YAMLValue.load(
            Fixtures.repository.appendingPathComponent("grafana/provisioning/dashboards/sibyl.yml"))
        #expect(provider["apiVersion"].int == 1)
        let providers = provider["providers"].array
        #expect(providers.count == 1)
        #expect(providers.first?["type"].string == "file")
        let path = try #require(providers.first?["options"]["path"].string)
        let dashboards = try Self.mount(grafana, target: path)
        #expect(Self.repositoryPath(dashboards) == GrafanaDashboard.folder.standardizedFileURL)

        let home = try #require(grafana["environment"]["GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"].string)
        #expect(home.hasPrefix(path + "/"))
        let homeFile = GrafanaDashboard.folder.appendingPathComponent(String(home.dropFirst(path.count + 1)))
        #expect(FileManager.default.fileExists(atPath: homeFile.path))

        let datasources = try YAMLValue.load(
            Fixtures.repository.appendingPathComponent("grafana/provisioning/datasources/prometheus.yml"))
        #expect(datasources["apiVersion"].int == 1)
        let datasource = try #require(datasources["datasources"].array.first)
        #expect(datasource["type"].string == "prometheus")
        #expect(datasource["isDefault"].bool == true)
        let url = try #require(URLComponents(string: datasource["url"].string ?? ""))
        #expect(compose["services"].keys.contains(url.host ?? ""), "the data source names a compose service")
        let prometheus = compose["services"]["prometheus"]
        #expect(Self.flag("web.listen-address", in: prometheus["command"].strings) == ":\(url.port ?? 0)")
    }
}
