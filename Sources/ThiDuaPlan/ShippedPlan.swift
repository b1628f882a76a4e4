import ThiDuaCore

extension PlanReader {
    /// The built-in plan 251/KH-VKSTC (`plans/251-KH-VKSTC.yaml`, embedded by `make embed` so that an
    /// installed binary runs without the file; a test keeps the two equal).
    public static func shipped() throws(PlanLoadError) -> CheckedPlan {
        switch check(text: shippedPlanYAML, file: "(built in) plans/251-KH-VKSTC.yaml") {
        case .success(let plan): return plan
        case .failure(let errors): throw .invalid(errors)
        }
    }
}
