import Foundation
import TestSupport

/// The data dictionary of 0.4.0, frozen: its CSV headers (the first line of each CSV of the 0.4.0
/// run of the demo, 2026-03-15), docs/csv.md as committed at 0.4.0 (types, units, meanings, value
/// lists, keys) and the bounds, patterns and value lists of that run's datapackage.json
/// (Tests/fixtures/dictionary-0.4.0/).
enum Dictionary040 {
    static let headers: [String: [String]] = [
        "run": ["run_id", "as_of", "generated_at", "thidua_version", "plan_name", "plan_title", "period_start", "period_end",
                "window_end", "period_final", "e2e_priority_rate", "weight_e2e_rate", "weight_retro_rate", "weight_quality_rate",
                "weight_signature_rate", "weight_level5_rate", "weight_qlahs_training_met", "weight_ai_training_met", "weight_ai_products"],
        "unit_metrics": [
            "as_of", "bloc", "unit_id", "unit_name", "unit_kind", "headcount", "e2e_total", "e2e_done", "e2e_rate", "e2e_priority",
            "retro_total", "retro_entered", "retro_rate", "quality_total", "quality_clean", "quality_rate", "missing_field_records",
            "error_records", "stale_records", "docs_total", "docs_signed", "docs_electronic", "signature_rate", "e_record_rate",
            "qlahs_trainings", "ai_trainings", "qlahs_training_met", "ai_training_met", "qlahs_initiatives", "ai_products",
            "level5_staff", "level5_rate", "participation_rate", "proficiency_rate", "composite_score", "e2e_rank", "retro_rank",
            "quality_rank", "signature_rank", "level5_rank", "composite_rank", "active_staff", "period_final", "participating_staff",
            "proficient_staff", "leaders_and_prosecutors", "parent_id", "province_id", "points_e2e_rate", "points_retro_rate",
            "points_quality_rate", "points_signature_rate", "points_level5_rate", "points_qlahs_training_met",
            "points_ai_training_met", "points_ai_products", "e2e_to_priority", "retro_to_full", "participation_to_full",
            "e2e_to_first", "retro_to_first", "quality_to_first", "signature_to_first", "level5_to_first"],
        "staff_metrics": [
            "as_of", "bloc", "unit_id", "staff_id", "full_name", "role", "direct_worker", "cases_total", "cases_e2e", "stale_records",
            "error_records", "level_now", "level_cutoff", "study_minutes", "active_weeks", "weeks_in_period", "trainings_led",
            "core_group_member", "initiatives_recognized", "disciplined", "score", "rank"],
        "milestones": ["as_of", "bloc", "unit_id", "milestone", "deadline", "status", "value", "target", "completed_on", "projected_on",
                       "clause"],
        "award_shortlist": ["as_of", "bloc", "nominee_kind", "nominee_id", "nominee_name", "quota", "position", "status", "reason"],
        "dossiers": ["as_of", "dossier_id", "nominee_kind", "nominee_id", "award_level", "submitted_on", "status", "missing_parts",
                     "days_left"],
        "data_quality_records": ["as_of", "unit_id", "case_id", "prosecutor_id", "accepted_on", "problem", "missing_required_fields",
                                 "error_count", "last_updated_on"],
        "anomalies": ["as_of", "relation", "key", "problem", "detail"],
    ]

    /// The tables in file order.
    static let tableIDs = ["run", "unit_metrics", "staff_metrics", "milestones", "award_shortlist", "dossiers", "data_quality_records",
                           "anomalies"]

    /// run.csv of this version: 0.4.0's columns, then the individual score's weights.
    static let runHeader = headers["run"]! + ["cases_e2e", "clean_record", "level", "trainer_or_core", "initiative"].map { "individual_weight_" + $0 }

    struct DocColumn: Equatable {
        var name, type, unit, meaning, spec: String
        /// The "(one of: …)" list docs/csv.md appends to the meaning.
        var values: [String]?
    }

    struct DocTable {
        var id: String
        var rows: String
        var primaryKey: [String]
        var columns: [DocColumn]
    }

    /// docs/csv.md of 0.4.0, table by table.
    static let doc: [DocTable] = {
        let text = (try? readRepositoryFile("Tests/fixtures/dictionary-0.4.0/csv.md")) ?? ""
        var tables: [DocTable] = []
        for line in text.components(separatedBy: "\n") {
            if line.hasPrefix("## "), let r = line.range(of: ".csv — ") {
                tables.append(DocTable(id: String(line[line.index(line.startIndex, offsetBy: 3)..<r.lowerBound]),
                                       rows: String(line[r.upperBound...]), primaryKey: [], columns: []))
            } else if line.hasPrefix("Key: "), !tables.isEmpty {
                tables[tables.count - 1].primaryKey = line.dropFirst(5).dropLast().components(separatedBy: ", ")
                    .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "`")) }
            } else if line.hasPrefix("| "), !line.hasPrefix("| column |"), !tables.isEmpty {
                let cells = line.components(separatedBy: "|").dropFirst().dropLast().map { $0.trimmingCharacters(in: .whitespaces) }
                guard cells.count == 5 else { continue }
                var meaning = cells[3]
                var values: [String]?
                if let r = meaning.range(of: " (one of: ", options: .backwards), meaning.hasSuffix(")") {
                    values = meaning[r.upperBound...].dropLast().components(separatedBy: ", ")
                    meaning = String(meaning[..<r.lowerBound])
                }
                tables[tables.count - 1].columns.append(DocColumn(name: cells[0], type: cells[1], unit: cells[2], meaning: meaning,
                                                                  spec: cells[4], values: values))
            }
        }
        return tables
    }()

    static func doc(_ table: String, _ column: String) -> DocColumn? {
        doc.first { $0.id == table }?.columns.first { $0.name == column }
    }

    /// One field of the 0.4.0 run's datapackage.json: frictionless type and constraints as text.
    struct Field: Equatable {
        var type: String
        var minimum: String?
        var maximum: String?
        var pattern: String?
        var values: [String]?
    }

    /// Per table, per column.
    static let fields: [String: [String: Field]] = {
        guard let text = try? readRepositoryFile("Tests/fixtures/dictionary-0.4.0/constraints.json"),
              let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
              let resources = object["resources"] as? [[String: Any]] else { return [:] }
        func number(_ v: Any?) -> String? { (v as? NSNumber).map { "\($0.intValue)" } }
        var out: [String: [String: Field]] = [:]
        for r in resources {
            guard let name = r["name"] as? String, let list = r["fields"] as? [[String: Any]] else { continue }
            var table: [String: Field] = [:]
            for f in list {
                guard let column = f["name"] as? String, let type = f["type"] as? String else { continue }
                let c = f["constraints"] as? [String: Any] ?? [:]
                table[column] = Field(type: type, minimum: number(c["minimum"]), maximum: number(c["maximum"]),
                                      pattern: c["pattern"] as? String, values: c["enum"] as? [String])
            }
            out[name] = table
        }
        return out
    }()
}
