import ArgumentParser
import Foundation
import Testing
import TestSupport
@testable import ThiDuaCLI

/// `thidua plan check` and `plan convert` exit codes (§17): 0 clean, 78 errors, 66 unreadable.
@Suite struct PlanCommandTests {
    func exitCode(_ args: [String]) -> Int32 {
        do {
            var command = try ThiDuaCommand.parseAsRoot(args)
            try command.run()
            return 0
        } catch let code as ExitCode {
            return code.rawValue
        } catch {
            return ThiDuaCommand.exitCode(for: error).rawValue
        }
    }

    @Test func checkExitCodes() throws {
        #expect(exitCode(["plan", "check", "\(repositoryRoot)/plans/251-KH-VKSTC.yaml"]) == 0)
        #expect(exitCode(["plan", "check", "\(repositoryRoot)/plans/KH-TD-6T-2026.yaml", "--explain", "--as-of", "2026-08-01"]) == 0)
        #expect(exitCode(["plan", "check", "\(repositoryRoot)/Tests/fixtures/plan-251-value-only-0.4.0.yaml"]) == 78)
        #expect(exitCode(["plan", "check", "\(repositoryRoot)/plans/no-such-plan.yaml"]) == 66)
        #expect(exitCode(["plan", "check", "\(repositoryRoot)/plans"]) == 66)
        #expect(exitCode(["plan", "check", "\(repositoryRoot)/plans/251-KH-VKSTC.yaml", "--explain", "--as-of", "2101-01-01"]) == 64)
    }

    @Test func convertExitCodes() throws {
        #expect(exitCode(["plan", "convert", "\(repositoryRoot)/plans/no-such-plan.yaml"]) == 66)
        #expect(exitCode(["plan", "convert", "\(repositoryRoot)/plans/251-KH-VKSTC.yaml"]) == 78)
    }
}
