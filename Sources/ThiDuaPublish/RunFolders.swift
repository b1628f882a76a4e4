import Foundation
import ThiDuaCore

/// The runs in an output folder: `OUT/YYYY-MM-DD` folders, newest first.
public enum RunFolders {
    public static func list(_ outDir: String) -> [Day] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: outDir)) ?? []
        return names.compactMap { Day(iso: $0) }.sorted(by: >)
    }

    /// Keeps the newest `keep` runs and the one `latest` points at; removes the rest. Returns what went.
    @discardableResult
    public static func prune(_ outDir: String, keep: Int) -> [Day] {
        let latest = (try? FileManager.default.destinationOfSymbolicLink(atPath: "\(outDir)/latest")).flatMap { Day(iso: $0) }
        let runs = list(outDir)
        var removed: [Day] = []
        for d in runs.dropFirst(keep) where d != latest {
            if (try? FileManager.default.removeItem(atPath: "\(outDir)/\(d)")) != nil { removed.append(d) }
        }
        return removed
    }

    /// Removes staging folders, `latest` links and archive pages left half-made by runs that were
    /// killed (the caller holds the run lock, so no live run owns them).
    @discardableResult
    public static func removeStaleStaging(_ outDir: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: outDir)) ?? []
        var removed: [String] = []
        for n in names where n.hasPrefix(".staging-") || n.hasPrefix(".latest-") || n.hasPrefix(".index-")
            || (n.hasPrefix(".index.html.") && n.hasSuffix(".tmp")) {
            if (try? FileManager.default.removeItem(atPath: "\(outDir)/\(n)")) != nil { removed.append(n) }
        }
        return removed
    }

    /// The day `OUT/latest` points at, if any.
    public static func latest(_ outDir: String) -> Day? {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "\(outDir)/latest")).flatMap { Day(iso: $0) }
    }
}
