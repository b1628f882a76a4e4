/// One staff member's facts, aggregated in SQL (SPEC §4.5); also the source of the staff-based unit
/// counts (level 5, participation, proficiency).
public struct StaffFacts: Sendable, Equatable {
    public var staffID: String
    public var fullName: String
    public var unitID: String
    /// The role as the warehouse wrote it (printed in staff_metrics.csv), and as a type: nil for an
    /// unknown role, which is listed in anomalies.csv (unknown_role) and counts as no role.
    public var roleText: String
    public var role: StaffRole? { StaffRole(rawValue: roleText) }
    public var directWorker: Bool
    public var active: Bool
    /// As prosecutor: records in the e2e window, and of those end-to-end.
    public var casesTotal = 0, casesE2E = 0
    /// As prosecutor, among quality records.
    public var staleRecords = 0, errorRecords = 0
    /// Latest level on or before E, and on or before min(E, luyenai_cutoff).
    public var levelNow: Int?, levelAtCutoff: Int?
    public var studyMinutes = 0, activeWeeks = 0
    /// First day with minutes > 0, on or before E.
    public var firstStudy: Day?
    /// Σ actions over the proficiency window ending at E.
    public var actionsE = 0
    public var trainingsLed = 0
    public var coreGroupMember = false
    public var initiativesRecognized = 0
    public var disciplined = false

    public init(staffID: String, fullName: String, unitID: String, role: String, directWorker: Bool, active: Bool) {
        self.staffID = staffID
        self.fullName = fullName
        self.unitID = unitID
        self.roleText = role
        self.directWorker = directWorker
        self.active = active
    }

    public var isLeaderOrProsecutor: Bool { role?.usesPlatform ?? false }

    /// III.1.2 "không để tồn đọng … sai sót": no stale and no error record as prosecutor.
    public var hasNoBacklogOrErrors: Bool { staleRecords == 0 && errorRecords == 0 }
}
