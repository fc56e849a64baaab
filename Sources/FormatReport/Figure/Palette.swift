/// Series colours and line styles that stay apart for colour-blind readers
/// (the Okabe–Ito palette without its yellow, which vanishes on white, then
/// three of Paul Tol's muted colours) and in grey-scale print (each series
/// also gets its own dash pattern and marker).
public enum Palette {
    public static let colours = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
                                 "#882255", "#44AA99", "#999933"]
    /// SVG `stroke-dasharray` values; "" is solid.
    public static let dashes = ["", "6 3", "2 2", "8 3 2 3", "4 4", "1 3", "10 2"]
    public enum Marker: CaseIterable, Sendable { case circle, square, triangle, diamond }

    public static func colour(_ i: Int) -> String { colours[i % colours.count] }
    public static func dash(_ i: Int) -> String { dashes[i % dashes.count] }
    public static func marker(_ i: Int) -> Marker { Marker.allCases[i % Marker.allCases.count] }
    /// The colour of reference marks that belong to no series.
    public static let neutral = "#555555"
}
