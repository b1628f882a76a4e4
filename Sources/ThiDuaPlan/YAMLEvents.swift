import CYaml

/// §1's node limit, counted on libyaml's event stream before Yams composes the document: each
/// anchor's expanded size is remembered, so an alias costs one addition however large its
/// expansion. Yams hashes mapping keys whole when it looks for duplicates; counting first keeps a
/// document whose expansion passes 100 000 nodes from reaching that hashing at all.
enum YAMLNodeCount {
    private struct Frame {
        var isMapping: Bool
        var anchor: String?
        /// Expanded nodes of this collection so far, itself included.
        var size = 1
        /// Children completed so far (a mapping counts keys and values).
        var children = 0
        /// The text of the key whose value is being read (mappings).
        var key: String?
    }

    /// The first node at which the expanded count passes `limit`, with its PATH; nil when it never
    /// does, or when libyaml refuses the text (composing reports that).
    static func firstNodePast(_ limit: Int, in text: String) -> (pos: Pos, path: Path)? {
        var bytes = Array(text.utf8)
        bytes.append(0)
        return bytes.withUnsafeBufferPointer { buffer -> (pos: Pos, path: Path)? in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return nil }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count - 1)
            return walk(&parser, limit)
        }
    }

    private static func walk(_ parser: inout yaml_parser_t, _ limit: Int) -> (pos: Pos, path: Path)? {
        var sizes: [String: Int] = [:]
        var stack: [Frame] = []
        var total = 0
        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
            defer { yaml_event_delete(&event) }
            let pos = Pos(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
            var completed: (size: Int, key: String?)?
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return nil
            case YAML_SCALAR_EVENT:
                let s = event.data.scalar
                let text = s.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: s.length), as: UTF8.self) }
                if let a = name(s.anchor) { sizes[a] = 1 }
                completed = (1, text)
            case YAML_ALIAS_EVENT:
                completed = (name(event.data.alias.anchor).flatMap { sizes[$0] } ?? 1, nil)
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                total += 1
                if total > limit { return (pos, path(stack)) }
                let anchor = event.type == YAML_SEQUENCE_START_EVENT ? name(event.data.sequence_start.anchor) : name(event.data.mapping_start.anchor)
                stack.append(Frame(isMapping: event.type == YAML_MAPPING_START_EVENT, anchor: anchor))
                continue
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let frame = stack.popLast() else { return nil }
                if let a = frame.anchor { sizes[a] = frame.size }
                complete(&stack, size: frame.size, key: nil)
                continue
            default:
                continue
            }
            if let (size, key) = completed {
                let (sum, overflow) = total.addingReportingOverflow(size)
                total = overflow ? Int.max : sum
                if total > limit { return (pos, path(stack)) }
                complete(&stack, size: size, key: key)
            }
        }
    }

    private static func complete(_ stack: inout [Frame], size: Int, key: String?) {
        guard !stack.isEmpty else { return }
        let i = stack.count - 1
        let (sum, overflow) = stack[i].size.addingReportingOverflow(size)
        stack[i].size = overflow ? Int.max : sum
        if stack[i].isMapping {
            stack[i].key = stack[i].children % 2 == 0 ? (key ?? "?") : nil
        }
        stack[i].children += 1
    }

    /// The PATH of the node about to be read.
    private static func path(_ stack: [Frame]) -> Path {
        var p = Path.root
        for f in stack {
            if f.isMapping {
                if f.children % 2 == 1 { p = p.key(f.key ?? "?") }
            } else {
                p = p.index(f.children)
            }
        }
        return p
    }

    private static func name(_ pointer: UnsafeMutablePointer<UInt8>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}
