/// What happens to finite values beyond the largest finite value, and to infinities.
///
/// | policy         | finite overflow                              | ±Inf input |
/// |----------------|----------------------------------------------|------------|
/// | `ieee`         | IEEE 754 for the mode: ±Inf, or ±max for toward-zero (and up/down away from their direction); without Inf: NaN where the format has NaN, else ±max | ±Inf; without Inf: NaN, else ±max |
/// | `saturate`     | ±max                                         | ±Inf where the format has it, else ±max |
/// | `saturateAll`  | ±max                                         | ±max |
public enum OverflowPolicy: String, Hashable, Sendable, CaseIterable {
    case ieee
    case saturate
    case saturateAll = "saturate-all"

    public init(name: String) throws(FormatError) {
        guard let p = OverflowPolicy(rawValue: name.lowercased()) else {
            throw FormatError("unknown overflow policy '\(name)'; use ieee, saturate or saturate-all.")
        }
        self = p
    }
}
