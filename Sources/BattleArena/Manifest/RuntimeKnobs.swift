/// `battle run --env NAME:KNOB=VALUE`: runtime knobs per contender, checked
/// against what the manifests declare in `run.knobs`. Pure.
public enum RuntimeKnobs {
    public struct ParseError: Error, CustomStringConvertible, Equatable {
        public let description: String
    }

    /// Parses every `--env` value against `manifests` (the contenders of the run).
    public static func parse(
        _ values: [String], manifests: [ContenderManifest]
    ) throws(ParseError) -> [String: [String: String]] {
        var out: [String: [String: String]] = [:]
        for text in values {
            guard let colon = text.firstIndex(of: ":"), let eq = text[colon...].firstIndex(of: "=") else {
                throw ParseError(description: "--env '\(text)': write CONTENDER:KNOB=VALUE, like --env go:GOGC=200")
            }
            let name = String(text[..<colon])
            let knob = String(text[text.index(after: colon)..<eq])
            let value = String(text[text.index(after: eq)...])
            guard let m = manifests.first(where: { $0.name == name }) else {
                let known = manifests.map(\.name).joined(separator: ", ")
                throw ParseError(
                    description:
                        "--env '\(text)': no contender named '\(name)' in this run; it has \(known.isEmpty ? "none" : known)"
                )
            }
            guard m.run.knobs.contains(knob) else {
                let declared =
                    m.run.knobs.isEmpty
                    ? "it declares none" : "it declares \(m.run.knobs.joined(separator: ", "))"
                throw ParseError(
                    description:
                        "--env '\(text)': \(knob) is not a runtime knob of \(name) (\(declared) in run.knobs of \(m.file)); add it there to allow it"
                )
            }
            guard !value.isEmpty else {
                throw ParseError(description: "--env '\(text)': give a value, like --env \(name):\(knob)=200")
            }
            out[name, default: [:]][knob] = value
        }
        return out
    }
}

extension DiscoveredContender {
    /// The manifest, when it is valid.
    public var manifest: ContenderManifest? {
        if case .valid(let m) = self { return m }
        return nil
    }
}
