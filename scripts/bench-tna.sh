#!/usr/bin/env bash
# Training-needs-analysis benchmarks of a release build on SQLite, loopback only (run by
# `make bench`):
#  - a campaign of 20,000 submitted responses to a 60-item questionnaire (every item an
#    importance × performance pair) across Utopia's three agencies and nine positions;
#  - `checkpoint tna report` of its gap analysis: the whole command, and the analysis itself
#    as the server logs it (reading the responses, turning them into 1.2 million observations,
#    grouping per competency × agency × position, writing the CSV);
#  - the results page: the first request (which analyses) and then repeated requests (which
#    reuse the analysis until a response, job specification or the framework changes).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${CARGO_TARGET_DIR:-target}/release/checkpoint
responses=${BENCH_TNA_RESPONSES:-20000}
port=${BENCH_PORT:-3919}
base="http://127.0.0.1:$port"

data=$(mktemp -d)
pid=
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$data"' EXIT
"$bin" --data-dir "$data" demo >/dev/null

campaign=$(python3 - "$data/checkpoint.db" "$responses" content/tna/competencies-border-2026.toml <<'PY'
import json, random, re, sqlite3, sys
db, count, framework = sys.argv[1], int(sys.argv[2]), sys.argv[3]
competencies = re.findall(r'^  id = "([a-z0-9-]+)"', open(framework).read(), re.M)
items = []
for n in range(60):
    c = competencies[n % len(competencies)]
    items.append(f'''
  [[section.item]]
  id = "b{n:02d}"
  kind = "dual"
  competency = "{c}"
  text = {{ en = "Task {n} for {c}", fr = "Tâche {n} pour {c}" }}''')
toml = '''id = "bench-60"
version = "1"
title = { en = "Benchmark questionnaire (60 items)", fr = "Questionnaire d'essai (60 questions)" }
intro = { en = "Generated.", fr = "Généré." }

[[section]]
id = "tasks"
title = { en = "Tasks", fr = "Tâches" }
''' + "".join(items) + "\n"
con = sqlite3.connect(db)
now = "2026-01-15T09:00:00Z"
cur = con.cursor()
cur.execute("INSERT INTO tna_questionnaires (slug, number, title, definition, created_by, created_at, updated_at) VALUES (?,?,?,?,NULL,?,?)",
            ("bench-60", 1, "Benchmark questionnaire (60 items)", toml, now, now))
q = cur.lastrowid
cur.execute("INSERT INTO tna_campaigns (title, questionnaire_id, status, anonymous, min_group, opens_on, closes_on, created_by, created_at, updated_at) VALUES (?,?,?,?,?,?,?,NULL,?,?)",
            ("Benchmark campaign", q, "closed", 1, 5, "2026-01-01", "2026-01-31", now, now))
campaign = cur.lastrowid
positions = cur.execute("SELECT p.id, p.agency_id FROM positions p JOIN agencies a ON a.id = p.agency_id WHERE a.country_code = 'UTO'").fetchall()
for agency in sorted({a for _, a in positions}):
    cur.execute("INSERT INTO tna_campaign_agencies (campaign_id, agency_id) VALUES (?,?)", (campaign, agency))
rng = random.Random(2026)
rows = []
for i in range(count):
    position, agency = positions[i % len(positions)]
    answers = {f"b{n:02d}": [rng.randint(1, 7), rng.randint(1, 7)] for n in range(60)}
    rows.append((campaign, agency, position, json.dumps(answers, separators=(",", ":")), now, now))
cur.executemany("INSERT INTO tna_responses (campaign_id, person_id, draft_token, perspective, agency_id, position_id, source, paper_ref, status, answers, created_at, updated_at, submitted_on) VALUES (?,NULL,NULL,'self',?,?,'online',NULL,'submitted',?,?,?,'2026-01-20')", rows)
con.commit()
print(campaign)
PY
)
echo "campaign=$campaign responses=$responses items=60"

start=$(date +%s%N)
CHECKPOINT_LOG=info "$bin" --data-dir "$data" tna report "$campaign" --format csv --out "$data/gaps.csv" 2>"$data/report.log" >/dev/null
echo "tna_report_total_ms=$(( ($(date +%s%N) - start) / 1000000 )) (one process: start, read 20,000 responses, analyse, write $(($(wc -l <"$data/gaps.csv") - 1)) rows)"
grep -o 'analysed in [0-9]* ms' "$data/report.log" | sed 's/analysed in /tna_analysis_ms=/; s/ ms//'

"$bin" --data-dir "$data" serve --addr "127.0.0.1:$port" >"$data/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done
python3 - "$base" "$campaign" <<'PY'
import http.client, statistics, sys, time, urllib.parse
base, campaign = sys.argv[1], sys.argv[2]
u = urllib.parse.urlsplit(base)
conn = http.client.HTTPConnection(u.hostname, u.port, timeout=60)
cookies = {}
def request(method, path, body=None):
    headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()), "Accept": "text/html", "Referer": base + "/"}
    if body is not None:
        body = urllib.parse.urlencode(body)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    conn.request(method, path, body=body, headers=headers)
    res = conn.getresponse()
    data = res.read()
    for name, value in res.getheaders():
        if name.lower() == "set-cookie":
            k, v = value.split(";", 1)[0].split("=", 1)
            cookies[k] = v
    return res.status, data
request("GET", "/login")
status, _ = request("POST", "/api/login", {"login": "analyst", "password": "analyst-demo-2026", "next": "/", "csrf_token": cookies["checkpoint_csrf"]})
assert status == 303, status
def timed(path):
    t = time.perf_counter()
    status, data = request("GET", path)
    assert status == 200, (path, status)
    return (time.perf_counter() - t) * 1000, len(data)
first, size = timed(f"/tna/campaigns/{campaign}/results")
warm = sorted(timed(f"/tna/campaigns/{campaign}/results")[0] for _ in range(30))
drill = sorted(timed(f"/tna/campaigns/{campaign}/results?agency=1")[0] for _ in range(30))
print(f"results_page_first_ms={first:.0f} (analyses 20,000 responses) size_bytes={size}")
print(f"results_page_warm_ms median={statistics.median(warm):.1f} p95={warm[int(len(warm) * 0.95) - 1]:.1f} max={warm[-1]:.1f}")
print(f"results_drilldown_ms median={statistics.median(drill):.1f} p95={drill[int(len(drill) * 0.95) - 1]:.1f} max={drill[-1]:.1f}")
PY
