import Foundation
import ThiDuaConfig
import ThiDuaCore
import ThiDuaJob
import ThiDuaPublish

/// `thidua run` with the configuration's `plans:` (issue 23): each plan in order, loaded and checked,
/// then run as a `NightlyRun` of its own — its own snapshot, output folder, lock, staging and
/// retention. A plan that fails (a bad file, the gate, the warehouse) is logged with its exit code
/// and the next plan runs; the process exits with the worst code (`ExitStatus.worst`). Every log
/// line of a plan's run carries `plan=` (its name, or its file when it cannot be loaded); the
/// metrics file (`PlanMetrics`) is rewritten after each plan.
struct PlanBatch {
    var settings: Settings
    var targets: [PlanTarget]
    var asOf: Day
    var force: Bool
    var log: EventLog
    var progress: RunProgress = .shared

    /// Runs every plan; returns the exit code of the whole run.
    func run() -> Int32 {
        var records: [PlanRunRecord] = []
        var codes: [Int32] = []
        for (i, target) in targets.enumerated() {
            if progress.stopWasRequested {
                for rest in targets[i...] {
                    log.naming(plan: rest.file ?? builtInPlanLabel).error(
                        "not_run", "not run: the job was stopped by a signal", [("exit_code", String(ExitStatus.tempFailure.rawValue))])
                    codes.append(ExitStatus.tempFailure.rawValue)
                }
                break
            }
            let record = runOne(target)
            progress.runEnded()
            records.append(record)
            codes.append(record.exitCode)
            writeMetrics(records)
        }
        let worst = ExitStatus.worst(codes)
        let failed = codes.filter { $0 != 0 }.count
        if failed > 0 {
            log.failure("\(failed) of \(targets.count) plan(s) did not publish (see the lines above); exit \(worst)", exitCode: worst)
        }
        return worst
    }

    /// One plan: load and check it, run it; its record for the metrics file.
    private func runOne(_ target: PlanTarget) -> PlanRunRecord {
        let started = Date()
        var label = target.file ?? builtInPlanLabel
        func record(_ code: Int32, _ rows: [String: Int] = [:]) -> PlanRunRecord {
            PlanRunRecord(plan: label, out: target.out, exitCode: code, durationSeconds: Date().timeIntervalSince(started), rows: rows)
        }
        var planLog = log.naming(plan: label)
        do {
            let checked = try loadPlan(target.file)
            label = checked.plan.name
            planLog = log.naming(plan: label)
            var settings = settings
            settings.planFile = target.file
            settings.outDir = target.out
            settings.metricsFile = nil
            let job = NightlyRun(settings: settings, plan: checked.plan, planSHA256: checked.sha256, asOf: asOf, force: force,
                                 log: planLog, progress: progress)
            let result = try job.run { ExitStatus($0).rawValue }
            print(result.runDirectory + "/index.html")
            return record(0, result.rows)
        } catch let error as JobError {
            let code = ExitStatus(error).rawValue
            planLog.error("plan_failed", error.message, [("exit_code", String(code))])
            return record(code)
        } catch {
            planLog.error("plan_failed", "\(error)", [("exit_code", String(ExitStatus.software.rawValue))])
            return record(ExitStatus.software.rawValue)
        }
    }

    private func writeMetrics(_ records: [PlanRunRecord]) {
        guard let path = settings.metricsFile else { return }
        // Every configured plan keeps its lines when --plan or --out runs only some of them.
        let order = settings.plans.map(\.out) + targets.map(\.out).filter { out in !settings.plans.contains { $0.out == out } }
        do { try PlanMetrics.write(path: path, finished: records, order: order) } catch {
            log.warn("metrics", "could not write the metrics file: \(error)")
        }
    }
}

/// How logs and metrics name the built-in plan when no file is given.
let builtInPlanLabel = "(built in: 251/KH-VKSTC)"
