import Foundation
@testable import ThiDuaCore

/// One row of a fact relation as a condition sees it: its own columns, its parent row (§3 parent
/// lookup; `.none` when the relation has a parent link and the parent does not exist as of D), and
/// in a staff metric the link row joining it to the person (§7).
struct NaiveFact {
    var row: NaiveRow
    var hasParentLink: Bool
    var parent: NaiveRow?
    var link: NaiveRow?

    func read(_ operand: Operand) -> NaiveOperandValue {
        switch operand {
        case .column(let c): return .value(row[c])
        case .parent(let c):
            guard hasParentLink, let parent else { return .absent }
            return .value(parent[naiveColumnPart(c)])
        case .link(let c):
            guard let link else { return .value(nil) }
            return .value(link[naiveColumnPart(c)])
        case .staffColumn, .metric: return .value(nil)
        }
    }

    func intColumn(_ operand: Operand, _ column: String) -> Int? {
        switch operand {
        case .parent: return parent?.int(column)
        case .link: return link?.int(column)
        default: return row.int(column)
        }
    }
}

/// The warehouse's fact rows ready for conditions: parents attached, and each relation's rows
/// paired with the people they reach through the §3 staff link.
struct NaiveFacts {
    let warehouse: NaiveWarehouse

    /// The rows of a relation, each with its parent looked up (by the parent's key, among the
    /// parent rows that exist as of D).
    func facts(_ relation: String) -> [NaiveFact] {
        guard let r = WarehouseContract.relation(relation) else { return [] }
        var parents: [String: NaiveRow] = [:]
        if let p = r.parent, let pr = WarehouseContract.relation(p.relation), pr.key.count == 1 {
            for row in warehouse.relation(p.relation) {
                if let k = row.text(pr.key[0]), parents[k] == nil { parents[k] = row }
            }
        }
        return warehouse.relation(relation).map { row in
            var parent: NaiveRow?
            if let p = r.parent, let k = row.text(p.via) { parent = parents[k] }
            return NaiveFact(row: row, hasParentLink: r.parent != nil, parent: parent, link: nil)
        }
    }

    /// (index of the row in `facts(relation)`, person, fact with its link row) for every way a row
    /// reaches a staff member.
    func linked(_ relation: String) -> [(index: Int, person: String, fact: NaiveFact)] {
        guard let r = WarehouseContract.relation(relation), let link = r.staffLink else { return [] }
        let rows = facts(relation)
        var out: [(Int, String, NaiveFact)] = []
        switch link {
        case .column(let c):
            for (i, f) in rows.enumerated() {
                if let p = f.row.text(c) { out.append((i, p, f)) }
            }
        case .itself:
            for (i, f) in rows.enumerated() {
                if let p = f.row.text("staff_id") { out.append((i, p, f)) }
            }
        case .linkRelation(let name, let keyColumn):
            let links = warehouse.relation(name)
            for (i, f) in rows.enumerated() {
                guard let k = f.row.text(keyColumn) else { continue }
                for l in links where l.text(keyColumn) == k {
                    guard let p = l.text("staff_id") else { continue }
                    var g = f
                    g.link = l
                    out.append((i, p, g))
                }
            }
        }
        return out.map { (index: $0.0, person: $0.1, fact: $0.2) }
    }

    /// The identity of a row for "distinct rows by the relation's key" (§7): the contract key, or
    /// for `discipline` (read as it is) its §3 key (staff_id, from_on).
    static func distinctKey(_ relation: String, _ row: NaiveRow, index: Int) -> String {
        let key = WarehouseContract.relation(relation)?.key ?? []
        let columns = key.isEmpty ? (relation == "discipline" ? ["staff_id", "from_on"] : []) : key
        guard !columns.isEmpty else { return "#\(index)" }
        return columns.map { c in row[c].map { "\($0)" } ?? "NULL" }.joined(separator: "\u{1F}")
    }
}
