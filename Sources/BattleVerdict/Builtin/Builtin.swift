/// The dataset, profiles and prices built into battle: data/*.toml, compiled
/// in as SwiftPM resources (`embedInCode`, through the links beside this file),
/// so no file is looked up at run time. They are tested to parse, so the
/// accessors cannot fail.
public enum Builtin {
    public static let datasetFile = "data/ecosystem.toml (built in)"
    public static let profilesFile = "data/profiles.toml (built in)"
    public static let pricesFile = "data/prices.toml (built in)"

    public static let datasetText = String(decoding: PackageResources.ecosystem_toml, as: UTF8.self)
    static let profilesText = String(decoding: PackageResources.profiles_toml, as: UTF8.self)
    static let pricesText = String(decoding: PackageResources.prices_toml, as: UTF8.self)

    public static var dataset: EcosystemDataset {
        do { return try EcosystemDataset.parse(datasetText, file: datasetFile) } catch {
            fatalError("the built-in dataset does not parse: \(error)")
        }
    }

    public static var profiles: ProfileSet {
        do { return try ProfileSet.parse(profilesText, file: profilesFile) } catch {
            fatalError("the built-in profiles do not parse: \(error)")
        }
    }

    public static var prices: PriceList {
        do { return try PriceList.parse(pricesText, file: pricesFile) } catch {
            fatalError("the built-in prices do not parse: \(error)")
        }
    }

    /// The built-in dataset with a user's `--dataset` file laid over it.
    public static func dataset(overlay text: String, file: String) throws(DataFileError) -> EcosystemDataset {
        try EcosystemDataset.parse(overlay: text, file: file, over: datasetText, baseFile: datasetFile)
    }
}
