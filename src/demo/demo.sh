#!/bin/sh
# Runs hn's main job on a throwaway sample repository: creates worktrees (one nested),
# lists them, shows one, gives them ports from the registry, removes one. The sample is
# left in a temp folder to explore. (Docker stacks need an engine and an image, so the
# demo stops at ports; see the README's Docker section.)
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
run ports allocate feat-cart web:80 db:5432
run ports allocate feat-search web:80 db:5432
run ports list
run registry sql "SELECT worktree, service, host_port FROM port_allocations_v ORDER BY host_port"
run remove feat-cart-ui
run list

printf '\nDone. The sample stays in %s; remove it with: rm -rf %s\n' "$demo" "$demo"
