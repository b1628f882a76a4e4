import Foundation
import TestSupport
@testable import ThiDuaPlan

/// A plan file as a tree that tests edit and write back as JSON (a YAML document the checker reads
/// like the original: every scalar is read from its text, §1).
struct PlanTree {
    var root: YNode

    init(_ text: String) throws {
        guard let root = try YAMLReader.read(text) else { throw TestSetupError("an empty plan") }
        self.root = root
    }

    init(root: YNode) { self.root = root }

    var json: String { PlanTree.json(root) }

    static func json(_ n: YNode) -> String {
        switch n.kind {
        case .scalar(let s): return JSONValue.quote(s)
        case .seq(let items): return "[" + items.map(json).joined(separator: ", ") + "]"
        case .map(let entries):
            return "{" + entries.map { JSONValue.quote($0.key ?? "?") + ": " + json($0.value) }.joined(separator: ", ") + "}"
        }
    }

    /// The tree with `key: value` added at the end of the mapping at `path`.
    func inserting(_ key: String, _ value: String, at path: Path) -> PlanTree {
        PlanTree(root: PlanTree.edit(root, path.steps[...]) { node in
            guard case .map(var entries) = node.kind else { return node }
            entries.append(YEntry(key: key, keyPos: node.pos, value: YNode(pos: node.pos, kind: .scalar(value))))
            return YNode(pos: node.pos, kind: .map(entries))
        })
    }

    /// The tree with the scalar at `path` replaced.
    func replacing(_ path: Path, with value: String) -> PlanTree {
        PlanTree(root: PlanTree.edit(root, path.steps[...]) { YNode(pos: $0.pos, kind: .scalar(value)) })
    }

    private static func edit(_ n: YNode, _ steps: ArraySlice<PathStep>, _ change: (YNode) -> YNode) -> YNode {
        guard let step = steps.first else { return change(n) }
        switch (step, n.kind) {
        case (.key(let k), .map(var entries)):
            if let i = entries.firstIndex(where: { $0.key == k }) { entries[i].value = edit(entries[i].value, steps.dropFirst(), change) }
            return YNode(pos: n.pos, kind: .map(entries))
        case (.index(let i), .seq(var items)) where items.indices.contains(i):
            items[i] = edit(items[i], steps.dropFirst(), change)
            return YNode(pos: n.pos, kind: .seq(items))
        default: return n
        }
    }
}

/// A mapping of a plan that the schema closes (`additionalProperties: false`): where it is, which
/// definition and kind describe it, and the keys the schema lets it hold.
struct Placement {
    var plan: Int
    var path: Path
    /// The definition's name and, for a mapping with kinds, the kind: "criterion/rate".
    var identity: String
    var present: [String]
    /// Every key of the definition's `properties`.
    var listed: [String]
    /// The keys the schema accepts in this mapping: listed, of its kind, not a second kind key.
    var allowed: Set<String>
    /// The kind keys of a mapping whose kind is its one kind key (the schema's oneOf).
    var kindKeys: [String]
}

/// Walks a plan's tree alongside the generated schema (parsed JSON), finding every closed mapping.
struct SchemaWalker {
    let root: [String: Any]
    var defs: [String: Any] { root["$defs"] as? [String: Any] ?? [:] }

    init(_ text: String) throws {
        guard let root = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw TestSetupError("the schema is not a JSON object")
        }
        self.root = root
    }

    /// The schema at a `$ref` (one level), with the definition's name.
    func resolve(_ s: Any, _ name: String) -> ([String: Any], String)? {
        guard let o = s as? [String: Any] else { return nil }
        if let ref = o["$ref"] as? String, ref.hasPrefix("#/$defs/") {
            let def = String(ref.dropFirst("#/$defs/".count))
            return (defs[def] as? [String: Any]).flatMap { resolve($0, def) }
        }
        return (o, name)
    }

    func placements(_ node: YNode, plan: Int) -> [Placement] {
        var walker = self
        walker.tree = node
        var out: [Placement] = []
        walker.walk(node, root, "plan", .root, plan, &out)
        return out
    }

    private func walk(_ node: YNode, _ schema: Any, _ name: String, _ path: Path, _ plan: Int, _ out: inout [Placement]) {
        guard let (s, def) = resolve(schema, name) else { return }
        if let branches = s["anyOf"] as? [Any] {
            let wanted = node.entries != nil ? "object" : node.items != nil ? "array" : ""
            for b in branches {
                if let (r, d) = resolve(b, def), r["type"] as? String == wanted { walk(node, r, d, path, plan, &out); return }
            }
            return
        }
        if let entries = node.entries {
            let properties = s["properties"] as? [String: Any] ?? [:]
            if s["additionalProperties"] as? Bool == false {
                out.append(placement(s, def, entries.compactMap(\.key), path, plan))
            }
            for e in entries {
                guard let k = e.key, let child = properties[k] ?? (s["additionalProperties"] as? [String: Any]) else { continue }
                walk(e.value, child, def, path.key(k), plan, &out)
            }
        } else if let items = node.items, let item = s["items"] {
            for (i, n) in items.enumerated() { walk(n, item, def, path.index(i), plan, &out) }
        }
    }

    private func placement(_ s: [String: Any], _ def: String, _ present: [String], _ path: Path, _ plan: Int) -> Placement {
        let properties = s["properties"] as? [String: Any] ?? [:]
        var allowed = Set(properties.keys)
        var kind: String?
        // Kind keys (oneOf of required): the one present; the others are refused.
        let kindKeys = (s["oneOf"] as? [[String: Any]] ?? []).compactMap { ($0["required"] as? [String])?.first }
        if let k = present.first(where: kindKeys.contains) {
            kind = k
            allowed.subtract(kindKeys.filter { $0 != k })
        }
        for rule in s["allOf"] as? [[String: Any]] ?? [] {
            guard let condition = rule["if"] as? [String: Any], let then = rule["then"] as? [String: Any] else { continue }
            let required = condition["required"] as? [String] ?? []
            let constants = (condition["properties"] as? [String: [String: Any]] ?? [:]).compactMapValues { $0["const"] as? String }
            guard required.allSatisfy(present.contains) else { continue }
            if let (key, value) = constants.first {
                guard value == scalar(at: path.key(key)) else { continue }
                kind = value
            }
            let own = then["properties"] as? [String: Any] ?? [:]
            if then["additionalProperties"] as? Bool == false { allowed.formIntersection(own.keys) }
            for (k, v) in own where v as? Bool == false { allowed.remove(k) }
        }
        return Placement(plan: plan, path: path, identity: def + (kind.map { "/" + $0 } ?? ""), present: present,
                         listed: properties.keys.sorted(), allowed: allowed, kindKeys: kindKeys)
    }

    /// The plan being walked, for the value of a `kind:` key.
    private var tree: YNode?

    private func scalar(at path: Path) -> String? {
        var n = tree
        for step in path.steps {
            switch step {
            case .key(let k): n = n?.entries?.first { $0.key == k }?.value
            case .index(let i): n = n?.items.flatMap { $0.indices.contains(i) ? $0[i] : nil }
            }
        }
        return n?.scalar
    }
}
