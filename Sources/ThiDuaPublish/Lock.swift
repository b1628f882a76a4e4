import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One run at a time per output folder: an exclusive `flock` on `OUT/.thidua.lock`, released by the
/// kernel when the process ends, however it ends.
public final class RunLock {
    private let fd: Int32
    public let path: String

    /// nil when another run holds the lock.
    public init?(outDir: String) throws(PublishError) {
        path = "\(outDir)/.thidua.lock"
        do { try FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: true) } catch {
            throw PublishError(path: outDir, message: Staging.reason(error))
        }
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw PublishError(path: path, message: String(cString: strerror(errno))) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            close(fd)
            if errno == EWOULDBLOCK { return nil }
            throw PublishError(path: path, message: String(cString: strerror(errno)))
        }
        self.fd = fd
        let pid = "\(getpid())\n"
        _ = ftruncate(fd, 0)
        _ = pid.withCString { write(fd, $0, strlen($0)) }
    }

    deinit { close(fd) }
}
