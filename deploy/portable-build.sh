#!/bin/bash
# Build a wom binary that runs on Linux with glibc 2.28 or newer (RHEL/Rocky/
# Alma 8, Debian 10, Ubuntu 18.10 and later), the clusters people have, and
# check it: no symbol in `objdump -T` may need a GLIBC_ version above 2.28.
#
#   deploy/portable-build.sh [OUT]      (default OUT: dist/wom-x86_64-linux-glibc2.28)
#
# Needs: Rust 1.85 or newer (edition 2024; tested with 1.95) from rustup,
# `pip install ziglang cargo-zigbuild` (zig links against the glibc 2.28
# symbol set, whatever this machine's glibc is) and objdump (binutils).
# It is a full release build of every dependency for the target: minutes.
# Set NICE=0 to build at normal priority (default: nice -n 5).
set -euo pipefail

die() {
    printf 'portable-build: %s\n' "$*" >&2
    exit "${2:-2}"
}

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${1:-$here/dist/wom-x86_64-linux-glibc2.28}
target=x86_64-unknown-linux-gnu
glibc=2.28

command -v cargo >/dev/null || die "cargo not found: install Rust with rustup (https://rustup.rs), 1.85 or newer"
command -v cargo-zigbuild >/dev/null || die "cargo-zigbuild not found: pip install ziglang cargo-zigbuild"
command -v objdump >/dev/null || die "objdump not found: install binutils (apt-get install binutils / dnf install binutils)"
rustup target list --installed 2>/dev/null | grep -qx "$target" || rustup target add "$target"

nice_cmd=(nice -n "${NICE:-5}")
cd "$here"
printf 'portable-build: cargo zigbuild --release --target %s.%s (%s)\n' "$target" "$glibc" "$(rustc --version)"
"${nice_cmd[@]}" cargo zigbuild --release --locked --target "$target.$glibc" --bin wom

bin=${CARGO_TARGET_DIR:-$here/target}/$target/release/wom
[[ -x $bin ]] || die "the build left no binary at $bin" 1

# Every versioned glibc symbol the binary imports, e.g. GLIBC_2.17.
needed=$(objdump -T "$bin" | grep -o 'GLIBC_[0-9][0-9.]*' | sort -u -V)
newest=$(printf '%s\n' "$needed" | sed 's/GLIBC_//' | sort -V | tail -n 1)
too_new=$(printf '%s\n' "$needed" | sed 's/GLIBC_//' |
    awk -v max="$glibc" -F. '{ split(max, m, "."); if ($1 > m[1] || ($1 == m[1] && $2 > m[2])) print "GLIBC_" $0 }')
if [[ -n $too_new ]]; then
    die "$bin needs $(echo "$too_new" | tr '\n' ' ')above glibc $glibc; it would not start on a glibc-$glibc system" 1
fi
mkdir -p "$(dirname "$out")"
cp "$bin" "$out"
printf 'portable-build: %s: newest glibc symbol version GLIBC_%s (<= %s), %s\n' \
    "$out" "$newest" "$glibc" "$(du -h "$out" | cut -f1)"
"$out" --version
