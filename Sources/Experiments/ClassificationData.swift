import Foundation
import Simulation

/// A classification data set: features (count × dimension, row-major) and labels 0..<classes.
public struct ClassificationData: Sendable {
    public let features: [Float]
    public let labels: [Int]
    public let dimension: Int
    public let classes: Int
    public var count: Int { labels.count }

    public init(features: [Float], labels: [Int], dimension: Int, classes: Int) {
        precondition(features.count == labels.count * dimension, "one row of features per label")
        self.features = features
        self.labels = labels
        self.dimension = dimension
        self.classes = classes
    }

    /// The generated task: `classes` Gaussian clusters in `dimension` dimensions, the cluster
    /// centres drawn N(0, spread²) per coordinate and the points N(centre, 1), then squashed by
    /// x ↦ x + 0.5·sin(2x) per coordinate (so that the classes are not linearly separable);
    /// every number from seeded streams of `InputDistribution.normal`.
    public static func generated(count: Int, dimension: Int = 16, classes: Int = 8, spread: Double = 0.75, seed: UInt64 = 1) -> ClassificationData {
        let centres = InputDistribution.normal.values(count: classes * dimension, seed: seed, stream: 10).map { $0 * spread }
        let noise = InputDistribution.normal.values(count: count * dimension, seed: seed, stream: 11)
        let picks = InputDistribution.uniform.values(count: count, seed: seed, stream: 12)
        var features = [Float](repeating: 0, count: count * dimension), labels = [Int](repeating: 0, count: count)
        for i in 0..<count {
            let c = min(classes - 1, Int((picks[i] + 1) / 2 * Double(classes)))
            labels[i] = c
            for d in 0..<dimension {
                let v = centres[c * dimension + d] + noise[i * dimension + d]
                features[i * dimension + d] = Float(v + 0.5 * sin(2 * v))
            }
        }
        return ClassificationData(features: features, labels: labels, dimension: dimension, classes: classes)
    }

    /// The first `fraction` of the rows for training, the rest for testing.
    public func split(training fraction: Double) -> (train: ClassificationData, test: ClassificationData) {
        let n = Int(Double(count) * fraction)
        func part(_ r: Range<Int>) -> ClassificationData {
            ClassificationData(features: Array(features[(r.lowerBound * dimension)..<(r.upperBound * dimension)]), labels: Array(labels[r]),
                               dimension: dimension, classes: classes)
        }
        return (part(0..<n), part(n..<count))
    }
}
