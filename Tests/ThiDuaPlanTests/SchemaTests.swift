import Foundation
import Testing
import TestSupport
@testable import ThiDuaPlan

/// `thidua plan schema` (issue 23): the JSON Schema of plan language 1 and the checker agree on which
/// keys exist, and a real Draft 2020-12 validator (python-jsonschema, Tests/tools/check_plan_schema.py)
/// accepts every shipped plan and refuses what the checker refuses as `unknown_key`.
@Suite struct SchemaTests {
    static let shippedPlans = ["plans/251-KH-VKSTC.yaml", "plans/KH-TD-6T-2026.yaml"]
    static let validFixtures = ["Tests/fixtures/plan-language/listing-19.yaml", "Tests/fixtures/plan-language/listing-21.yaml"]
    static let schemaFile = "plans/plan-language-1.schema.json"

    func validate(_ files: [String]) throws -> ProcessOutcome {
        try runProcess("/usr/bin/env", ["python3", "\(repositoryRoot)/Tests/tools/check_plan_schema.py",
                                        "\(repositoryRoot)/\(Self.schemaFile)"] + files)
    }

    @Test func committedFileIsTheCommandsOutput() throws {
        let committed = try readRepositoryFile(Self.schemaFile)
        #expect(PlanSchema.text() == committed, "plans/plan-language-1.schema.json is stale: run make schema")
        let out = try runThidua(["plan", "schema"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout == committed)
        #expect(out.stderr.isEmpty)
    }

    @Test func headerNamesDraft202012AndTheInstalledPath() throws {
        let walker = try SchemaWalker(PlanSchema.text())
        #expect(walker.root["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        #expect(walker.root["$id"] as? String == "file:///usr/share/thidua/plan-language-1.schema.json")
        #expect((walker.root["title"] as? String)?.isEmpty == false)
        #expect(walker.root["required"] as? [String] == PlanGrammar.plan.keys.filter(\.required).map(\.name))
    }

    @Test func shippedPlansReferToTheSchemaOnTheirFirstLine() throws {
        for file in Self.shippedPlans {
            let first = try readRepositoryFile(file).split(separator: "\n", maxSplits: 1).first
            #expect(first == "# yaml-language-server: $schema=plan-language-1.schema.json", "\(file)")
        }
    }

    /// Static: the tables the checker reads mappings against (it has no other way to accept a key:
    /// `map` takes a `Mapping`) and the schema's closed mappings hold the same names with the same keys.
    @Test func tablesAndSchemaListTheSameKeys() throws {
        let walker = try SchemaWalker(PlanSchema.text())
        func keys(_ o: [String: Any]) -> Set<String>? {
            o["additionalProperties"] as? Bool == false ? Set((o["properties"] as? [String: Any] ?? [:]).keys) : nil
        }
        var closed: [String: Set<String>] = ["plan": keys(walker.root) ?? []]
        for (name, d) in walker.defs {
            if let o = d as? [String: Any], let k = keys(o) { closed[name] = k }
        }
        for m in PlanGrammar.mappings { #expect(Set(m.names).count == m.names.count, "\(m.name) declares a key twice") }
        let tables = Dictionary(PlanGrammar.mappings.map { ($0.name, Set($0.names)) }, uniquingKeysWith: { a, _ in a })
        #expect(tables.count == PlanGrammar.mappings.count, "two mappings with one name")
        #expect(closed == tables)
        #expect(tables.count >= 25)
    }

    /// Dynamic, on the shipped plans: each closed mapping (one per definition and kind) gets every key
    /// its definition lists and no instance writes, then every key of another kind, a misspelling of
    /// each key and a key of no mapping; and every key of the language goes into a mapping that does
    /// not list it. The checker reports `unknown_key` at exactly the keys the schema does not accept
    /// there (kind rules included), and the validator names every one of them. Keys are added a batch
    /// at a time: the checker reports each unknown key on its own (§17, no cascading).
    @Test func checkerAndSchemaAgreeKeyByKey() throws {
        let walker = try SchemaWalker(PlanSchema.text())
        let trees = try Self.shippedPlans.map { try PlanTree(readRepositoryFile($0)) }
        var order: [String] = []
        var byIdentity: [String: [Placement]] = [:]
        for (i, tree) in trees.enumerated() {
            for p in walker.placements(tree.root, plan: i) {
                if byIdentity[p.identity] == nil { order.append(p.identity) }
                byIdentity[p.identity, default: []].append(p)
            }
        }
        let everyKey = Set(PlanGrammar.mappings.flatMap(\.names))
        func misspelled(_ key: String) -> String { key + String(key.last ?? "z") }
        /// The inserted keys the checker reports as unknown_key.
        func unknownKeys(_ tree: PlanTree, _ inserted: [(path: Path, key: String)]) -> [String] {
            let paths = Set(issues(tree.json).filter { $0.code == "unknown_key" }.map(\.path))
            return inserted.filter { paths.contains($0.path.key($0.key).text) }.map(\.key)
        }
        var refusals: [(tree: PlanTree, keys: [String], what: String)] = []
        for identity in order {
            let instances = byIdentity[identity]!
            let first = instances[0]
            // Accepted: a key a valid shipped plan writes here is accepted; the others are added.
            let accept = first.listed.filter { key in first.allowed.contains(key) && !instances.contains { $0.present.contains(key) } }
            let accepted = accept.reduce(trees[first.plan]) { $0.inserting($1, "x", at: first.path) }
            #expect(unknownKeys(accepted, accept.map { (first.path, $0) }) == [], "\(identity) at \(first.path.text)")
            // Refused: keys of other kinds, misspellings. A second kind key leaves the kind unknown, so
            // that the keys of other kinds are not checked further: it goes in a batch of its own.
            let foreign = first.listed.filter { !first.allowed.contains($0) && !first.present.contains($0) }
            let misspellings = (first.listed + ["zz_not_a_key"]).map(misspelled).filter { !everyKey.contains($0) }
            for refuse in [foreign.filter(first.kindKeys.contains), foreign.filter { !first.kindKeys.contains($0) } + misspellings]
            where !refuse.isEmpty {
                let refused = refuse.reduce(trees[first.plan]) { $0.inserting($1, "x", at: first.path) }
                #expect(unknownKeys(refused, refuse.map { (first.path, $0) }) == refuse, "\(identity) at \(first.path.text)")
                refusals.append((refused, refuse, identity))
            }
        }
        let places = order.compactMap { byIdentity[$0]?.first }
        var misplaced = trees
        var inserted: [[(path: Path, key: String)]] = Array(repeating: [], count: trees.count)
        for (i, key) in everyKey.sorted().enumerated() {
            let rotated = places.indices.map { places[($0 + i) % places.count] }
            guard let p = rotated.first(where: { !$0.listed.contains(key) }) else { continue }
            misplaced[p.plan] = misplaced[p.plan].inserting(key, "x", at: p.path)
            inserted[p.plan].append((p.path, key))
        }
        for (i, tree) in misplaced.enumerated() {
            #expect(unknownKeys(tree, inserted[i]) == inserted[i].map(\.key), "keys in the wrong place in \(Self.shippedPlans[i])")
            refusals.append((tree, inserted[i].map(\.key), "keys in the wrong place"))
        }
        #expect(order.count >= 30, "\(order)")
        #expect(refusals.map(\.keys.count).reduce(0, +) >= 250)

        let scratch = try ScratchFolder()
        var files: [String] = []
        for (i, r) in refusals.enumerated() {
            files.append("\(scratch.path)/\(i).yaml")
            try r.tree.json.write(toFile: files[i], atomically: true, encoding: .utf8)
        }
        let out = try validate(files)
        #expect(out.status == 1, "\(out.stderr)")
        var lines: [String: [Substring]] = [:]
        for line in out.stdout.split(separator: "\n") where line.hasPrefix("invalid ") {
            lines[String(line.dropFirst("invalid ".count).prefix { $0 != ":" }), default: []].append(line)
        }
        for (i, r) in refusals.enumerated() {
            let said = lines[files[i]] ?? []
            for key in r.keys {
                #expect(said.contains { $0.contains("'\(key)'") }, "the schema does not refuse \(key) (\(r.what)): \(said)")
            }
        }
    }

    @Test func validatorAcceptsEveryShippedPlanAndValidFixture() throws {
        let files = (Self.shippedPlans + Self.validFixtures).map { "\(repositoryRoot)/\($0)" }
        let out = try validate(files)
        #expect(out.status == 0, "\(out.all)")
        #expect(out.stdout.split(separator: "\n").map(String.init) == files.map { "valid \($0)" })
    }

    @Test func validatorRefusesAnUnknownKeyAndAnUnknownCriterionKind() throws {
        let text = try readRepositoryFile("plans/251-KH-VKSTC.yaml")
        let unknownKey = text.replacingOccurrences(of: "\nquotas:\n", with: "\nquotas_extra: 1\nquotas:\n")
        let firstRate = try #require(text.range(of: "kind: rate"))
        let bogusKind = text.replacingCharacters(in: firstRate, with: "kind: bogus")
        #expect(unknownKey != text)
        #expect(issues(unknownKey).map(\.code) == ["unknown_key"])
        #expect(issues(bogusKind).map { "\($0.code) \($0.path)" } == ["value_type criteria[0].kind"])

        let scratch = try ScratchFolder()
        try unknownKey.write(toFile: "\(scratch.path)/key.yaml", atomically: true, encoding: .utf8)
        try bogusKind.write(toFile: "\(scratch.path)/kind.yaml", atomically: true, encoding: .utf8)
        let out = try validate(["\(scratch.path)/key.yaml", "\(scratch.path)/kind.yaml"])
        #expect(out.status == 1, "\(out.stderr)")
        #expect(out.stdout.contains("invalid \(scratch.path)/key.yaml: (root): Additional properties are not allowed ('quotas_extra' was unexpected)"),
                "\(out.stdout)")
        #expect(out.stdout.contains("invalid \(scratch.path)/kind.yaml: criteria.0.kind: 'bogus' is not one of ['rate', 'at_least', 'count']"),
                "\(out.stdout)")
    }
}
