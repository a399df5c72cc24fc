#!/usr/bin/env bash
# Runs the gateway's nginx.conf (from k8s/simple-scalable/gateway.yaml) with a local nginx on
# loopback, in front of three fake upstreams that echo their role, and checks where each Loki
# route goes. Needs nginx, python3 (with PyYAML) and curl. Every process it starts is stopped by PID.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

python3 - "$here/simple-scalable/gateway.yaml" "$work/nginx.conf" <<'PY'
import sys, yaml
conf = next(d for d in yaml.safe_load_all(open(sys.argv[1])) if d and d["kind"] == "ConfigMap")["data"]["nginx.conf"]
for name, port in (("strata-write", 18101), ("strata-read", 18102), ("strata-backend", 18103)):
    conf = conf.replace(f"{name}:3100", f"127.0.0.1:{port}")
open(sys.argv[2], "w").write(conf.replace("listen 8080;", "listen 127.0.0.1:18100;"))
PY
cat > "$work/echo.py" <<'PY'
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
class Echo(BaseHTTPRequestHandler):
    def reply(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = f"{sys.argv[2]} {self.headers.get('X-Scope-OrgID')}".encode()
        self.send_response(200); self.send_header("Content-Length", str(len(body))); self.end_headers()
        self.wfile.write(body)
    do_GET = do_POST = do_DELETE = reply
    def log_message(self, *args): pass
ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Echo).serve_forever()
PY
for role in write:18101 read:18102 backend:18103; do
  python3 "$work/echo.py" "${role#*:}" "${role%%:*}" & pids+=($!)
done
for port in 18101 18102 18103; do
  for _ in $(seq 100); do curl -s "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.1; done
done
nginx -t -q -c "$work/nginx.conf" -p "$work"
nginx -c "$work/nginx.conf" -p "$work" -g 'daemon off;' 2>"$work/nginx.err" & pids+=($!)
for _ in $(seq 50); do curl -sf http://127.0.0.1:18100/ready >/dev/null && break; sleep 0.1; done

fail=0
expect() {  # method path expected-body
  got=$(curl -s -X "$1" -H 'X-Scope-OrgID: t1' "http://127.0.0.1:18100$2")
  if [ "$got" = "$3" ]; then echo "ok   $1 $2 -> $got"; else echo "FAIL $1 $2 -> '$got', want '$3'"; fail=1; fi
}
expect GET  /ready "ready"
expect POST /loki/api/v1/push "write t1"
expect POST /api/prom/push "write t1"
expect POST /otlp/v1/logs "write t1"
expect GET  '/loki/api/v1/query_range?query=%7Bapp%3D%22a%22%7D' "read t1"
expect GET  /loki/api/v1/labels "read t1"
expect GET  /loki/api/v1/tail "read t1"
expect GET  /loki/api/v1/rules "backend t1"
expect POST /loki/api/v1/rules/ns "backend t1"
expect GET  /prometheus/api/v1/rules "backend t1"
expect GET  /prometheus/api/v1/alerts "backend t1"
expect GET  /api/prom/rules "backend t1"
expect POST '/loki/api/v1/delete?query=%7Bapp%3D%22a%22%7D&start=1700000000' "backend t1"
expect GET  /loki/api/v1/delete "backend t1"
expect DELETE '/loki/api/v1/delete?request_id=abc' "backend t1"
exit $fail
