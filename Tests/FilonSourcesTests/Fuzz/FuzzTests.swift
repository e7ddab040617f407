import FilonSources
import Foundation
import Testing

/// Bad input for every parser of outside data: the committed seeds, then `FuzzBudget.iterations`
/// mutations of them, each one either read or refused with the parser's typed error naming the
/// place. A broken contract is reported with the seed, the iteration and the input (also kept in
/// a file to replay with `swift run filon-fuzz TARGET FILE`). A crash ends the test process: the
/// input it was reading stays in `<tmp>/filon-fuzz/<target>.inflight`, as the first line says.
@Suite struct FuzzTests {
    @Test(arguments: FuzzTarget.allCases)
    func seedsAreReadInTheirRealFormat(_ target: FuzzTarget) throws {
        let seeds = try FuzzCorpus.seeds(target)
        #expect(seeds.count >= 2, "Fixtures/fuzz/\(target.rawValue) needs real-format seeds")
        var parsed = 0
        for seed in seeds {
            do {
                if case .parsed = try target.run(Data(seed.bytes)) { parsed += 1 }
            } catch {
                Issue.record("\(target.rawValue) seed \(seed.name): \(error)")
            }
        }
        #expect(parsed > 0, "no seed of \(target.rawValue) is read: they are not in the provider's format")
    }

    @Test(arguments: FuzzTarget.allCases)
    func mutatedInputsAreReadOrRefusedWithAPlace(_ target: FuzzTarget) throws {
        let seeds = try FuzzCorpus.seeds(target).map(\.bytes)
        let (seed, iterations) = (FuzzBudget.seed, FuzzBudget.iterations)
        let inFlight = FuzzCorpus.inFlight(target)
        print(
            "fuzz \(target.rawValue): seed 0x\(String(seed, radix: 16)), \(iterations) inputs; on a crash the input "
                + "is \(inFlight.path) (swift run filon-fuzz \(target.rawValue) \(inFlight.path))")
        var (refused, failures, slowest) = (0, 0, (seconds: 0.0, iteration: 0, input: [UInt8]()))
        for iteration in 0..<iterations where failures < 3 {
            var mutator = Mutator(
                format: target.format, seeds: seeds,
                random: .forIteration(iteration, of: target.rawValue, seed: seed))
            let input = mutator.input()
            try? Data(input).write(to: inFlight)
            let started = ContinuousClock.now
            defer {
                let elapsed = ContinuousClock.now - started
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                if seconds > slowest.seconds { slowest = (seconds, iteration, input) }
            }
            do {
                if case .refused(let message) = try target.run(Data(input)) {
                    #expect(!message.isEmpty)
                    refused += 1
                }
            } catch {
                failures += 1
                let kept = FuzzCorpus.keep(input, as: "\(target.rawValue)-\(String(seed, radix: 16))-\(iteration).bin")
                Issue.record(
                    """
                    \(error)
                    FILON_FUZZ_SEED=0x\(String(seed, radix: 16)) iteration \(iteration) \
                    (\(mutator.applied.joined(separator: ", "))), input kept in \(kept):
                    \(FuzzCorpus.shown(input))
                    """)
            }
        }
        try? FileManager.default.removeItem(at: inFlight)
        // Information only: how far the mutations got, and the input that took longest (kept).
        let kept = FuzzCorpus.keep(slowest.input, as: "\(target.rawValue)-slowest.bin")
        print(
            "fuzz \(target.rawValue): \(refused) refused, \(failures) failed of \(iterations); "
                + "slowest: iteration \(slowest.iteration), \(Int(slowest.seconds * 1000)) ms, kept in \(kept)")
        // Mutations that never get past the first check would test nothing but that check.
        if iterations >= 100 && target != .websiteAudit {
            #expect(refused < iterations, "every mutated \(target.rawValue) input was refused")
        }
    }
}
