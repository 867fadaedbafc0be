import Foundation
import Sibyl
import SibylTestSupport
import SibylWire
import Testing

/// `deploy/kubernetes/`: the manifests parse, and Sibyl runs as a sidecar of Prometheus whose ports, probes,
/// configuration and archive volume agree with one another and with Sibyl's defaults.
struct KubernetesManifestTests {
    static let folder = Fixtures.repository.appendingPathComponent("deploy/kubernetes", isDirectory: true)

    /// Every document of the files the kustomization in `folder` lists.
    static func documents(in folder: URL = folder) throws -> [YAMLValue] {
        let kustomization = try YAMLValue.load(folder.appendingPathComponent("kustomization.yaml"))
        return try kustomization["resources"].strings.flatMap {
            try YAMLValue.loadAll(folder.appendingPathComponent($0))
        }
    }

    static func object(_ kind: String, _ name: String, in folder: URL = folder) throws -> YAMLValue {
        try #require(
            try documents(in: folder).first { $0["kind"].string == kind && $0["metadata"]["name"].string == name },
            "no \(kind) \(name)")
    }

    static func container(_ name: String) throws -> YAMLValue {
        let statefulSet = try object("StatefulSet", "prometheus")
        return try #require(
            statefulSet["spec"]["template"]["spec"]["containers"].array.first { $0["name"].string == name },
            "no container \(name)")
    }

    /// The container port a probe or a service names, by name or number.
    static func port(_ reference: YAMLValue, of container: YAMLValue) -> Int? {
        if let number = reference.value as? Int { return number }
        return container["ports"].array.first { $0["name"].string == reference.string }?["containerPort"].int
    }

    /// The ConfigMap key mounted at `path` in `container`, as (ConfigMap name, key).
    static func configMapFile(at path: String, in container: YAMLValue) throws -> (String, String) {
        let folder = (path as NSString).deletingLastPathComponent
        let mount = try #require(container["volumeMounts"].array.first { $0["mountPath"].string == folder })
        let volumes = try object("StatefulSet", "prometheus")["spec"]["template"]["spec"]["volumes"].array
        let volume = try #require(volumes.first { $0["name"].string == mount["name"].string })
        return (try #require(volume["configMap"]["name"].string), (path as NSString).lastPathComponent)
    }

    static func sibylConfiguration() throws -> (SibylConfiguration, path: String) {
        let sibyl = try container("sibyl")
        let arguments = sibyl["args"].strings
        #expect(arguments.first == "run")
        let path = try #require(ComposeFileTests.flag("config.file", in: arguments))
        let (name, key) = try configMapFile(at: path, in: sibyl)
        let text = try #require(try object("ConfigMap", name)["data"][key].string, "ConfigMap \(name) has no \(key)")
        return (try SibylConfiguration(yaml: text, file: key), path)
    }

    @Test("every file the kustomization lists exists and parses, with the five objects")
    func manifestsParse() throws {
        let kinds = try Self.documents().map { "\($0["kind"].string ?? "?")/\($0["metadata"]["name"].string ?? "?")" }
        #expect(
            kinds.sorted() == [
                "ConfigMap/prometheus-config", "ConfigMap/sibyl-config", "Service/prometheus",
                "Service/prometheus-headless", "StatefulSet/prometheus",
            ])
    }

    @Test("the StatefulSet's governing Service is headless and selects its pod")
    func governingService() throws {
        let statefulSet = try Self.object("StatefulSet", "prometheus")
        let name = try #require(statefulSet["spec"]["serviceName"].string)
        let service = try Self.object("Service", name)
        #expect(service["spec"]["clusterIP"].string == "None")
        for key in service["spec"]["selector"].keys {
            #expect(
                statefulSet["spec"]["template"]["metadata"]["labels"][key].string
                    == service["spec"]["selector"][key].string)
        }
    }

    @Test("Sibyl listens on its default port, with liveness on /-/healthy and readiness on /-/ready")
    func sibylContainer() throws {
        let sibyl = try Self.container("sibyl")
        let (configuration, _) = try Self.sibylConfiguration()
        let port = SibylConfiguration().web.listenAddress.port
        #expect(configuration.web.listenAddress.port == port)
        #expect(sibyl["ports"].array.compactMap { $0["containerPort"].int } == [port])
        #expect(sibyl["livenessProbe"]["httpGet"]["path"].string == "/-/healthy")
        #expect(sibyl["readinessProbe"]["httpGet"]["path"].string == "/-/ready")
        #expect(Self.port(sibyl["livenessProbe"]["httpGet"]["port"], of: sibyl) == port)
        #expect(Self.port(sibyl["readinessProbe"]["httpGet"]["port"], of: sibyl) == port)
        #expect(sibyl["securityContext"]["allowPrivilegeEscalation"].bool == false)
    }

    @Test("Sibyl reads the Prometheus of its pod over localhost, which scrapes it back with honor_labels")
    func sidecar() throws {
        let (configuration, _) = try Self.sibylConfiguration()
        let source = try #require(URLComponents(string: configuration.source.url))
        #expect(["127.0.0.1", "localhost"].contains(source.host ?? ""))
        #expect(source.path == "/api/v1/read")
        let prometheus = try Self.container("prometheus")
        #expect(prometheus["ports"].array.compactMap { $0["containerPort"].int } == [source.port ?? 0])

        let configPath = try #require(ComposeFileTests.flag("config.file", in: prometheus["args"].strings))
        let (name, key) = try Self.configMapFile(at: configPath, in: prometheus)
        let scrape = try Self.prometheusConfiguration(name, key)
        let sibylJob = scrape["scrape_configs"].array.first { $0["job_name"].string == "sibyl" }
        #expect(sibylJob?["honor_labels"].bool == true)
        #expect(
            sibylJob?["static_configs"].array.flatMap { $0["targets"].strings }
                == ["127.0.0.1:\(configuration.web.listenAddress.port)"])
        #expect((sibylJob?["metrics_path"].string ?? "/metrics") == configuration.web.telemetryPath)
        // Prometheus also reads the archive back: its answers carry the scrape's job and instance, so that a series
        // from either path has one label set (ShippedConfigurationTests runs the same pairing for real).
        #expect(!scrape["remote_read"].array.isEmpty)
        let labels = Dictionary(
            uniqueKeysWithValues: configuration.archive.remoteReadLabels.labels.map { ($0.name, $0.value) })
        #expect(labels["job"] == sibylJob?["job_name"].string)
        #expect(labels["instance"].map { [$0] } == sibylJob?["static_configs"].array.flatMap { $0["targets"].strings })
    }

    /// The parsed `prometheus.yml` of a ConfigMap.
    static func prometheusConfiguration(_ name: String, _ key: String) throws -> YAMLValue {
        try YAMLValue.parse(try #require(try object("ConfigMap", name)["data"][key].string, "\(name) has no \(key)"))
    }

    @Test("the archive lies on the sibyl container's persistent volume")
    func archiveVolume() throws {
        let (configuration, _) = try Self.sibylConfiguration()
        let sibyl = try Self.container("sibyl")
        let folder = (configuration.archive.path as NSString).deletingLastPathComponent
        let mount = try #require(sibyl["volumeMounts"].array.first { $0["mountPath"].string == folder })
        let claims = try Self.object("StatefulSet", "prometheus")["spec"]["volumeClaimTemplates"].array
        #expect(claims.contains { $0["metadata"]["name"].string == mount["name"].string })
    }

    @Test("the Service selects the pod and reaches Prometheus and Sibyl by their named ports")
    func service() throws {
        let service = try Self.object("Service", "prometheus")
        let template = try Self.object("StatefulSet", "prometheus")["spec"]["template"]
        for key in service["spec"]["selector"].keys {
            #expect(template["metadata"]["labels"][key].string == service["spec"]["selector"][key].string)
        }
        let sibyl = try Self.container("sibyl")
        let prometheus = try Self.container("prometheus")
        let ports = service["spec"]["ports"].array
        #expect(ports.count == 2)
        for port in ports {
            let reference = port["targetPort"]
            let resolved = Self.port(reference, of: sibyl) ?? Self.port(reference, of: prometheus)
            #expect(resolved != nil && resolved == port["port"].int, "\(port["name"].string ?? "?")")
        }
    }

    @Test("the pod's prometheus.yml passes promtool check config", .enabled(if: TestBinaries.runnable(.promtool)))
    func prometheusConfigurationIsValid() throws {
        let document = try #require(
            try YAMLValue.loadAll(Self.folder.appendingPathComponent("prometheus-config.yaml")).first)
        let text = try #require(document["data"]["prometheus.yml"].string)
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("prometheus.yml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let (status, output) = try AlertRulesTests.promtool("check", "config", file.path)
        #expect(status == 0, "\(output)")
    }
}
