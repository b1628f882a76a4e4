import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a stop request (SIGTERM, SIGINT) finds, and so what the process does about it.
public enum StopOutcome: Sendable, Equatable {
    /// Nothing was written yet: exit 75 at once.
    case nothingWritten
    /// A run was being written: its staging folder was removed; exit 75.
    case removed(String)
    /// The run is being renamed into place or is already published: it is completed, and the
    /// process says so when it ends (exit 0).
    case finishing
}

/// Where a run stands, shared by the job and the signal handler: the one object the handler needs.
/// Every file of a run is created under its lock, held shared (the pages and the workbook are
/// written by two threads at once), and the handler takes it alone, so it removes the staging
/// folder knowing that nothing is created in it meanwhile; a run that has started to publish is
/// finished rather than interrupted, so a stop never leaves a half-published run or a lying message.
public final class RunProgress: @unchecked Sendable {
    private enum Phase { case idle, staging(String), publishing }
    private let lock = ReadWriteLock()
    private var phase: Phase = .idle
    private var stopRequested = false

    /// The process's one instance, handed to the signal handler at start-up.
    public static let shared = RunProgress()

    public init() {}

    private var json = false
    /// Whether the stop message is a JSON line (`--log-format json`), once the settings are known.
    public var jsonLogs: Bool {
        get { lock.lock(); defer { lock.unlock() }; return json }
        set { lock.lock(); json = newValue; lock.unlock() }
    }

    /// Whether a stop came while the run was publishing (the run was completed all the same).
    public var stopWasRequested: Bool { lock.lock(); defer { lock.unlock() }; return stopRequested }

    /// Runs `body` (which creates files or folders in the staging folder) unless a stop removed
    /// the folder; the handler waits for it to finish.
    public func creating<T>(_ body: () throws -> T) throws -> T {
        lock.lockShared()
        defer { lock.unlock() }
        if stopRequested, case .idle = phase { throw PublishError(path: "(run)", message: "stopped by a signal") }
        return try body()
    }

    /// Creates the staging folder and records it, in one step for the handler.
    func startStaging(_ path: String, _ create: () throws -> Void) throws {
        lock.lock()
        defer { lock.unlock() }
        if stopRequested { throw PublishError(path: path, message: "stopped by a signal") }
        try create()
        phase = .staging(path)
    }
    func publishingStarted() { lock.lock(); phase = .publishing; lock.unlock() }
    /// A run is over (published or failed) and the process goes on to the next plan: a stop from
    /// now on finds nothing written (issue 23). A stop that came while the run was publishing
    /// stays recorded (`stopWasRequested`), so the caller runs no further plan.
    public func runEnded() { lock.lock(); phase = .idle; lock.unlock() }
    func stagingEnded() { lock.lock(); if case .staging = phase { phase = .idle }; lock.unlock() }

    /// The signal handler's part: removes the unfinished run, or notes that a publishing run must
    /// be completed. Called on the handler's own queue.
    public func stop() -> StopOutcome {
        lock.lock()
        defer { lock.unlock() }
        stopRequested = true
        switch phase {
        case .idle: return .nothingWritten
        case .staging(let path):
            try? FileManager.default.removeItem(atPath: path)
            phase = .idle
            return .removed(path)
        case .publishing: return .finishing
        }
    }
}

/// SIGTERM and SIGINT, from the first instruction of the process: handled on a queue of their own
/// with `progress`, never by the default action (which would exit 143 and leave a staging folder).
public enum TerminationHandler {
    /// Installs the handlers once; `announce` prints the one line that says what happened, and the
    /// process exits 75 unless the run is already publishing (it then completes).
    public static func install(_ progress: RunProgress, announce: @escaping @Sendable (StopOutcome, Int32) -> Void) {
        signal(SIGXFSZ, SIG_IGN)  // a file-size limit becomes a write error (exit 73), not a crash
        for sig in [SIGTERM, SIGINT] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                let outcome = progress.stop()
                announce(outcome, sig)
                if outcome != .finishing { _exit(75) }
            }
            source.resume()
            Sources.keep(source)
        }
    }

    /// Keeps the dispatch sources alive for the life of the process.
    private final class Sources: @unchecked Sendable {
        static let all = Sources()
        private let lock = NSLock()
        private var list: [DispatchSourceSignal] = []
        static func keep(_ s: DispatchSourceSignal) { all.lock.lock(); all.list.append(s); all.lock.unlock() }
    }
}

/// A lock many may hold shared or one alone; one waiting to hold it alone goes before new sharers,
/// so a stop request is not starved by files being created on two threads.
final class ReadWriteLock: @unchecked Sendable {
    private let rw: UnsafeMutablePointer<pthread_rwlock_t>

    init() {
        rw = .allocate(capacity: 1)
        var attributes = pthread_rwlockattr_t()
        pthread_rwlockattr_init(&attributes)
        pthread_rwlockattr_setkind_np(&attributes, Int32(PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP))
        pthread_rwlock_init(rw, &attributes)
        pthread_rwlockattr_destroy(&attributes)
    }

    deinit {
        pthread_rwlock_destroy(rw)
        rw.deallocate()
    }

    func lock() { pthread_rwlock_wrlock(rw) }
    func lockShared() { pthread_rwlock_rdlock(rw) }
    func unlock() { pthread_rwlock_unlock(rw) }
}
