/// The value a key of a plan file holds (PLAN-LANGUAGE.md §1, §2), as the JSON Schema of `thidua
/// plan schema` describes it. The checker reads values with its own rules (ranges, names, types of
/// columns); this is the part of them a schema can say without the file's declarations.
indirect enum ValueShape: Sendable {
    /// Any scalar that is not a null text (§1).
    case text
    /// `[a-z][a-z0-9_]{0,44}` (§1); also a reference to a declared name.
    case id
    /// An int literal in the range (§2).
    case int(ClosedRange<Int>)
    /// An exact decimal with at most `places` decimals, within `range` when given (§2).
    case decimal(places: Int, range: ClosedRange<Int>?)
    /// `true` or `false` (§1).
    case bool
    /// A day expression (§4).
    case day
    /// A window name or an inline `[from, to]` (§4).
    case window
    /// An inline `[from, to]` (a `windows:` entry).
    case inlineWindow
    /// `{vi, en}` (§2).
    case label
    /// One of a closed list of codes.
    case code([String])
    /// A list; `minItems` 1 for a non-empty one, `unique` when each value may be written once.
    case list(ValueShape, minItems: Int, unique: Bool)
    /// A mapping whose keys are declared.
    case mapping(Mapping)
    /// A mapping from ids to values (`dates:`, `windows:`), with the names it must hold.
    case named(ValueShape, required: [String])
    /// A mapping from column names to texts (`output.column_docs`).
    case textMap
    /// A `where` (§5).
    case conditions
    /// One of the shapes.
    case anyOf([ValueShape])
    /// `language: 1` (§18).
    case languageVersion
}

/// A key of a mapping: its name (the checker accepts exactly the declared names, `unknown_key`
/// otherwise), its value and when it is required.
struct KeySpec: Sendable {
    let name: String
    let shape: ValueShape
    /// Required whatever the kind.
    let required: Bool
    /// The kinds the key applies to (`unknown_key` on another kind); nil: every kind.
    var kinds: [String]?
    /// The kinds that require it.
    var requiredFor: [String] = []
    /// A kind key of a mapping whose kind is the one kind key present (§6, §7, §10).
    var isKind = false
    let doc: String

    static func required(_ name: String, _ shape: ValueShape, _ doc: String) -> KeySpec {
        KeySpec(name: name, shape: shape, required: true, kinds: nil, doc: doc)
    }

    static func optional(_ name: String, _ shape: ValueShape, _ doc: String) -> KeySpec {
        KeySpec(name: name, shape: shape, required: false, kinds: nil, doc: doc)
    }

    /// A kind key: the mapping holds exactly one of its kind keys.
    static func kind(_ name: String, _ shape: ValueShape, _ doc: String) -> KeySpec {
        KeySpec(name: name, shape: shape, required: false, kinds: [name], isKind: true, doc: doc)
    }

    /// The key applies to these kinds only; `required` makes it required there.
    func only(_ kinds: [String], required: Bool = false) -> KeySpec {
        var k = self
        k.kinds = kinds
        k.requiredFor = required ? kinds : []
        return k
    }

    func applies(to kind: String) -> Bool { kinds?.contains(kind) ?? true }
}

/// How a mapping's kind is chosen.
enum KindRule: Sendable {
    /// No kinds.
    case none
    /// The value of a key (`kind: rate`, §8, §11); its shape is `.code` of the kinds.
    case byValue(key: String)
    /// The one kind key present (`count: R`, `expr: …`, §6, §7, §10).
    case byKey
}

/// A mapping of a plan file with its declared keys: the checker reads it against `keys` (in this
/// order, which its suggestions follow) and `thidua plan schema` describes it from the same table.
struct Mapping: Sendable {
    /// The definition's name in the schema (`$defs`).
    let name: String
    /// What messages call it ("a criterion").
    let what: String
    let doc: String
    let keys: [KeySpec]
    var kindRule: KindRule = .none
    /// The mapping holds exactly one entry (`{priority: c}`, `{column: c}`).
    var oneEntry = false

    var names: [String] { keys.map(\.name) }

    func key(_ name: String) -> KeySpec? { keys.first { $0.name == name } }

    /// Every kind: the kind key's codes, or the kind keys.
    var kinds: [String] {
        switch kindRule {
        case .none: return []
        case .byKey: return keys.filter(\.isKind).map(\.name)
        case .byValue(let key):
            if case .code(let codes)? = self.key(key)?.shape { return codes }
            return []
        }
    }

    /// Keys other than kind keys that do not apply to `kind`.
    func foreignKeys(for kind: String) -> [String] {
        keys.filter { !$0.isKind && !$0.applies(to: kind) }.map(\.name)
    }
}
