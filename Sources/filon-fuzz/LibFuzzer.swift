#if FUZZING
    import FilonSources
    import Foundation

    /// The target libFuzzer drives, read once from the environment.
    let fuzzTarget: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["FILON_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
            FileHandle.standardError.write(Data("FILON_FUZZ_TARGET must be one of: \(names)\n".utf8))
            exit(2)
        }
        return target
    }()

    /// libFuzzer's entry point: a broken contract must crash, so that libFuzzer keeps the input.
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
        let bytes = data.map { Data(bytes: $0, count: size) } ?? Data()
        do {
            _ = try fuzzTarget.run(bytes)
        } catch {
            fatalError("\(error)")
        }
        return 0
    }

    @_silgen_name("LLVMFuzzerRunDriver")
    private func runDriver(
        _ argc: UnsafeMutablePointer<Int32>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
    ) -> Int32

    /// SwiftPM links an executable's `main` to its `@main` type, not to libFuzzer's own `main`:
    /// this one hands the command line to libFuzzer's driver.
    enum LibFuzzer {
        static func run() -> Int32 {
            _ = fuzzTarget
            var argc = CommandLine.argc
            var argv = CommandLine.unsafeArgv
            return runDriver(&argc, &argv, fuzzOneInput)
        }
    }
#endif
