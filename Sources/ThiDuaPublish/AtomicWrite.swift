import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a small file atomically: a temporary file in the same folder, synced, renamed over.
public func writeAtomically(_ data: Data, to path: String, mode: mode_t) throws(PublishError) {
    let dir = (path as NSString).deletingLastPathComponent
    let temp = "\(dir)/.\((path as NSString).lastPathComponent).\(getpid()).tmp"
    do {
        try data.write(to: URL(fileURLWithPath: temp))
        let h = try FileHandle(forUpdating: URL(fileURLWithPath: temp))
        try h.synchronize()
        try h.close()
    } catch {
        unlink(temp)
        throw PublishError(path: path, message: Staging.reason(error))
    }
    chmod(temp, mode)
    guard rename(temp, path) == 0 else {
        let why = String(cString: strerror(errno))
        unlink(temp)
        throw PublishError(path: path, message: why)
    }
}
