#!/bin/sh
# Runs hn's main job on a throwaway sample repository: creates worktrees (one nested),
# lists them, shows one, gives them ports from the registry, removes one. Where a Docker
# engine with compose is reachable, it then runs a sample app whose compose file fixes its
# host port and container name in two worktrees side by side, each answering HTTP on its
# own port, and removes them; then a worktree whose data volume is seeded from the main
# checkout's running stack answers on its own URL through hn's proxy (where Debian's caddy or
# the caddy:2 image is there). The sample is left in a temp folder to explore.
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

# The main job: two copies of one app, side by side. The image is built locally from a
# static busybox, as hn's tests do (no registry is needed).
docker_skip() {
  printf '\nDocker part skipped: %s.\n' "$1"
}
if ! docker info >/dev/null 2>&1; then
  docker_skip "no Docker engine is reachable (docker info fails)"
elif ! docker compose version >/dev/null 2>&1 && ! docker-compose version >/dev/null 2>&1; then
  docker_skip "no compose is installed (docker compose or docker-compose)"
elif ! docker image inspect hn-demo-busybox >/dev/null 2>&1 \
    && ! { [ -x /bin/busybox ] && file -L /bin/busybox 2>/dev/null | grep -q "statically linked"; }; then
  docker_skip "building the sample image needs a static /bin/busybox (Debian: busybox-static)"
else
  if ! docker image inspect hn-demo-busybox >/dev/null 2>&1; then
    image=$(mktemp -d "${TMPDIR:-/tmp}/hn-demo-image.XXXXXX")
    cp /bin/busybox "$image/busybox"
    printf 'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "--install", "-s", "/bin"]\nENV PATH=/bin\n' \
      > "$image/Dockerfile"
    docker build -q -t hn-demo-busybox "$image" >/dev/null 2>&1
    rm -rf "$image"
  fi
  cat > compose.yaml <<'YAML'
services:
  web:
    image: hn-demo-busybox
    container_name: shop-web          # fixed: two copies would collide without hn
    command: ["sh", "-c", "mkdir -p /www && echo \"shop on branch $$BRANCH\" > /www/index.html && exec httpd -f -p 80 -h /www"]
    environment:
      BRANCH: main
    ports:
      - "8080:80"                     # fixed: stays free for the main checkout
YAML
  printf 'docker:\n  enabled: true\n  env:\n    BRANCH: "{{branch}}"\n' > .hannahanna.yml
  git add compose.yaml .hannahanna.yml
  git -c user.name=demo -c user.email=demo@example.com commit -q -m "sample app"
  run add app-a --docker
  run add app-b --docker
  run docker ps
  for wt in app-a app-b; do
    port=$("$hn" env "$wt" --format json | sed -n 's/.*"WT_PORTS_WEB" *: *"\([0-9]*\)".*/\1/p')
    printf '\n$ curl http://localhost:%s/   # %s\n' "$port" "$wt"
    i=0
    until body=$(busybox wget -qO- "http://127.0.0.1:$port/" 2>/dev/null || curl -fsS "http://127.0.0.1:$port/" 2>/dev/null); do
      i=$((i + 1)); [ "$i" -lt 25 ] || { body="(no answer)"; break; }; sleep 0.2
    done
    echo "$body"
  done
  run remove app-a
  run remove app-b

  # A ready environment: the main checkout runs the app with its data in a volume; a new
  # worktree starts with a copy of that data and answers on its own URL.
  if docker compose version >/dev/null 2>&1; then compose="docker compose"; else compose=docker-compose; fi
  caddy_image=caddy:2
  if ! docker image inspect "$caddy_image" >/dev/null 2>&1; then
    caddy_image="hn-demo-caddy"
    if ! docker image inspect "$caddy_image" >/dev/null 2>&1 && command -v caddy >/dev/null 2>&1; then
      image=$(mktemp -d "${TMPDIR:-/tmp}/hn-demo-caddy.XXXXXX")
      for f in "$(command -v caddy)" $(ldd "$(command -v caddy)" | grep -o '/[^ ]*'); do
        mkdir -p "$image/root$(dirname "$f")" && cp "$f" "$image/root$f"
      done
      printf 'FROM scratch\nCOPY root/ /\nENV PATH=/usr/bin\n' > "$image/Dockerfile"
      docker build -q -t "$caddy_image" "$image" >/dev/null 2>&1
      rm -rf "$image"
    fi
  fi
  if ! docker image inspect "$caddy_image" >/dev/null 2>&1 || ! command -v curl >/dev/null 2>&1; then
    docker_skip "the URL part needs curl and the caddy:2 image or Debian's caddy"
  else
    cat > compose.yaml <<'YAML'
services:
  web:
    image: hn-demo-busybox
    command: ["httpd", "-f", "-p", "80", "-h", "/www"]
    volumes: ["site:/www"]
    ports: ["8080:80"]
volumes:
  site: {}
YAML
    printf 'docker:\n  enabled: true\n  seed:\n    image: hn-demo-busybox\nproxy:\n  port: 8380\n  image: %s\n' \
      "$caddy_image" > .hannahanna.yml
    git add compose.yaml .hannahanna.yml
    git -c user.name=demo -c user.email=demo@example.com commit -q -m "sample app with its data in a volume"
    run trust
    printf '\n$ %s up -d   # the main checkout runs the app, with its data\n' "$compose"
    $compose up -d 2>/dev/null
    $compose exec -T web sh -c 'echo "shop data, copied from main" > /www/index.html'
    run proxy start
    run add app-c --docker
    printf '\n$ curl http://web.app-c.shop.localhost:8380/\n'
    i=0
    until curl -fsS http://web.app-c.shop.localhost:8380/ 2>/dev/null; do
      i=$((i + 1)); [ "$i" -lt 25 ] || { echo "(no answer)"; break; }; sleep 0.2
    done
    run proxy routes
    run remove app-c
    run proxy stop
    $compose down -v 2>/dev/null
  fi
fi

printf '\nDone. The sample stays in %s; remove it with: rm -rf %s\n' "$demo" "$demo"
