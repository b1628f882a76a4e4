import Foundation
import Testing
import TestSupport
import ThiDuaCore
@testable import ThiDuaPlan

@Suite struct ShippedPlanTests {
    @Test func listing19ChecksClean() throws {
        let plan = try #require(checked(try fixture("listing-19.yaml")))
        #expect(plan.plan.criteria.count == 17)
        #expect(plan.warnings.isEmpty, "\(plan.warnings)")
    }

    @Test func listing21ChecksClean() throws {
        let plan = try #require(checked(try fixture("listing-21.yaml")))
        #expect(plan.plan.milestones.count == 2)
        #expect(plan.warnings.isEmpty, "\(plan.warnings)")
    }
}
