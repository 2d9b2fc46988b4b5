/// Colours for contenders and series: the Okabe-Ito palette, distinguishable
/// with the common colour-vision deficiencies. Yellow comes late because it is
/// hard to read on white; lines also differ by dash pattern, so a chart still
/// reads in grey.
enum Palette {
    static let colors = [
        "#0072B2",  // blue
        "#E69F00",  // orange
        "#009E73",  // bluish green
        "#D55E00",  // vermillion
        "#CC79A7",  // reddish purple
        "#56B4E9",  // sky blue
        "#000000",  // black
        "#F0E442",  // yellow
    ]

    /// Stroke dash patterns, one per colour slot.
    static let dashes = ["", "7 3", "2 3", "9 3 2 3", "4 4", "1 2", "12 4", "5 2 1 2"]

    static func color(_ index: Int) -> String { colors[index % colors.count] }
    static func dash(_ index: Int) -> String { dashes[index % dashes.count] }

    /// Two colours for "before / after" pairs (small versus large heap).
    static let baseline = "#56B4E9"
    static let contrast = "#D55E00"
}
