import Foundation

/// How many runs a fault suite makes, and the seed of its random kill points.
///
/// `FILON_FAULT_RUNS=200` runs each suite 200 times instead of the CI's few; `FILON_FAULT_SEED=N`
/// replays a printed seed.
struct FaultPlan {
    let suite: String
    let runs: Int
    let seed: UInt64

    init(suite: String, ciRuns: Int, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.suite = suite
        runs = environment["FILON_FAULT_RUNS"].flatMap { Int($0) }.map { max(1, $0) } ?? ciRuns
        seed =
            environment["FILON_FAULT_SEED"].flatMap { UInt64($0) }
            ?? UInt64(Date().timeIntervalSince1970 * 1000) % 1_000_000_007
        print("fault suite \(suite): \(runs) runs, seed \(seed) (replay with FILON_FAULT_SEED=\(seed))")
    }
}
