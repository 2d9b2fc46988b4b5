import BattleCore

/// `battle run --tier idiomatic|tuned|both`: which configuration of each
/// contender runs. Pure: discovered contenders in, the run's entries out.
public enum TierSelection: String, Sendable, CaseIterable {
    case idiomatic, tuned, both

    /// The tiers asked for, as the plan records them.
    public var tiers: [ContenderTier] {
        switch self {
        case .idiomatic: [.idiomatic]
        case .tuned: [.tuned]
        case .both: [.idiomatic, .tuned]
        }
    }
}

public enum TierPlan {
    /// The run's entries: with `idiomatic`, the contenders as discovered;
    /// with `tuned`, each contender's tuned configuration (or, when its
    /// manifest declares none, its idiomatic one, which `notes` names); with
    /// `both`, each contender's idiomatic entry followed by its tuned one
    /// (`NAME+tuned`, "… (tuned)"). Invalid manifests stay as they are.
    public static func expand(
        _ contenders: [DiscoveredContender], _ selection: TierSelection
    ) -> (contenders: [DiscoveredContender], notes: [String]) {
        var out: [DiscoveredContender] = []
        var untuned: [String] = []
        for c in contenders {
            guard case .valid(let m) = c else {
                out.append(c)
                continue
            }
            switch selection {
            case .idiomatic:
                out.append(c)
            case .tuned:
                if let t = m.configured(for: .tuned) {
                    out.append(.valid(t))
                } else {
                    out.append(c)
                    untuned.append(m.name)
                }
            case .both:
                out.append(c)
                if let t = m.configured(for: .tuned) { out.append(.valid(t)) } else { untuned.append(m.name) }
            }
        }
        var notes: [String] = []
        if !untuned.isEmpty {
            let list = untuned.joined(separator: ", ")
            let one = untuned.count == 1
            notes.append(
                "--tier \(selection.rawValue): \(list) declare\(one ? "s" : "") no tuned tier ([tiers.tuned] in \(one ? "its" : "their") contender.toml), so \(one ? "it runs" : "they run") only as written (idiomatic)"
            )
        }
        return (out, notes)
    }
}
