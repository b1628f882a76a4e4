import Foundation
import Yams

/// A position in the file: 1-based line and column, the column counting Unicode scalars (§17).
struct Pos: Sendable, Equatable, Comparable {
    var line: Int
    var column: Int
    static let start = Pos(line: 1, column: 1)
    static func < (a: Pos, b: Pos) -> Bool { (a.line, a.column) < (b.line, b.column) }
    init(line: Int, column: Int) { self.line = line; self.column = column }
    init(_ mark: Mark?) { self = mark.map { Pos(line: $0.line, column: $0.column) } ?? .start }
}

/// The plan file as the checker reads it: aliases expanded, every node with its position, scalars
/// as their text (§1: a scalar is read from its text against the type the key expects).
struct YNode: Sendable {
    enum Kind: Sendable {
        case scalar(String)
        case map([YEntry])
        case seq([YNode])
    }
    var pos: Pos
    var kind: Kind

    var scalar: String? { if case .scalar(let s) = kind { return s }; return nil }
    var entries: [YEntry]? { if case .map(let e) = kind { return e }; return nil }
    var items: [YNode]? { if case .seq(let i) = kind { return i }; return nil }
}

struct YEntry: Sendable {
    /// The key's text; a key that is not a scalar has none.
    var key: String?
    var keyPos: Pos
    var value: YNode
}

/// One step of a PATH (§17).
enum PathStep: Sendable, Equatable {
    case key(String)
    case index(Int)
}

/// A PATH of §17: 0-based indexes, keys joined with `.`, a key that is not a plain name bracketed and quoted.
struct Path: Sendable, Equatable {
    var steps: [PathStep] = []
    static let root = Path()

    func key(_ k: String) -> Path { var p = self; p.steps.append(.key(k)); return p }
    func index(_ i: Int) -> Path { var p = self; p.steps.append(.index(i)); return p }

    var text: String {
        var out = ""
        for step in steps {
            switch step {
            case .index(let i): out += "[\(i)]"
            case .key(let k):
                if Path.isPlainName(k) {
                    out += out.isEmpty ? k : "." + k
                } else {
                    let escaped = k.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                    out += "[\"\(escaped)\"]"
                }
            }
        }
        return out
    }

    /// `[A-Za-z_][A-Za-z0-9_]*`.
    static func isPlainName(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first else { return false }
        func letter(_ c: Unicode.Scalar) -> Bool { (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_" }
        return letter(first) && s.unicodeScalars.allSatisfy { letter($0) || ($0 >= "0" && $0 <= "9") }
    }
}

/// Reads the YAML layer of §1: syntax, duplicate keys, tags, merge keys and the node limit. Any
/// finding here is the only error of the file (§17).
enum YAMLReader {
    static let nodeLimit = 100_000

    struct Failure: Error {
        var pos: Pos
        var code: String
        var path: Path
        var message: String
    }

    /// The document's root, nil for an empty document.
    static func read(_ text: String) throws(Failure) -> YNode? {
        if let past = YAMLNodeCount.firstNodePast(nodeLimit, in: text) {
            throw Failure(pos: past.pos, code: "yaml_feature", path: past.path,
                          message: "the document holds more than \(nodeLimit) nodes with its aliases expanded")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw failure(error, text: text)
        } catch {
            throw Failure(pos: .start, code: "syntax", path: .root, message: "not valid YAML")
        }
        guard let root else { return nil }
        var budget = 0
        return try convert(root, path: .root, budget: &budget)
    }

    private static func failure(_ error: YamlError, text: String) -> Failure {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let ctx = context.map { "\($0.text) (line \($0.mark.line)), " } ?? ""
            return Failure(pos: Pos(mark), code: "syntax", path: .root, message: "not valid YAML: \(ctx)\(problem)")
        case .reader(let problem, let offset, _, _):
            return Failure(pos: position(ofCharacterOffset: offset ?? 0, in: text), code: "syntax", path: .root,
                           message: "not valid YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.map { "'\($0.prefix(80))'" }.joined(separator: ", ")
            let pos = Pos(context.mark)
            return Failure(pos: pos, code: "duplicate_key", path: duplicatePath(text, at: pos, name: duplicates.first ?? "") ?? .root,
                           message: "key \(names) appears more than once in this mapping")
        default:
            return Failure(pos: .start, code: "syntax", path: .root, message: "not valid YAML: \(error)")
        }
    }

    /// The line and column of the Character at `offset` (Yams reports reader errors so).
    static func position(ofCharacterOffset offset: Int, in text: String) -> Pos {
        var line = 1
        var column = 1
        for (i, ch) in text.enumerated() {
            if i >= offset { break }
            if ch == "\n" || ch == "\r\n" { line += 1; column = 1 } else { column += ch.unicodeScalars.count }
        }
        return Pos(line: line, column: column)
    }

    private static func convert(_ node: Node, path: Path, budget: inout Int) throws(Failure) -> YNode {
        budget += 1
        let pos = Pos(node.mark)
        if budget > nodeLimit {
            throw Failure(pos: pos, code: "yaml_feature", path: path,
                          message: "the document holds more than \(nodeLimit) nodes with its aliases expanded")
        }
        switch node {
        case .scalar(let s):
            let ok = s.tag.rawValue == Tag.Name.implicit.rawValue || (s.tag.rawValue == Tag.Name.str.rawValue && s.style != .plain)
            guard ok else { throw tagFailure(s.tag.rawValue, pos, path) }
            return YNode(pos: pos, kind: .scalar(s.string))
        case .sequence(let seq):
            guard seq.tag.rawValue == Tag.Name.implicit.rawValue else { throw tagFailure(seq.tag.rawValue, pos, path) }
            var items: [YNode] = []
            for (i, n) in seq.enumerated() { items.append(try convert(n, path: path.index(i), budget: &budget)) }
            return YNode(pos: pos, kind: .seq(items))
        case .mapping(let map):
            guard map.tag.rawValue == Tag.Name.implicit.rawValue else { throw tagFailure(map.tag.rawValue, pos, path) }
            var entries: [YEntry] = []
            var firstAt: [String: Pos] = [:]
            for (k, v) in map {
                budget += 1
                let keyPos = Pos(k.mark)
                var keyText: String?
                if case .scalar(let ks) = k {
                    keyText = ks.string
                    if ks.string == "<<" && ks.style == .plain {
                        throw Failure(pos: keyPos, code: "yaml_feature", path: path.key("<<"),
                                      message: "merge keys (<<) are not part of the plan language; write the entries out")
                    }
                    if let first = firstAt[ks.string] {
                        throw Failure(pos: first, code: "duplicate_key", path: path.key(ks.string),
                                      message: "key '\(ks.string.prefix(80))' appears more than once in this mapping")
                    }
                    firstAt[ks.string] = keyPos
                } else {
                    // A key that is not a scalar still counts its nodes.
                    budget += countNodes(k, limit: nodeLimit - budget)
                }
                let value = try convert(v, path: path.key(keyText ?? "?"), budget: &budget)
                entries.append(YEntry(key: keyText, keyPos: keyPos, value: value))
            }
            return YNode(pos: pos, kind: .map(entries))
        case .alias:
            // Yams resolves aliases while composing; an alias node never reaches here.
            return YNode(pos: pos, kind: .scalar(""))
        }
    }

    private static func tagFailure(_ tag: String, _ pos: Pos, _ path: Path) -> Failure {
        Failure(pos: pos, code: "yaml_feature", path: path,
                message: "explicit tags ('\(tag.prefix(60))') are not part of the plan language; remove the tag")
    }

    /// Counts nodes up to `limit` (+1), aliases expanded.
    private static func countNodes(_ node: Node, limit: Int) -> Int {
        var n = 0
        func walk(_ x: Node) {
            if n > limit { return }
            n += 1
            switch x {
            case .mapping(let m): for (k, v) in m { walk(k); walk(v) }
            case .sequence(let s): for i in s { walk(i) }
            default: break
            }
        }
        walk(node)
        return n
    }

    /// Yams stops at a duplicate key with the first key's position but no path: the path is found
    /// by changing one character of that key (and of any later duplicate) and composing again.
    private static func duplicatePath(_ text: String, at target: Pos, name: String) -> Path? {
        var lines = text.components(separatedBy: "\n").map { Array($0.unicodeScalars) }
        var mark = target
        for _ in 0..<20 {
            let l = mark.line - 1
            guard lines.indices.contains(l) else { return nil }
            var c = mark.column - 1
            guard lines[l].indices.contains(c) else { return nil }
            if lines[l][c] == "\"" || lines[l][c] == "'" { c += 1 }
            guard lines[l].indices.contains(c) else { return nil }
            lines[l][c] = "\u{A66A}"
            let changed = lines.map { String(String.UnicodeScalarView($0)) }.joined(separator: "\n")
            do {
                guard let root = try Yams.compose(yaml: changed) else { return nil }
                var visits = 0
                return find(target, in: root, path: .root, name: name, visits: &visits)
            } catch YamlError.duplicatedKeysInMapping(_, let context) {
                mark = Pos(context.mark)
            } catch {
                return nil
            }
        }
        return nil
    }

    private static func find(_ target: Pos, in node: Node, path: Path, name: String, visits: inout Int) -> Path? {
        visits += 1
        if visits > nodeLimit { return nil }
        switch node {
        case .mapping(let m):
            for (k, v) in m {
                guard case .scalar(let ks) = k else { continue }
                // The key at the target was changed at one scalar: its path takes the name Yams gave.
                if Pos(k.mark) == target { return path.key(name) }
                if let p = find(target, in: v, path: path.key(ks.string), name: name, visits: &visits) { return p }
            }
        case .sequence(let s):
            for (i, n) in s.enumerated() {
                if let p = find(target, in: n, path: path.index(i), name: name, visits: &visits) { return p }
            }
        default: break
        }
        return nil
    }
}
