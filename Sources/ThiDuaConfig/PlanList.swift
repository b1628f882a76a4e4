import Foundation
import Yams

/// One plan of a configuration's `plans:` list: the plan file and the output folder its runs go to
/// (issue 23). Every other setting (database, output modes, retention, gate, report, logging) is
/// shared by the plans of the list.
public struct PlanOutput: Sendable, Equatable {
    public var file: String
    public var out: String

    public init(file: String, out: String) {
        self.file = file
        self.out = out
    }
}

/// What one run of `thidua run` publishes: a plan file (nil: the built-in plan 251) into a folder.
public struct PlanTarget: Sendable, Equatable {
    public var file: String?
    public var out: String

    public init(file: String?, out: String) {
        self.file = file
        self.out = out
    }
}

extension Settings {
    /// Reads `plans:`: a non-empty list of `{file, out}` mappings, no other key, no two entries with
    /// the same output folder or one folder inside another's (their locks, staging and retention
    /// would collide). It cannot be combined with `plan:` or `output.dir`, which name one plan.
    mutating func applyPlans(_ r: inout MappingReader, file path: String) throws(ConfigError) {
        guard r.has("plans") else { return }
        if r.has("plan") {
            throw ConfigError(file: path, key: "plans", message: "cannot be combined with 'plan:' (one plan); list every plan under 'plans:'")
        }
        let node = try r.node("plans")
        guard let items = node.sequence else {
            throw ConfigError(file: path, key: "plans", message: "expected a list of {file, out} mappings")
        }
        guard items.count > 0 else { throw ConfigError(file: path, key: "plans", message: "lists no plan") }
        var list: [PlanOutput] = []
        for (i, item) in items.enumerated() {
            var m = try MappingReader(file: path, path: "plans[\(i)]", node: item)
            let file = try m.scalar("file")
            let out = try m.scalar("out")
            try m.finish()
            if file.isEmpty { throw ConfigError(file: path, key: "plans[\(i)].file", message: "is empty") }
            if out.isEmpty { throw ConfigError(file: path, key: "plans[\(i)].out", message: "is empty") }
            let mine = Self.folder(out)
            if let j = list.firstIndex(where: { Self.folder($0.out) == mine }) {
                throw ConfigError(file: path, key: "plans[\(i)].out", message: "'\(out)' is also plans[\(j)].out; each plan needs its own output folder")
            }
            if let j = list.firstIndex(where: { Self.nested(Self.folder($0.out), mine) }) {
                throw ConfigError(file: path, key: "plans[\(i)].out", message: "'\(out)' and plans[\(j)].out lie one inside the other; give each plan a folder of its own")
            }
            list.append(PlanOutput(file: file, out: out))
        }
        plans = list
    }

    /// The plans a run publishes, in order. Without `plans:` one: `plan` (or the built-in plan) into
    /// `output.dir`. With `plans:` every listed plan, unless a plan or a folder was chosen (THIDUA_PLAN,
    /// THIDUA_OUT, --plan, --out): both chosen run that one plan into that folder instead of the
    /// list; one chosen runs the listed plans with that file, or with that folder.
    public func targets() throws(ConfigError) -> [PlanTarget] {
        guard !plans.isEmpty else { return [PlanTarget(file: planFile, out: outDir)] }
        switch (chosenPlan, chosenOut) {
        case (let file?, let out?):
            return [PlanTarget(file: file, out: out)]
        case (let file?, nil):
            let picked = plans.filter { Self.folder($0.file) == Self.folder(file) }
            guard !picked.isEmpty else {
                throw ConfigError(file: "--plan/THIDUA_PLAN", key: nil, message: "'\(file)' is not a file of the configuration's plans: list; give an output folder too (--out) to run a plan outside the list")
            }
            return picked.map { PlanTarget(file: $0.file, out: $0.out) }
        case (nil, let out?):
            let picked = plans.filter { Self.folder($0.out) == Self.folder(out) }
            guard !picked.isEmpty else {
                throw ConfigError(file: "--out/THIDUA_OUT", key: nil, message: "'\(out)' is not an output folder of the configuration's plans: list; give a plan file too (--plan) to run a plan outside the list")
            }
            return picked.map { PlanTarget(file: $0.file, out: $0.out) }
        case (nil, nil):
            return plans.map { PlanTarget(file: $0.file, out: $0.out) }
        }
    }

    /// A path as the filesystem means it: absolute, without `.`/`..` or a trailing slash.
    static func folder(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    static func nested(_ a: String, _ b: String) -> Bool {
        a.hasPrefix(b.hasSuffix("/") ? b : b + "/") || b.hasPrefix(a.hasSuffix("/") ? a : a + "/")
    }

    /// `describe`'s lines for the plans: `plan` and `output.dir` for one, `plans[i].file` and
    /// `plans[i].out` for each plan of a list (after THIDUA_PLAN / THIDUA_OUT chose among them).
    func describePlans() -> [(String, String)] {
        guard !plans.isEmpty else {
            return [("output.dir", outDir), ("plan", planFile ?? "(built in: 251/KH-VKSTC)")]
        }
        guard let chosen = try? targets() else {
            return [("plans", "(the chosen plan or folder is not in the list)")]
        }
        return chosen.enumerated().flatMap { i, t in
            [("plans[\(i)].file", t.file ?? "(built in: 251/KH-VKSTC)"), ("plans[\(i)].out", t.out)]
        }
    }
}
