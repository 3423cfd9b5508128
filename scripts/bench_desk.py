#!/usr/bin/env python3
"""Border-desk load test: N simulated trainees working the same shift at once, against a
running Checkpoint on loopback.

The administrator sets up a shift scenario in "Travel document examination" (500 travellers,
a 100,000-person watch list, drill rates). Every trainee signs in, joins the course's demo
class, starts the shift, and then every INTERVAL seconds (environment, default 5: an officer
takes longer over each step) takes the desk's next step in turn: the list query (the desk page
with the candidates and their explanations) and the decision (admit, each candidate dismissed
with a reason). INTERVAL=1 is a stress run, far above a person's pace. Latencies are measured per action on keep-alive
connections; every failed request is counted.

Standard library only. Usage:
  bench_desk.py BASE_URL ADMIN_PASSWORD LOGIN_PREFIX PASSWORD COUNT SECONDS
"""

import asyncio
import http.client
import re
import sys
import time
import urllib.parse

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from bench_autosave import Session, join_code  # noqa: E402

BASE, ADMIN_PASSWORD, PREFIX, PASSWORD = sys.argv[1:5]
COUNT, SECONDS = int(sys.argv[5]), int(sys.argv[6])
INTERVAL = float(__import__("os").environ.get("INTERVAL", "5"))
HOST, PORT = urllib.parse.urlsplit(BASE).hostname, urllib.parse.urlsplit(BASE).port
COURSE = "document-examination"


def scenario():
    """Creates the scenario as the administrator (only its specification is stored)."""
    admin = Session()
    admin.sign_in("admin", ADMIN_PASSWORD)
    fields = {
        "title": "Load: airport arrivals",
        "travellers": "500",
        "seed": "2026",
        "time_limit_minutes": "480",
        "list_size": "100000",
        "today": "2026-12-06",
        # Drill rates, as the scenario form proposes them.
        "rate_true_hit": "0.05",
        "rate_near_miss": "0.05",
        "rate_transliteration_hit": "0.05",
        "rate_stolen_document": "0.03",
        "rate_overstay": "0.03",
        "rate_expired_document": "0.03",
        "rate_soon_expiring": "0.03",
        "rate_mrz_defect": "0.03",
        "rate_impostor": "0.03",
        "rate_minor_without_consent": "0.03",
    }
    status, location, _ = admin.post(f"/author/courses/{COURSE}/desk", fields)
    assert status == 303 and "error=" not in location, (status, location)


async def read_response(reader):
    status = int((await reader.readline()).split()[1])
    length, chunked, location = 0, False, ""
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, val = line.decode().partition(":")
        name = name.lower()
        if name == "content-length":
            length = int(val)
        elif name == "transfer-encoding" and "chunked" in val.lower():
            chunked = True
        elif name == "location":
            location = val.strip()
    if chunked:
        parts = []
        while True:
            size = int((await reader.readline()).split(b";")[0].strip() or b"0", 16)
            if size == 0:
                await reader.readline()
                break
            parts.append(await reader.readexactly(size))
            await reader.readline()
        body = b"".join(parts)
    else:
        body = await reader.readexactly(length)
    return status, location, body.decode("utf-8", "replace")


class Trainee:
    def __init__(self, n, code):
        self.login = f"{PREFIX}{n:03d}"
        self.code = code
        self.query, self.decide, self.errors = [], [], []
        self.start_at = 0.0
        self.s = Session()

    def prepare(self, scenario_id):
        self.s.sign_in(self.login, PASSWORD)
        self.s.post("/api/classes/join", {"code": self.code})
        status, location, _ = self.s.post(f"/desk/scenarios/{scenario_id}/start", {})
        assert status == 303 and location.startswith("/desk/shifts/"), (status, location)
        self.desk = location

    async def run(self):
        reader, writer = await asyncio.open_connection(HOST, PORT)
        cookie = "; ".join(f"{k}={v}" for k, v in self.s.cookies.items())
        token = self.s.csrf()
        page = ""
        for i in range(int(SECONDS / INTERVAL)):
            await asyncio.sleep(max(0.0, self.start_at + i * INTERVAL - time.time()))
            querying = i % 2 == 0
            if querying:
                body = b""
                head = (
                    f"GET {self.desk}?query=1 HTTP/1.1\r\nHost: {HOST}:{PORT}\r\n"
                    f"Cookie: {cookie}\r\nAccept: text/html\r\n\r\n"
                ).encode()
            else:
                traveller = re.search(r'name="traveller" value="(\d+)"', page)
                if not traveller:
                    continue
                fields = [("csrf_token", token), ("traveller", traveller.group(1)),
                          ("queried", "1"), ("decision", "admit"), ("note", "")]
                for entry in re.findall(r'name="hit:([A-Z]\d{6})" value="dismiss"', page):
                    fields += [(f"hit:{entry}", "dismiss"), (f"why:{entry}", "name_only")]
                body = urllib.parse.urlencode(fields).encode()
                head = (
                    f"POST {self.desk}/decide HTTP/1.1\r\nHost: {HOST}:{PORT}\r\n"
                    f"Cookie: {cookie}\r\nAccept: text/html\r\nReferer: {BASE}{self.desk}\r\n"
                    "Content-Type: application/x-www-form-urlencoded\r\n"
                    f"Content-Length: {len(body)}\r\n\r\n"
                ).encode()
            t0 = time.perf_counter()
            try:
                writer.write(head + body)
                await writer.drain()
                status, location, text = await read_response(reader)
            except Exception as e:  # noqa: BLE001 - every failure counts as an error
                status, location, text = 0, "", repr(e)
                writer.close()
                reader, writer = await asyncio.open_connection(HOST, PORT)
            elapsed = time.perf_counter() - t0
            if querying and status == 200:
                self.query.append(elapsed)
                page = text
            elif not querying and status == 303 and "error=" not in location:
                self.decide.append(elapsed)
            else:
                self.errors.append((status, location, text[:200]))
        writer.close()


def report(name, lat):
    lat = sorted(lat)
    if not lat:
        print(f"{name}: none")
        return
    pct = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))] * 1000  # noqa: E731
    print(f"{name}_latency_ms n={len(lat)} p50={pct(0.50):.1f} p90={pct(0.90):.1f} "
          f"p99={pct(0.99):.1f} max={lat[-1] * 1000:.1f}")


def compressed_size(session, path):
    """Bytes of `path` as a browser downloads it (brotli or gzip, as served)."""
    conn = http.client.HTTPConnection(HOST, PORT, timeout=30)
    cookie = "; ".join(f"{k}={v}" for k, v in session.cookies.items())
    conn.request("GET", path, headers={"Cookie": cookie, "Accept": "text/html",
                                       "Accept-Encoding": "br, gzip"})
    res = conn.getresponse()
    body = res.read()
    assert res.status == 200, (path, res.status)
    return len(body), body


def first_load(t):
    """The desk page's first load without the document images: HTML, CSS, icon, scripts."""
    html, body = compressed_size(t.s, t.desk)
    sizes = {"html": html}
    for name, path in [("css", "/pkg/checkpoint.css"), ("icon", "/pkg/favicon.svg"),
                       ("clock", "/pkg/desk-clock.js")]:
        sizes[name] = compressed_size(t.s, path)[0]
    # The page itself must reference no islands bundle.
    _, _, page = t.s.request("GET", t.desk)
    wasm = "checkpoint.wasm" in page or "checkpoint.js" in page
    print(f"desk_first_load_bytes={sum(sizes.values())} "
          + " ".join(f"{k}={v}" for k, v in sizes.items())
          + f" (images excluded; islands bundle referenced: {'yes' if wasm else 'no'})")


def main():
    code = join_code()
    scenario()
    trainees = [Trainee(n, code) for n in range(1, COUNT + 1)]
    admin = Session()
    admin.sign_in("admin", ADMIN_PASSWORD)
    _, _, page = admin.request("GET", f"/courses/{COURSE}")
    scenario_id = re.findall(r'desk-start-(\d+)', page)[-1]
    # The first start generates the shift (500 travellers, 100,000 listed) and indexes the list.
    t0 = time.perf_counter()
    trainees[0].prepare(scenario_id)
    print(f"first_start_s={time.perf_counter() - t0:.2f} (sign-in, join, generate and index)")
    t0 = time.perf_counter()
    for t in trainees[1:]:
        t.prepare(scenario_id)
    print(f"shifts_started={COUNT} in {time.perf_counter() - t0:.1f}s (sign-in, join, start)")
    first_load(trainees[0])
    start_at = time.time() + 1
    for n, t in enumerate(trainees):
        t.start_at = start_at + n * INTERVAL / COUNT

    async def load():
        await asyncio.gather(*(t.run() for t in trainees))

    asyncio.run(load())
    query = [x for t in trainees for x in t.query]
    decide = [x for t in trainees for x in t.decide]
    errors = [e for t in trainees for e in t.errors]
    print(f"desk_trainees={COUNT} seconds={SECONDS} interval_s={INTERVAL:g} "
          f"requests={len(query) + len(decide)} "
          f"rate={(len(query) + len(decide)) / SECONDS:.0f}/s errors={len(errors)}")
    report("desk_query", query)
    report("desk_decide", decide)
    report("desk_all", query + decide)
    for e in errors[:5]:
        print("  error:", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
