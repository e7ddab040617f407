#!/usr/bin/env bash
# Long fuzzing runs with libFuzzer (the bounded suite runs in `swift test --filter Fuzz`).
#
#   scripts/fuzz.sh TARGET [SECONDS]     one parser, 60 s by default
#   scripts/fuzz.sh all [SECONDS]        every parser in turn, SECONDS each
#   scripts/fuzz.sh list                 the targets
#
# Builds `filon-fuzz` with -sanitize=fuzzer,address into .build-fuzz (never the shared .build),
# fuzzes with Fixtures/fuzz/TARGET/ as the seed corpus, then merges into that folder only the new
# inputs that reach new code, so the committed corpus stays small. A crash or a broken contract
# leaves the input in .build-fuzz/artifacts/TARGET/<time>/: replay it with
#   swift run filon-fuzz TARGET .build-fuzz/artifacts/TARGET/<time>/crash-…
# Environment: FILON_FUZZ_MAX_LEN (input size limit, 4096), FILON_FUZZ_SANITIZERS (fuzzer,address),
# FILON_FUZZ_CONFIGURATION (release).
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
    echo "usage: scripts/fuzz.sh TARGET|all|list [SECONDS]" >&2
    exit 2
}
[ $# -ge 1 ] || usage
scratch=.build-fuzz
configuration=${FILON_FUZZ_CONFIGURATION:-release}
sanitizers=${FILON_FUZZ_SANITIZERS:-fuzzer,address}
max_len=${FILON_FUZZ_MAX_LEN:-4096}
seconds=${2:-60}
targets=$(cd Fixtures/fuzz && ls -d */ | tr -d /)

if [ "$1" = list ]; then
    echo "$targets"
    exit 0
fi
if [ "$1" = all ]; then
    selected=$targets
else
    [ -d "Fixtures/fuzz/$1" ] || { echo "fuzz.sh: no target '$1'; one of:" $targets >&2; exit 2; }
    selected=$1
fi
[[ "$seconds" =~ ^[0-9]+$ ]] || usage

mkdir -p "$scratch"
build_log=$scratch/build.log
echo "fuzz.sh: building filon-fuzz ($configuration, -sanitize=$sanitizers) into $scratch"
# The gold linker warns about every local ASan symbol: the log keeps that noise off the screen.
if ! swift build --product filon-fuzz --scratch-path "$scratch" -c "$configuration" \
    -Xswiftc -DFUZZING -Xswiftc "-sanitize=$sanitizers" >"$build_log" 2>&1; then
    grep -v "Cannot export local symbol" "$build_log" | tail -40 >&2
    exit 1
fi
binary=$scratch/$configuration/filon-fuzz

# Swift's own crash backtracer would run before libFuzzer writes its report: leave it to libFuzzer.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:symbolize=1}
status=0
for target in $selected; do
    corpus=Fixtures/fuzz/$target
    work=$scratch/work/$target
    # One folder per run, so that a crash of an earlier run is not counted again.
    artifacts=$scratch/artifacts/$target/$(date -u +%Y%m%dT%H%M%S)/
    log=$scratch/$target.log
    rm -rf "$work"
    mkdir -p "$work" "$artifacts"
    before=$(ls "$corpus" | wc -l)
    # New inputs go to the work folder first (libFuzzer writes to the first corpus folder).
    set +e
    FILON_FUZZ_TARGET=$target "$binary" "$work" "$corpus" -max_total_time="$seconds" -max_len="$max_len" \
        -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts" \
        >"$log" 2>&1
    code=$?
    set -e
    # Keep only the fewest inputs that reach code the committed corpus does not (edges, not hit
    # counts: counting those too keeps ten times as many files).
    FILON_FUZZ_TARGET=$target "$binary" -set_cover_merge=1 -use_counters=0 -max_len="$max_len" "$corpus" "$work" \
        >>"$log" 2>&1 || true
    after=$(ls "$corpus" | wc -l)
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | awk '{s += $2} END {print s + 0}')
    rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | awk '{s += $2} END {print s + 0}')
    crashes=$(ls "$artifacts" | wc -l)
    result=ok
    if [ "$code" -ne 0 ] || [ "$crashes" -gt 0 ]; then
        result="FAILED (exit $code, see $log and $artifacts)"
        status=1
    fi
    echo "fuzz $target: $runs runs in ${seconds} s ($rate/s), corpus $before -> $after files," \
        "$crashes crash files: $result"
done
exit $status
