import Foundation
import ThiDuaCore

/// §12 quotas, shortlist, eligibility, dossiers, records to fix; §13 `blocs.sub_kinds`.
extension PlanChecker {
    func readBlocs(_ top: MapView) {
        guard let node = top.value("blocs") else { return }
        guard let m = map(node, top.path.key("blocs"), PlanGrammar.blocs),
              let n = require(m, "sub_kinds"), let items = list(n, m.path.key("sub_kinds"), what: "sub_kinds") else { subKinds = nil; return }
        var kinds: [UnitKind] = []
        for (i, item) in items.enumerated() {
            guard let s = text(item, m.path.key("sub_kinds").index(i), what: "department or regional") else { subKinds = nil; continue }
            guard PlanGrammar.subKinds.contains(s), let k = UnitKind(rawValue: s), !kinds.contains(k) else {
                error("value_type", item.pos, m.path.key("sub_kinds").index(i), "\(quoted(s)) is not department or regional (each once)")
                subKinds = nil
                continue
            }
            kinds.append(k)
        }
        if subKinds != nil { subKinds = kinds }
    }

    func readQuotas(_ top: MapView) {
        guard let node = require(top, "quotas"),
              let m = map(node, top.path.key("quotas"), PlanGrammar.quotas) else { return }
        let p = m.path
        var share: Decimal?
        if let n = require(m, "collective_share"), let d = decimal(n, p.key("collective_share"), maxPlaces: 9, what: "a share") {
            if d.negative || (d.exact.map { $0 > Fraction.one } ?? true) {
                error("rate_range", n.pos, p.key("collective_share"), "collective_share must lie in 0…1")
            } else {
                share = d.decimal
            }
        }
        var rounding: Quotas.Rounding?
        if let n = require(m, "collective_rounding"), let s = text(n, p.key("collective_rounding"), what: "down, nearest or up") {
            rounding = PlanGrammar.roundings.contains(s) ? Quotas.Rounding(rawValue: s) : nil
            if rounding == nil {
                error("value_type", n.pos, p.key("collective_rounding"), "\(quoted(s)) is not down, nearest or up\(suggestion(s, PlanGrammar.roundings))")
            }
        }
        let perSPP = require(m, "individual_per_spp_unit").flatMap { int($0, p.key("individual_per_spp_unit"), 0...1_000_000, what: "a quota") }
        let tiers = require(m, "individual_provincial").flatMap { tierList($0, p.key("individual_provincial")) }
        guard let share, let rounding, let perSPP, let tiers else { return }
        quotas = Quotas(collectiveShare: share, collectiveRounding: rounding, individualPerSPPUnit: perSPP, individualProvincialTiers: tiers)
    }

    private func tierList(_ node: YNode, _ path: Path) -> [(maxHeadcount: Int?, quota: Int)]? {
        guard let items = list(node, path, what: "tiers {max_headcount, quota}") else { return nil }
        guard !items.isEmpty else {
            error("quota_tiers", node.pos, path, "at least one tier: the last one without max_headcount")
            return nil
        }
        var out: [(maxHeadcount: Int?, quota: Int)] = []
        var ok = true
        var previous: Int?
        for (i, item) in items.enumerated() {
            let p = path.index(i)
            guard let m = map(item, p, PlanGrammar.tier) else { ok = false; continue }
            let quota = require(m, "quota").flatMap { int($0, p.key("quota"), 0...1_000_000, what: "a quota") }
            var max: Int??  = .some(nil)
            if let n = m.value("max_headcount") { max = int(n, p.key("max_headcount"), 0...1_000_000_000, what: "max_headcount").map { .some($0) } }
            guard let quota, let max else { ok = false; continue }
            let last = i == items.count - 1
            if last && max != nil {
                error("quota_tiers", item.pos, p, "the last tier takes every larger headcount: leave out its max_headcount")
                ok = false
            } else if !last && max == nil {
                error("quota_tiers", item.pos, p, "only the last tier may leave out max_headcount")
                ok = false
            } else if let mx = max, let prev = previous, mx <= prev {
                error("quota_tiers", item.pos, p, "tiers must rise: max_headcount \(mx) is not above \(prev)")
                ok = false
            }
            if let mx = max { previous = mx }
            out.append((max, quota))
        }
        return ok ? out : nil
    }

    func readShortlist(_ top: MapView) {
        guard let node = require(top, "shortlist"),
              let m = map(node, top.path.key("shortlist"), PlanGrammar.shortlist) else { return }
        if let u = require(m, "units"), let um = map(u, m.path.key("units"), PlanGrammar.unitOrder),
           let o = require(um, "order"), let items = list(o, um.path.key("order"), what: "order keys") {
            let keys = items.enumerated().map { unitOrderKey($0.element, um.path.key("order").index($0.offset)) }
            if keys.allSatisfy({ $0 != nil }) { unitOrder = keys.compactMap { $0 } }
        }
        if let s = require(m, "staff"), let sm = map(s, m.path.key("staff"), PlanGrammar.staffOrder),
           let o = require(sm, "order"), let items = list(o, sm.path.key("order"), what: "order keys") {
            let keys = items.enumerated().map { staffOrderKey($0.element, sm.path.key("order").index($0.offset)) }
            if keys.allSatisfy({ $0 != nil }) { staffOrder = keys.compactMap { $0 } }
        }
    }

    private func unitOrderKey(_ node: YNode, _ p: Path) -> UnitOrderKey? {
        if let s = node.scalar {
            guard PlanGrammar.unitOrderWords.contains(s) else {
                error("value_type", node.pos, p, "\(quoted(s)) is not an order key: composite, {priority: c} or {met: c}\(suggestion(s, PlanGrammar.unitOrderWords))")
                return nil
            }
            return .composite
        }
        guard let m = map(node, p, PlanGrammar.unitOrderKey) else { return nil }
        guard m.entries.count == 1, let e = m.entries.first, let k = e.key else {
            error("value_type", node.pos, p, "an order key is composite, {priority: c} or {met: c}")
            return nil
        }
        guard let i = criterionRef(e.value, p.key(k)) else { return nil }
        guard let c = criteria[i] else { return nil }
        if k == "priority" {
            guard c.rate?.priorityAt != nil else {
                error("kind_mismatch", e.value.pos, p.key(k), "\(quoted(c.id)) is not a rate with priority_at")
                return nil
            }
            return .priority(criterion: i)
        }
        guard case .atLeast = c.kind else {
            error("kind_mismatch", e.value.pos, p.key(k), "\(quoted(c.id)) is not an at_least criterion")
            return nil
        }
        return .met(criterion: i)
    }

    private func staffOrderKey(_ node: YNode, _ p: Path) -> StaffOrderKey? {
        if let s = node.scalar {
            guard PlanGrammar.staffOrderWords.contains(s) else {
                error("value_type", node.pos, p, "\(quoted(s)) is not an order key: direct_worker, score or {flag: m}\(suggestion(s, PlanGrammar.staffOrderWords))")
                return nil
            }
            return s == "score" ? .score : .directWorker
        }
        guard let m = map(node, p, PlanGrammar.staffOrderKey), let n = require(m, "flag") else { return nil }
        return staffValue(n, p.key("flag"), boolean: true).map { .flag($0) }
    }

    /// A name of §10: the staff metric of that id, else a `when` part of the score.
    func staffValue(_ node: YNode, _ path: Path, boolean: Bool) -> StaffValueRef? {
        guard let s = text(node, path, what: "a staff metric or when part") else { return nil }
        if metricNames.lookup(s) != nil {
            return (boolean ? metricRef(node, path, type: .bool, why: "a flag") : metricRef(node, path)).map { .metric($0) }
        }
        if let i = scoreNames.lookup(s) {
            guard let part = score[i] else { return nil }
            guard case .when = part.kind else {
                error("kind_mismatch", node.pos, path, "the score part \(quoted(s)) is not a when part")
                return nil
            }
            return .scorePart(i)
        }
        error("unknown_metric", node.pos, path, "no staff metric or when part named \(quoted(s))\(suggestion(s, metricNames.names + scoreNames.names))")
        return nil
    }

    func readEligibility(_ top: MapView) {
        let path = top.path.key("eligibility")
        guard let node = require(top, "eligibility"), let items = list(node, path, what: "eligibility rules") else { incomplete = true; return }
        for (i, item) in items.enumerated() {
            let p = path.index(i)
            guard let m = map(item, p, PlanGrammar.eligibilityRule) else {
                eligibility.append(nil); continue
            }
            let reason = require(m, "reason").flatMap { id($0, p.key("reason")) }
            let flagIndex = require(m, "staff_flag").flatMap { metricRef($0, p.key("staff_flag"), type: .bool, why: "staff_flag") }
            let label = optionalLabel(m)
            var excludes: Set<String>?
            if let n = require(m, "excludes"), let list = list(n, p.key("excludes"), what: "excludes: staff, units", nonEmpty: true) {
                var set = Set<String>()
                for (j, x) in list.enumerated() {
                    guard let s = text(x, p.key("excludes").index(j), what: "staff or units") else { continue }
                    if PlanGrammar.excludable.contains(s) { set.insert(s) } else {
                        error("value_type", x.pos, p.key("excludes").index(j), "\(quoted(s)) is not staff or units")
                    }
                }
                excludes = set.isEmpty ? nil : set
            }
            guard let reason, let flagIndex, let label, let excludes else { eligibility.append(nil); continue }
            eligibility.append(EligibilityRule(reason: reason, staffFlag: flagIndex, excludesStaff: excludes.contains("staff"),
                                               excludesUnits: excludes.contains("units"), label: label))
        }
    }

    func readDossiers(_ top: MapView) {
        guard let node = require(top, "dossiers"),
              let m = map(node, top.path.key("dossiers"), PlanGrammar.dossiers) else { return }
        let p = m.path
        let deadline = require(m, "deadline").flatMap { staticDay($0, p.key("deadline")) }
        let parts = require(m, "parts").flatMap { codes($0, p.key("parts"), PlanGrammar.dossierParts, inOrder: true) }
        let levels = require(m, "decided_at_unit").flatMap { codes($0, p.key("decided_at_unit"), PlanGrammar.unitLevels, inOrder: false) }
        guard let deadline, let parts, let levels else { return }
        dossiers = DossierRules(deadline: deadline, parts: parts, decidedAtUnit: levels)
    }

    /// A list of codes from `allowed`, each once (in `allowed`'s order when `inOrder`).
    private func codes(_ node: YNode, _ path: Path, _ allowed: [String], inOrder: Bool) -> [String]? {
        guard let items = list(node, path, what: "a list of \(allowed.joined(separator: ", "))") else { return nil }
        var out: [String] = []
        var ok = true
        for (i, item) in items.enumerated() {
            guard let s = text(item, path.index(i), what: "one of \(allowed.joined(separator: ", "))") else { ok = false; continue }
            guard let at = allowed.firstIndex(of: s), !out.contains(s) else {
                error("value_type", item.pos, path.index(i), "\(quoted(s)) is not one of \(allowed.joined(separator: ", ")) (each once)\(suggestion(s, allowed))")
                ok = false
                continue
            }
            if inOrder, let last = out.last, let lastAt = allowed.firstIndex(of: last), at < lastAt {
                error("value_type", item.pos, path.index(i), "write the parts in the order \(allowed.joined(separator: ", "))")
                ok = false
                continue
            }
            out.append(s)
        }
        return ok ? out : nil
    }

    func readRecordsToFix(_ top: MapView) {
        let path = top.path.key("records_to_fix")
        guard let node = top.value("records_to_fix") else { return }
        guard let items = list(node, path, what: "records to fix") else { incomplete = true; return }
        var names = Namespace()
        for (i, item) in items.enumerated() {
            let p = path.index(i)
            guard let m = map(item, p, PlanGrammar.recordProblem) else {
                recordsToFix.append(nil); continue
            }
            let problem = declareID(&names, m, item: i, what: "problem", key: "problem")
            let label = optionalLabel(m)
            var index: Int?
            if let n = require(m, "measure"), let ref = measureRef(n, p.key("measure")) {
                if case .measure(let j) = ref, let mj = measures[j] {
                    if case .rows("case_record", _) = mj.kind { index = j } else {
                        error("kind_mismatch", n.pos, p.key("measure"), "a record problem needs a count: case_record measure")
                    }
                } else if ref == .headcount {
                    error("kind_mismatch", n.pos, p.key("measure"), "a record problem needs a count: case_record measure")
                }
            }
            guard let problem, let label, let index else { recordsToFix.append(nil); continue }
            recordsToFix.append(RecordProblem(problem: problem, measure: index, label: label))
        }
    }
}
