import BattleCore

/// `battle verdict --list-profiles`: each profile with its weights as shares.
public enum ProfileListing {
    public static func blocks(_ set: ProfileSet) -> [Block] {
        var b: [Block] = [.heading(1, "Built-in team profiles (data/profiles.toml)")]
        for p in set.profiles {
            b.append(.heading(2, "\(p.id)\(p.id == set.defaultID ? " (default)" : ""): \(p.name)"))
            var text = p.summary
            if let tests = p.tests { text += " Tests: \(tests.map(\.rawValue).joined(separator: ", "))." }
            if let t = p.costTest { text += " Cost priced on \(t.rawValue)." }
            text += " Languages ranked by \(p.languageStanding.words)."
            b.append(.paragraph(text))
            b.append(
                .table(
                    header: ["Criterion", "Basis", "Share"],
                    rows: p.shares.filter { $0.share > 0 }.map {
                        [$0.criterion.title, $0.criterion.basis.rawValue, Format.fixed($0.share * 100, 0) + "%"]
                    }))
        }
        return b
    }
}
