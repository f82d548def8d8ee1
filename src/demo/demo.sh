#!/bin/sh
# Runs hn's main job on a throwaway sample repository: creates worktrees (one nested),
# lists them, shows one, removes one. The sample is left in a temp folder to explore.
set -eu
hn="$(cd "$(dirname "$0")/../.." && pwd)/target/hn"
demo=$(mktemp -d "${TMPDIR:-/tmp}/hn-demo.XXXXXX")

run() {
  printf '\n$ hn %s\n' "$*"
  "$hn" "$@"
}

git init -q -b main "$demo/shop"
cd "$demo/shop"
git -c user.name=demo -c user.email=demo@example.com commit -q --allow-empty -m "initial commit"
echo "Sample repository: $demo/shop"

run --version
run add feat-cart
run add feat-search --from main
cd "$("$hn" switch cart)"
run add feat-cart-ui
run list --tree
run info feat-cart-ui
run list --json
cd "$demo/shop"
run remove feat-cart-ui
run list

printf '\nDone. The sample stays in %s; remove it with: rm -rf %s\n' "$demo" "$demo"
