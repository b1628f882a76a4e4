import Foundation
import TestSupport
@testable import ThiDuaCore

/// A day expression the generator made, with what §4 says of it.
struct GenDay {
    var expr: DayExpr
    var text: String
    /// Independent of D and E.
    var isStatic: Bool
    /// Always ≤ D (§4 D-bounded).
    var dBounded: Bool
}

/// Random draws (SplitMix64 of TestSupport, so a seed replays the same plan and warehouse).
struct GenRandom {
    var rng: SeededGenerator

    init(seed: UInt64) { rng = SeededGenerator(seed: seed) }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(rng.next() % UInt64(range.upperBound - range.lowerBound + 1))
    }

    mutating func chance(_ p: Double) -> Bool { Double(rng.next() % 10_000) / 10_000 < p }

    mutating func pick<T>(_ xs: [T]) -> T { xs[int(0...(xs.count - 1))] }

    mutating func shuffled<T>(_ xs: [T]) -> [T] {
        var out = xs
        for i in out.indices.reversed() where i > 0 { out.swapAt(i, int(0...i)) }
        return out
    }

    /// A random subset, in the original order.
    mutating func subset<T>(_ xs: [T], p: Double = 0.5) -> [T] { xs.filter { _ in chance(p) } }

    /// `n` non-negative integers summing to `total` (weights in ten-thousandths).
    mutating func parts(_ n: Int, summingTo total: Int) -> [Int] {
        var cuts = (0..<(n - 1)).map { _ in chance(0.15) ? 0 : int(0...total) }.sorted()
        cuts = [0] + cuts + [total]
        return (0..<n).map { cuts[$0 + 1] - cuts[$0] }
    }
}

/// The days and windows of a generated plan (§4): named days (static, D-bounded or neither),
/// named windows, and inline expressions built from them.
struct GenCalendar {
    var days: [NamedDay] = []
    var info: [GenDay] = []
    var windows: [NamedWindow] = []
    var windowBounded: [Bool] = []

    static let earliest = Day(year: 2025, month: 6, day: 1)!
    static let latest = Day(year: 2027, month: 6, day: 30)!

    /// The value of a static expression (never reads D or E).
    func value(_ e: DayExpr) -> Day {
        switch e {
        case .date(let d): return d
        case .named(let i): return value(days[i].expr)
        case .asOf, .windowEnd: return GenCalendar.earliest
        case .contractStart: return WarehouseContract.contractStart
        case .contractEnd: return WarehouseContract.contractEnd
        case .offset(let b, let n): return value(b).adding(days: n)
        case .min(let a, let b): return min(value(a), value(b))
        case .max(let a, let b): return max(value(a), value(b))
        }
    }

    mutating func add(_ id: String, _ d: GenDay) {
        days.append(NamedDay(id: id, expr: d.expr, text: d.text, isStatic: d.isStatic))
        info.append(d)
    }

    func named(_ i: Int) -> GenDay {
        GenDay(expr: .named(i), text: days[i].id, isStatic: info[i].isStatic, dBounded: info[i].dBounded)
    }

    static func date(_ d: Day) -> GenDay { GenDay(expr: .date(d), text: "\(d)", isStatic: true, dBounded: false) }
    static let d = GenDay(expr: .asOf, text: "D", isStatic: false, dBounded: true)
    static let e = GenDay(expr: .windowEnd, text: "E", isStatic: false, dBounded: true)

    func staticDate(_ r: inout GenRandom) -> Day {
        GenCalendar.earliest.adding(days: r.int(0...GenCalendar.earliest.days(to: GenCalendar.latest)))
    }

    /// A static day: a date, a static name, or a static name ± days (staying in 2025–2027).
    func staticDay(_ r: inout GenRandom) -> GenDay {
        let statics = info.indices.filter { info[$0].isStatic }
        switch r.int(0...3) {
        case 0 where !statics.isEmpty: return named(r.pick(statics))
        case 1 where !statics.isEmpty:
            let b = named(r.pick(statics)), n = r.int(0...90)
            let minus = value(b.expr).adding(days: -n) >= GenCalendar.earliest && r.chance(0.5)
            return GenDay(expr: .offset(b.expr, days: minus ? -n : n), text: "\(b.text) \(minus ? "-" : "+") \(n)d", isStatic: true, dBounded: false)
        default: return GenCalendar.date(staticDate(&r))
        }
    }

    /// A D-bounded day (§4): D, E, b − Nd, min(b, x), min(x, b), max(b1, b2), a D-bounded name.
    func boundedDay(_ r: inout GenRandom, depth: Int = 0) -> GenDay {
        let names = info.indices.filter { info[$0].dBounded }
        switch depth > 1 ? r.int(0...1) : r.int(0...6) {
        case 0: return GenCalendar.d
        case 1: return GenCalendar.e
        case 2:
            // Now and then a century back: a dynamic day before 2000, used as it is (§4).
            let b = boundedDay(&r, depth: depth + 1), n = r.chance(0.05) ? 36_600 : r.int(0...60)
            return GenDay(expr: .offset(b.expr, days: -n), text: "\(b.text) - \(n)d", isStatic: false, dBounded: true)
        case 3:
            let b = boundedDay(&r, depth: depth + 1), x = anyDay(&r, depth: depth + 1)
            return r.chance(0.5)
                ? GenDay(expr: .min(b.expr, x.expr), text: "min(\(b.text), \(x.text))", isStatic: false, dBounded: true)
                : GenDay(expr: .min(x.expr, b.expr), text: "min(\(x.text), \(b.text))", isStatic: false, dBounded: true)
        case 4:
            let a = boundedDay(&r, depth: depth + 1), b = boundedDay(&r, depth: depth + 1)
            return GenDay(expr: .max(a.expr, b.expr), text: "max(\(a.text), \(b.text))", isStatic: false, dBounded: true)
        default:
            return names.isEmpty ? GenCalendar.e : named(r.pick(names))
        }
    }

    /// Any day: static, D-bounded, or neither (E + Nd, max(E, x), contract_end …).
    func anyDay(_ r: inout GenRandom, depth: Int = 0) -> GenDay {
        switch depth > 1 ? r.int(0...1) : r.int(0...6) {
        case 0: return staticDay(&r)
        case 1: return boundedDay(&r, depth: depth + 1)
        case 2: return info.isEmpty ? GenCalendar.e : named(r.int(0...(info.count - 1)))
        case 3:
            let n = r.chance(0.05) ? 36_600 : r.int(0...40)
            return GenDay(expr: .offset(.windowEnd, days: n), text: "E + \(n)d", isStatic: false, dBounded: n == 0)
        case 4:
            let x = staticDay(&r)
            return GenDay(expr: .max(.windowEnd, x.expr), text: "max(E, \(x.text))", isStatic: false, dBounded: false)
        case 5:
            return r.chance(0.5) ? GenDay(expr: .contractStart, text: "contract_start", isStatic: true, dBounded: false)
                : GenDay(expr: .contractEnd, text: "contract_end", isStatic: true, dBounded: false)
        default:
            let n = r.int(0...40)
            return GenDay(expr: .offset(.asOf, days: n), text: "D + \(n)d", isStatic: false, dBounded: n == 0)
        }
    }

    private func make(_ from: GenDay, _ to: GenDay, name: String?) -> WindowExpr {
        var (f, t) = (from, to)
        if f.isStatic && t.isStatic && value(f.expr) > value(t.expr) { swap(&f, &t) }
        return WindowExpr(from: f.expr, to: t.expr, name: name, fromText: f.text, toText: t.text)
    }

    mutating func addWindow(_ id: String, _ r: inout GenRandom, bounded: Bool) {
        let from = anyDay(&r), to = bounded ? boundedDay(&r) : anyDay(&r)
        let w = make(from, to, name: id)
        windows.append(NamedWindow(id: id, window: w))
        windowBounded.append(bounded || (to.dBounded && !(from.isStatic && to.isStatic && value(from.expr) > value(to.expr))))
    }

    /// A window: a named one, or inline [from, to]; D-bounded (its `to` always ≤ D) when asked.
    func window(_ r: inout GenRandom, bounded: Bool) -> WindowExpr {
        let named = windows.indices.filter { !bounded || windowBounded[$0] }
        if !named.isEmpty && r.chance(0.5) { return windows[r.pick(named)].window }
        return make(anyDay(&r), bounded ? boundedDay(&r) : anyDay(&r), name: nil)
    }

    /// `dates:` and `windows:` of a plan: period_start, period_end first.
    mutating func generate(_ r: inout GenRandom) {
        let start = Day(year: 2025, month: 9, day: 1)!.adding(days: r.int(0...210))
        add("period_start", GenCalendar.date(start))
        add("period_end", GenCalendar.date(start.adding(days: r.int(60...400))))
        for i in 0..<r.int(1...4) {
            let d: GenDay
            switch r.int(0...2) {
            case 0: d = staticDay(&r)
            case 1: d = boundedDay(&r)
            default: d = anyDay(&r)
            }
            add("day\(i)", d)
        }
        for i in 0..<r.int(1...3) { addWindow("win\(i)", &r, bounded: r.chance(0.5)) }
    }
}
