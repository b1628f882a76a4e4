import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Test hooks for fault injection (`THIDUA_FAULT=kill:<point>` or `pause:<point>:<seconds>`), used
/// by the reliability tests to stop a run at a chosen point of publishing. A pause happens the first
/// time its point is reached; as it begins, the file `THIDUA_FAULT_MARKER` names (when set) is
/// created, so a test waits for that event instead of for time. Unset in production.
public enum Faults {
    private final class Once: @unchecked Sendable {
        let lock = NSLock()
        var done = false
        func first() -> Bool { lock.lock(); defer { lock.unlock() }; if done { return false }; done = true; return true }
    }
    private static let once = Once()

    public static func hit(_ point: String) {
        guard let spec = ProcessInfo.processInfo.environment["THIDUA_FAULT"] else { return }
        let parts = spec.split(separator: ":").map(String.init)
        guard parts.count >= 2, parts[1] == point else { return }
        switch parts[0] {
        case "kill": kill(getpid(), SIGKILL)
        case "pause":
            guard once.first() else { return }
            if let marker = ProcessInfo.processInfo.environment["THIDUA_FAULT_MARKER"] {
                FileManager.default.createFile(atPath: marker, contents: Data(point.utf8))
            }
            Thread.sleep(forTimeInterval: parts.count > 2 ? Double(parts[2]) ?? 5 : 5)
        default: return
        }
    }
}
