import Foundation

/// A page model value as the compiled page renderer reads it (issue 24): the view model's
/// `[String: Any]` turned, once, into a typed tree, so rendering never casts `Any`.
///
/// Each case behaves as the swift-mustache value it stands for:
/// `string` and `number` print their text and, as a section, are pushed on the context stack;
/// `bool` prints `true`/`false` and, as a section, renders its body in the same context when true;
/// `list` renders its body once per element (an empty list is falsy); `object` is looked up by key;
/// `null` (an `NSNull`) reads as a missing value but stops the look-up up the stack.
enum PageValue: Sendable {
    case string(String)
    case bool(Bool)
    /// Any other scalar (a number, a nil optional …): its `String(describing:)` text.
    case number(String)
    case list([PageValue])
    case object([String: PageValue])
    case null

    /// The model with every text as a page may show it: the rules of `HTMLReport.sanitized`
    /// (`pageText` on each string but the pre-rendered SVG under `chart` and `spark`; the label
    /// catalogue `l` kept as it is), in the same one walk that builds the typed tree.
    init(sanitizing value: Any, key: String = "") {
        self.init(value, key: key, sanitize: true)
    }

    private init(_ value: Any, key: String, sanitize: Bool) {
        switch value {
        case let s as String:
            self = .string(sanitize && key != "chart" && key != "spark" ? pageText(s) : s)
        case let d as [String: Any]:
            let clean = sanitize && key != "l"
            var out: [String: PageValue] = [:]
            out.reserveCapacity(d.count)
            for (k, v) in d { out[k] = PageValue(v, key: k, sanitize: clean) }
            self = .object(out)
        case let a as [Any]:
            self = .list(a.map { PageValue($0, key: key, sanitize: sanitize) })
        case let b as Bool:
            self = .bool(b)
        case is NSNull:
            self = .null
        case let o as OptionalValue:
            if let wrapped = o.wrappedValue {
                self.init(wrapped, key: key, sanitize: sanitize)
            } else {
                self = .number("nil")
            }
        default:
            self = .number(String(describing: value))
        }
    }

    /// The value under `name` when this is an object.
    @inline(__always)
    func child(_ name: String) -> PageValue? {
        if case .object(let d) = self { return d[name] }
        return nil
    }

    /// The text a variable tag prints (before escaping): as swift-mustache's `String(describing:)`
    /// of the value; a list or an object prints as Swift prints an array or a dictionary (a
    /// dictionary's key order is unspecified there too).
    var text: String {
        switch self {
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .number(let s): return s
        case .list, .object, .null: return debugText
        }
    }

    /// The text of the value inside a printed array or dictionary (Swift's `debugPrint`).
    private var debugText: String {
        switch self {
        case .string(let s): return s.debugDescription
        case .bool, .number: return text
        case .list(let a): return "[" + a.map(\.debugText).joined(separator: ", ") + "]"
        case .object(let d):
            guard !d.isEmpty else { return "[:]" }
            return "[" + d.map { "\($0.key.debugDescription): \($0.value.debugText)" }.joined(separator: ", ") + "]"
        case .null: return "<null>"
        }
    }
}

/// An `Optional` seen through `Any`, to unwrap it.
private protocol OptionalValue {
    var wrappedValue: Any? { get }
}

extension Optional: OptionalValue {
    fileprivate var wrappedValue: Any? { map { $0 as Any } }
}
