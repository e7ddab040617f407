import FilonSources
import Foundation

/// `filon-fuzz`: built plain, it replays inputs (files, or folders of them) through a parser and
/// says what each gave; built by `scripts/fuzz.sh` (`-DFUZZING -sanitize=fuzzer`), it is a
/// libFuzzer binary whose target comes from `FILON_FUZZ_TARGET`.
@main
struct FilonFuzz {
    static func main() {
        #if FUZZING
            exit(LibFuzzer.run())
        #else
            exit(Replay.run(Array(CommandLine.arguments.dropFirst())))
        #endif
    }
}
