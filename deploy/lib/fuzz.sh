# The libFuzzer targets of tests/fuzz: their own build tree (clang, ASan and
# UBSan), short runs for deploy/sentra test and long ones for deploy/sentra
# fuzz. Sourced by deploy/sentra.

SENTRA_FUZZ_BUILD=${SENTRA_FUZZ_BUILD:-$SENTRA_BUILD/fuzz}
FUZZERS=(fuzz_http_request fuzz_transcoder fuzz_json_limits fuzz_path_template fuzz_jwt)

build_fuzzers() {
  if [ ! -f "$SENTRA_FUZZ_BUILD/build.ninja" ]; then
    cmake -S "$SENTRA_ROOT" -B "$SENTRA_FUZZ_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DCMAKE_CXX_COMPILER=clang++ -DSENTRA_FUZZ=ON -DSENTRA_BUILD_TESTS=OFF >/dev/null
  fi
  say "building the fuzz targets ($SENTRA_FUZZ_BUILD)"
  cmake --build "$SENTRA_FUZZ_BUILD" -j "${SENTRA_JOBS:-$(nproc)}" --target sentra_fuzzers
}

# run_fuzzers SECONDS: each target for SECONDS over its corpus. New inputs
# go to a scratch folder; an input that crashes a target is written into its
# corpus folder (crash-…), where every later run replays it: commit it with
# the fix.
run_fuzzers() {
  local seconds=$1 name corpus scratch failed=()
  scratch=$(mktemp -d /tmp/sentra-fuzz.XXXXXX)
  for name in "${FUZZERS[@]}"; do
    corpus="$SENTRA_ROOT/tests/fuzz/corpus/$name"
    mkdir -p "$corpus" "$scratch/$name"
    local dict=()
    [ -f "$SENTRA_ROOT/tests/fuzz/$name.dict" ] && dict=(-dict="$SENTRA_ROOT/tests/fuzz/$name.dict")
    say "fuzzing $name for ${seconds}s"
    if ! ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      "$SENTRA_FUZZ_BUILD/tests/fuzz/$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -max_len=65536 -print_final_stats=1 "${dict[@]}" -artifact_prefix="$corpus/" \
        "$scratch/$name" "$corpus" > "$scratch/$name.log" 2>&1; then
      tail -n 40 "$scratch/$name.log" >&2
      failed+=("$name")
    else
      grep -E '^stat::(number_of_executed_units|new_units_added)' "$scratch/$name.log" | tr '\n' ' ' >&2
      echo >&2
    fi
  done
  rm -rf "$scratch"
  [ ${#failed[@]} = 0 ] || die "fuzz targets failed: ${failed[*]} (the crashing input is in tests/fuzz/corpus/<name>/)"
}
