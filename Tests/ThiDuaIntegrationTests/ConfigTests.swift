import Foundation
import Testing
import TestSupport

@Suite("configuration file and environment")
struct ConfigTests {
    @Test("thidua config prints the effective settings with the password redacted")
    func printsRedacted() throws {
        let scratch = try ScratchFolder()
        let file = scratch.path + "/thidua.yaml"
        try "database:\n  schema: kho\noutput:\n  dir: /srv/thidua\n  retention: 7\nreport:\n  language: en\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let out = try runThidua(["config", "--config", file, "--db", "host=db.vks password=Hidden-Pass-99 dbname=w"],
                                environment: ["THIDUA_RETENTION": "9"])
        #expect(out.status == 0, "\(out.all)")
        #expect(out.stdout.contains("database.schema = kho"))
        #expect(out.stdout.contains("output.dir = /srv/thidua"))
        #expect(out.stdout.contains("output.retention = 9"), "the environment overrides the file")
        #expect(out.stdout.contains("report.language = en"))
        #expect(out.stdout.contains("password=***"))
        #expect(!out.all.contains("Hidden-Pass-99"))
    }

    @Test("bad configuration: exit 78 naming the file and the key", arguments: [
        ("output:\n  retention: 0\n", "output.retention"),
        ("output:\n  retenton: 3\n", "output.retenton"),
        ("database:\n  conninfo: host=x password=Secret-77\n", "database.conninfo"),
        ("output:\n  file_mode: \"0644\"\n", "output.file_mode"),
        ("report:\n  time_zone: Mars/Olympus\n", "report.time_zone"),
        ("report: [1, 2\n", "not valid YAML"),
    ])
    func badConfig(text: String, key: String) throws {
        try expectRefused(config: text, key: key)
    }

    @Test("a missing configuration or plan file is exit 78")
    func missingFiles() throws {
        let a = try runThidua(["run", "--config", "/nonexistent/thidua.yaml"])
        #expect(a.status == 78)
        #expect(a.stderr.contains("/nonexistent/thidua.yaml"))
        let b = try runThidua(["run", "--plan", "/nonexistent/plan.yaml"])
        #expect(b.status == 78)
        let c = try runThidua(["run", "--as-of", "2026-02-30"])
        #expect(c.status == 64)
    }

    @Test("bad plans: list (issue 23): exit 78 naming the file and the key, nothing written", arguments: [
        ("plans: []\n", "plans"),
        ("plans: /etc/thidua/a.yaml\n", "plans"),
        ("plans:\n  - /etc/thidua/a.yaml\n", "plans[0]"),
        ("plans:\n  - {file: a.yaml}\n", "plans[0].out"),
        ("plans:\n  - {out: /srv/a}\n", "plans[0].file"),
        ("plans:\n  - {file: a.yaml, out: /srv/a, lang: en}\n", "plans[0].lang"),
        ("plans:\n  - {file: a.yaml, out: \"\"}\n", "plans[0].out"),
        ("plans:\n  - {file: a.yaml, out: /srv/a}\n  - {file: b.yaml, out: /srv/x/../a/}\n", "plans[1].out"),
        ("plans:\n  - {file: a.yaml, out: /srv/a}\n  - {file: b.yaml, out: /srv/a/b}\n", "plans[1].out"),
        ("plan: a.yaml\nplans:\n  - {file: b.yaml, out: /srv/b}\n", "plans"),
        ("output:\n  dir: /srv\nplans:\n  - {file: b.yaml, out: /srv/b}\n", "output.dir"),
    ])
    func badPlansList(text: String, key: String) throws {
        try expectRefused(config: text, key: key, commands: [["run", "--as-of", "2026-03-01"], ["config"]])
    }

    @Test("thidua config lists each plan of plans:, or the ones THIDUA_PLAN / THIDUA_OUT choose")
    func describesPlans() throws {
        let scratch = try ScratchFolder()
        let file = scratch.path + "/thidua.yaml"
        try "plans:\n  - {file: /etc/thidua/a.yaml, out: /srv/a}\n  - file: /etc/thidua/b.yaml\n    out: /srv/b\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let all = try runThidua(["config", "--config", file])
        #expect(all.status == 0, "\(all.all)")
        #expect(all.stdout.contains("plans[0].file = /etc/thidua/a.yaml\nplans[0].out = /srv/a\nplans[1].file = /etc/thidua/b.yaml\nplans[1].out = /srv/b\n"))
        #expect(!all.stdout.contains("output.dir =") && !all.stdout.contains("\nplan ="))
        let chosen = try runThidua(["config", "--config", file], environment: ["THIDUA_PLAN": "/etc/thidua/b.yaml"])
        #expect(chosen.stdout.contains("plans[0].file = /etc/thidua/b.yaml\nplans[0].out = /srv/b\n"))
        #expect(!chosen.stdout.contains("/srv/a"))
        let one = try runThidua(["config"], environment: ["THIDUA_OUT": "/srv/one"], removing: ["THIDUA_PLAN"])
        #expect(one.stdout.contains("output.dir = /srv/one") && one.stdout.contains("plan = (built in: 251/KH-VKSTC)"))
    }

    @Test("the example configuration's commented plans: example works once switched on (output.dir removed)")
    func examplePlans() throws {
        let example = try readRepositoryFile("deploy/thidua.example.yaml")
        var lines: [String] = []
        var inPlans = false
        for line in example.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("  dir: ") { continue }
            if line == "# plans:" { inPlans = true }
            if inPlans && !line.hasPrefix("# plans:") && !line.hasPrefix("#  ") { inPlans = false }
            lines.append(inPlans ? String(line.dropFirst(2)) : line)
        }
        let scratch = try ScratchFolder()
        let file = scratch.path + "/thidua.yaml"
        try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let out = try runThidua(["config", "--config", file], removing: ["THIDUA_PLAN", "THIDUA_OUT"])
        #expect(out.status == 0, "\(out.all)")
        #expect(out.stdout.contains("plans[0].file = /etc/thidua/plan-251-KH-VKSTC.yaml\nplans[0].out = /var/lib/thidua/out\n"))
        #expect(out.stdout.contains("plans[1].file = /usr/share/thidua/plans/KH-TD-6T-2026.yaml\n"))
        // The example as shipped is still a one-plan configuration.
        let shipped = scratch.path + "/shipped.yaml"
        try example.write(toFile: shipped, atomically: true, encoding: .utf8)
        let one = try runThidua(["config", "--config", shipped], removing: ["THIDUA_PLAN", "THIDUA_OUT"])
        #expect(one.status == 0 && one.stdout.contains("output.dir = /var/lib/thidua/out") && !one.stdout.contains("plans["), "\(one.all)")
    }
}
