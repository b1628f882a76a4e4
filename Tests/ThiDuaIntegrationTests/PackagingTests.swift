import Foundation
import Testing
import TestSupport
import ThiDuaJob

/// One version everywhere (issue 18): the binary, the manifest, run.csv and the package read
/// `thiduaVersion`; CHANGELOG.md's newest entry must name it.
@Suite("version and changelog")
struct PackagingTests {
    @Test("CHANGELOG.md's newest entry is the version the binary prints")
    func changelogMatches() throws {
        let log = try readRepositoryFile("CHANGELOG.md")
        let newest = log.split(separator: "\n").first { $0.hasPrefix("## ") && $0.dropFirst(3).first?.isNumber == true }
        #expect(newest?.dropFirst(3).split(separator: " ").first.map(String.init) == thiduaVersion)
        let printed = try runThidua(["--version"])
        #expect(printed.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == thiduaVersion)
    }
}
