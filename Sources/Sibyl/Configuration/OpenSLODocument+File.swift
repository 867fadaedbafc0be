import Yams

extension ConfigurationDecoder {
    /// Whether an `objectives` entry is an OpenSLO document rather than a Sibyl objective: a mapping with an
    /// `apiVersion`.
    /// - Parameter node: the entry.
    /// - Returns: `true` for an OpenSLO document.
    static func isOpenSLODocument(_ node: Node) -> Bool {
        guard case .mapping = node else { return false }
        return node["apiVersion"] != nil
    }

    /// An `objectives` entry that is an OpenSLO document: it must be `kind: SLO`, and its objectives join the list,
    /// each name checked against those before it.
    /// - Parameters:
    ///   - entry: the entry.
    ///   - objectives: the list's objectives so far.
    ///   - firstLines: the line of each name so far.
    mutating func appendOpenSLOEntry(
        _ entry: ConfigurationField, to objectives: inout [ObjectiveConfiguration], firstLines: inout [String: Int]
    ) {
        guard let document = mapping(entry, keys: OpenSLODocument.documentKeys), let kind = openSLOKind(document)
        else { return }
        guard kind == "SLO" else {
            let position = document["kind"]?.valuePosition ?? document.position
            report(
                .invalidValue, at: position,
                "\(entry.path).kind: only a kind: SLO document can be an objective, got \(Self.quoted(kind))")
            return
        }
        let entries = openSLODocument(document, file: nil, indicators: nil)?.entries ?? []
        declare(entries, first: { firstLines[$0].map { "on line \($0)" } }) { objective in
            firstLines[objective.objective.name] = objective.line
            objectives.append(objective)
        }
    }

    /// Declares each entry whose name is not taken yet; a taken one is reported where its name comes from.
    /// - Parameters:
    ///   - entries: a document's objectives.
    ///   - first: where a name was first declared (`on line 12`), `nil` when it is free.
    ///   - declare: takes a free entry.
    private mutating func declare(
        _ entries: [OpenSLODocument.Entry], first: (String) -> String?, _ declare: (ObjectiveConfiguration) -> Void
    ) {
        for entry in entries {
            let name = entry.configuration.objective.name
            if let first = first(name) {
                report(
                    .duplicateValue, at: entry.namePosition,
                    "\(entry.namePath): duplicate objective \(Self.quoted(name)) (first \(first))")
                continue
            }
            declare(entry.configuration)
        }
    }

    /// The objectives of an OpenSLO file (`--openslo.file`): its `kind: SLO` documents, separated by `---`.
    ///
    /// `kind: SLI` documents are read for the SLOs' `indicatorRef`; the other kinds (`Service`, `DataSource`,
    /// `AlertPolicy`, …) are valid OpenSLO that Sibyl has no use for, and are skipped. A file without any SLO is
    /// reported, as it is most likely the wrong file.
    /// - Parameter declared: the objectives declared so far (the configuration file's, earlier files') by name, with
    ///   where; this file's are added.
    /// - Returns: the file's objectives.
    mutating func openSLOFile(declared: inout [String: ObjectiveOrigin]) -> [ObjectiveConfiguration] {
        var nodes: [Node] = []
        do {
            let parser = try Parser(yaml: source.text)
            while let node = try parser.nextRoot() { nodes.append(node) }
        } catch {
            reportYAMLError(error)
        }
        var documents: [(mapping: ConfigurationMapping, kind: String)] = []
        for node in nodes where !Self.isNull(node) {
            let field = ConfigurationField(path: "", keyPosition: ConfigurationPosition(node.mark), value: node)
            guard case .mapping = node else {
                report(
                    .wrongType, at: field.valuePosition,
                    "an OpenSLO document must be a mapping of keys, got \(Self.describe(node))")
                continue
            }
            guard let mapping = mapping(field, keys: OpenSLODocument.documentKeys), let kind = openSLOKind(mapping)
            else { continue }
            documents.append((mapping, kind))
        }
        let indicators = sliDocuments(documents.filter { $0.kind == "SLI" }.map(\.mapping))
        var objectives: [ObjectiveConfiguration] = []
        let file = file
        for document in documents where document.kind == "SLO" {
            let entries = openSLODocument(document.mapping, file: file, indicators: indicators)?.entries ?? []
            declare(entries, first: { declared[$0].map { "at \($0)" } }) { objective in
                declared[objective.objective.name] = objective.origin(configurationFile: file)
                objectives.append(objective)
            }
        }
        if errors.isEmpty && !documents.contains(where: { $0.kind == "SLO" }) {
            report(
                .missingKey, at: ConfigurationPosition(line: 0, column: 0),
                "no kind: SLO document (apiVersion: openslo/v1) in the file")
        }
        return objectives
    }

    /// The `kind: SLI` documents by `metadata.name`, each decoded once (`nil` for one with mistakes, reported).
    private mutating func sliDocuments(
        _ documents: [ConfigurationMapping]
    ) -> [String: OpenSLODocument.Indicator?] {
        var indicators: [String: OpenSLODocument.Indicator?] = [:]
        var firstLines: [String: Int] = [:]
        for document in documents {
            guard let field = document["metadata"] else {
                reportMissing("metadata", in: document)
                continue
            }
            guard let metadata = mapping(field, keys: OpenSLODocument.metadataKeys) else { continue }
            guard let nameField = metadata["name"] else {
                reportMissing("name", in: metadata)
                continue
            }
            guard let name = scalar(nameField, expected: "a name") else { continue }
            if let line = firstLines[name] {
                report(
                    .duplicateValue, at: nameField.valuePosition,
                    "\(nameField.path): duplicate SLI \(Self.quoted(name)) (first on line \(line))")
                continue
            }
            firstLines[name] = nameField.valuePosition.line
            guard let spec = document["spec"] else {
                reportMissing("spec", in: document)
                indicators[name] = .some(nil)
                continue
            }
            indicators[name] = .some(indicatorSpec(spec))
        }
        return indicators
    }
}
