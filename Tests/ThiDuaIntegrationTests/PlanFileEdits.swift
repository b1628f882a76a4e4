import Foundation
import Testing
import TestSupport
import ThiDuaCore

/// The shipped plan 251 file (`plans/251-KH-VKSTC.yaml`), the text tests edit into variants.
func shippedPlanText() throws -> String {
    try readRepositoryFile("plans/251-KH-VKSTC.yaml")
}

/// `text` with `original` replaced by `replacement`; records an issue unless `original` occurs
/// exactly once (so an edit cannot silently miss after the plan file changes).
func editing(_ text: String, _ original: String, _ replacement: String) -> String {
    let occurrences = text.components(separatedBy: original).count - 1
    #expect(occurrences == 1, "the plan has \(occurrences) times \(original)")
    return text.replacingOccurrences(of: original, with: replacement)
}

/// The plan text with the composite part `part`'s weight set to `weight` (`{part: P, weight: N`).
func replacingWeight(of part: String, with weight: String, in text: String) throws -> String {
    let pattern = try NSRegularExpression(pattern: "\\{part: \(NSRegularExpression.escapedPattern(for: part)), weight: [^,}]*")
    let range = NSRange(text.startIndex..., in: text)
    #expect(pattern.numberOfMatches(in: text, range: range) == 1, "composite part \(part)")
    return pattern.stringByReplacingMatches(in: text, range: range,
                                            withTemplate: NSRegularExpression.escapedTemplate(for: "{part: \(part), weight: \(weight)"))
}

extension TestRun {
    /// Every member of one bloc, in unit_metrics.csv order.
    func members(_ bloc: BlocID) -> [UnitView] {
        report.members.filter { $0.bloc == bloc }.map { UnitView(plan: plan, figures: $0) }
    }
}
