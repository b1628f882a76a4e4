import Foundation
import ThiDuaCore
import CSystem
#if canImport(Glibc)
import Glibc
#endif

/// Why the output could not be written (exit 73).
public struct PublishError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var message: String
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }
    public var description: String { "cannot write \(path): \(message)" }
}

/// One file of a run, as the manifest lists it.
public struct RunFile: Sendable, Codable, Equatable {
    public var path: String
    public var rows: Int?
    public var sha256: String
    public var bytes: Int
}

/// The output-directory protocol (SPEC §5): a run is built in a staging folder inside OUT, flushed,
/// then renamed into place whole; `latest` moves atomically; a failed run leaves every earlier run
/// untouched.
public final class Staging: @unchecked Sendable {
    public let outDir: String
    public let asOf: Day
    public let path: String
    /// The files written so far (two threads write: the pages and the workbook).
    public var files: [RunFile] { filesLock.lock(); defer { filesLock.unlock() }; return recorded }
    private var recorded: [RunFile] = []
    private let filesLock = NSLock()
    let fileMode: mode_t
    let dirMode: mode_t
    private var done = false

    /// Where the run stands, for a stop request (SIGTERM): files are created under its lock.
    let progress: RunProgress

    /// Creates the staging folder `OUT/.staging-<D>-<pid>-<random>` with the run's modes from the
    /// start (the process umask is narrowed to them), so a killed run never leaves readable files.
    public init(outDir: String, asOf: Day, fileMode: mode_t = 0o640, dirMode: mode_t = 0o2750,
                progress: RunProgress = .shared) throws(PublishError) {
        self.outDir = outDir
        self.asOf = asOf
        self.fileMode = fileMode
        self.dirMode = dirMode
        self.progress = progress
        umask(~(fileMode | dirMode) & 0o777)
        let fm = FileManager.default
        do { try fm.createDirectory(atPath: outDir, withIntermediateDirectories: true) } catch {
            throw PublishError(path: outDir, message: Staging.reason(error))
        }
        let path = "\(outDir)/.staging-\(asOf)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        self.path = path
        do {
            try progress.startStaging(path) {
                try fm.createDirectory(atPath: path + "/csv", withIntermediateDirectories: true)
                try fm.createDirectory(atPath: path + "/units", withIntermediateDirectories: false)
            }
        } catch {
            throw PublishError(path: outDir, message: Staging.reason(error))
        }
    }

    /// Creates something inside the staging folder (a CSV writer opening its file): never after a
    /// stop removed the folder.
    public func creating<T>(_ body: () throws -> T) throws -> T { try progress.creating(body) }

    deinit { if !done { abandon() } }

    /// Absolute path of a file inside the run (for example `csv/unit_metrics.csv`).
    public func file(_ relative: String) -> String { "\(path)/\(relative)" }

    /// Records a finished file for the manifest and gives it its final mode.
    public func record(_ relative: String, rows: Int?, sha256: String) throws(PublishError) {
        let full = file(relative)
        let size = ((try? FileManager.default.attributesOfItem(atPath: full))?[.size] as? Int) ?? 0
        if chmod(full, fileMode) != 0 { throw PublishError(path: full, message: String(cString: strerror(errno))) }
        filesLock.lock()
        recorded.append(RunFile(path: relative, rows: rows, sha256: sha256, bytes: size))
        filesLock.unlock()
    }

    /// Writes a whole small file (HTML, JSON) and records it; `publish` makes it durable.
    public func write(_ relative: String, data: Data, rows: Int? = nil) throws(PublishError) {
        let full = file(relative)
        do {
            // Only files: the folders (csv/, units/) exist from the start, so a write after a stop
            // removed the staging folder fails instead of creating it again.
            try progress.creating { try data.write(to: URL(fileURLWithPath: full)) }
        } catch {
            throw PublishError(path: full, message: Staging.reason(error))
        }
        try record(relative, rows: rows, sha256: SHA256.hex(data))
    }

    /// Renames the finished run to `OUT/<D>` (replacing an earlier run of the same day in one step)
    /// and moves `OUT/latest` to it. Returns the run's folder.
    public func publish(moveLatest: Bool = true) throws(PublishError) -> String {
        let final = "\(outDir)/\(asOf)"
        // Every file of the run reaches the disk before the rename makes the run visible.
        if thidua_sync_filesystem(path) != 0 { throw PublishError(path: path, message: String(cString: strerror(errno))) }
        try fixModes(path)
        Faults.hit("before-rename")
        // From here the run is completed even if a stop comes: it is never half-published.
        progress.publishingStarted()
        let fm = FileManager.default
        if fm.fileExists(atPath: final) {
            // Exchange the old run and the new one atomically, then remove the old one.
            guard thidua_exchange_paths(path, final) == 0 else {
                throw PublishError(path: final, message: "cannot replace the earlier run: \(String(cString: strerror(errno)))")
            }
            try? fm.removeItem(atPath: path)
        } else {
            guard rename(path, final) == 0 else {
                throw PublishError(path: final, message: String(cString: strerror(errno)))
            }
        }
        done = true
        Faults.hit("after-rename")
        try syncDirectory(outDir)
        if moveLatest {
            try pointLatest(at: "\(asOf)")
            Faults.hit("after-latest")
        }
        try syncDirectory(outDir)
        return final
    }

    /// Keeps a run the gate held back, out of the list of runs: `OUT/unpublished-<D>`.
    public func park() throws(PublishError) -> String {
        let target = "\(outDir)/unpublished-\(asOf)"
        try fixModes(path)
        try? FileManager.default.removeItem(atPath: target)
        guard rename(path, target) == 0 else { throw PublishError(path: target, message: String(cString: strerror(errno))) }
        done = true
        progress.stagingEnded()
        return target
    }

    /// Removes the staging folder: nothing of a failed run stays behind.
    public func abandon() {
        done = true
        progress.stagingEnded()
        try? FileManager.default.removeItem(atPath: path)
    }

    /// `OUT/latest` → target, swapped atomically (new link under a temporary name, then rename over).
    public func pointLatest(at target: String) throws(PublishError) {
        let link = "\(outDir)/latest"
        let temp = "\(outDir)/.latest-\(getpid())"
        unlink(temp)
        guard symlink(target, temp) == 0 else {
            throw PublishError(path: temp, message: String(cString: strerror(errno)))
        }
        guard rename(temp, link) == 0 else {
            unlink(temp)
            throw PublishError(path: link, message: String(cString: strerror(errno)))
        }
    }

    /// Gives the run folder and every folder in it the directory mode, and syncs each.
    private func fixModes(_ dir: String) throws(PublishError) {
        let subs = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).map { "\(dir)/\($0)" }
            .filter { var isDir: ObjCBool = false; return FileManager.default.fileExists(atPath: $0, isDirectory: &isDir) && isDir.boolValue }
        for d in [dir] + subs {
            if chmod(d, dirMode) != 0 { throw PublishError(path: d, message: String(cString: strerror(errno))) }
            try syncDirectory(d)
        }
    }

    private func syncDirectory(_ dir: String) throws(PublishError) {
        let fd = open(dir, O_RDONLY | O_DIRECTORY)
        guard fd >= 0 else { throw PublishError(path: dir, message: String(cString: strerror(errno))) }
        defer { close(fd) }
        if fsync(fd) != 0 { throw PublishError(path: dir, message: String(cString: strerror(errno))) }
    }

    /// A file-system error as one readable line.
    public static func describe(_ error: Error) -> String { reason(error) }

    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return ns.localizedDescription
    }
}

