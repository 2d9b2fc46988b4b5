/// The dataset, profiles and prices built into battle (data/*.toml, embedded by
/// data/embed.sh). They are tested to parse, so the accessors cannot fail.
public enum Builtin {
    public static let datasetFile = "data/ecosystem.toml (built in)"
    public static let profilesFile = "data/profiles.toml (built in)"
    public static let pricesFile = "data/prices.toml (built in)"

    public static var datasetText: String { BuiltinData.ecosystem }

    public static var dataset: EcosystemDataset {
        do { return try EcosystemDataset.parse(BuiltinData.ecosystem, file: datasetFile) } catch {
            fatalError("the built-in dataset does not parse: \(error)")
        }
    }

    public static var profiles: ProfileSet {
        do { return try ProfileSet.parse(BuiltinData.profiles, file: profilesFile) } catch {
            fatalError("the built-in profiles do not parse: \(error)")
        }
    }

    public static var prices: PriceList {
        do { return try PriceList.parse(BuiltinData.prices, file: pricesFile) } catch {
            fatalError("the built-in prices do not parse: \(error)")
        }
    }

    /// The built-in dataset with a user's `--dataset` file laid over it.
    public static func dataset(overlay text: String, file: String) throws(DataFileError) -> EcosystemDataset {
        try EcosystemDataset.parse(overlay: text, file: file, over: BuiltinData.ecosystem, baseFile: datasetFile)
    }
}
