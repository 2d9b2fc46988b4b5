import BattleCore

/// Build and footprint: startup, idle memory, binary size, build times,
/// lines of code and dependencies per contender. report.md writes the
/// dependencies as one `direct / total` column and names the toolchain;
/// report.html has a column each and names the line counter (its
/// contenders table names the toolchain). Not in the terminal.
enum FootprintTable {
    /// Nil when no contender has build or startup figures.
    static func table(_ model: ReportModel) -> Table? {
        guard model.hasFootprint else { return nil }
        var t = Table([
            .init("contender"), .init("startup", .right), .init("idle RSS", .right), .init("binary", .right),
            .init("clean build", .right), .init("rebuild", .right), .init("lines of code", .right),
            .init("dependencies (direct / total)", .right, in: .markdown), .init("direct deps", .right, in: .html),
            .init("total deps", .right, in: .html), .init("toolchain", in: .markdown), .init("counted with", in: .html),
        ])
        for c in model.contenders {
            let b = c.build
            let deps: String
            switch (b?.directDependencies, b?.totalDependencies) {
            case (nil, nil): deps = NumberText.none
            case (let d, let t): deps = "\(d.map(String.init) ?? "?") / \(t.map(String.init) ?? "?")"
            }
            t.add([
                ReportCells.contender(c, model),
                .init(c.startup.map { NumberText.seconds($0.secondsToReady) } ?? NumberText.none),
                ReportCells.bytes(c.startup?.idleRSSBytes), ReportCells.bytes(b?.binaryBytes),
                .init(b?.cleanSeconds.map(NumberText.seconds) ?? NumberText.none),
                .init(b?.incrementalSeconds.map(NumberText.seconds) ?? NumberText.none),
                .init(b?.linesOfCode.map { NumberText.grouped(Double($0)) } ?? NumberText.none), .init(deps),
                .init(b?.directDependencies.map(String.init) ?? NumberText.none),
                .init(b?.totalDependencies.map(String.init) ?? NumberText.none),
                .init(b?.toolchainVersion ?? NumberText.none), .init(b?.locTool ?? NumberText.none),
            ])
        }
        return t
    }
}
