#!/usr/bin/env python3
"""Autosave load test: N simulated trainees, each answering one quiz question per second for
D seconds through the attempt page's autosave call, against a running Checkpoint on loopback.

Every trainee signs in, joins the demo class of "Travel document examination" with its join
code, starts the course's first practice quiz and then, once a second, changes the answer to
one of its choice questions. Afterwards every attempt page is read back and each question's
last acknowledged answer must be the one shown as chosen: an acknowledged answer that is not
there is a lost answer.

With READ_LESSONS=1 in the environment every trainee also reads a lesson of the course every
other second (its answers then go every other second). With ALLOW_ERRORS=1 failed requests
(for instance while the server is killed and restarted) do not fail the run: only a lost
acknowledged answer does.

The load itself runs on one asyncio loop with a keep-alive connection per trainee, so the
generator stays light next to the server on the same machine. Standard library only. Usage:
  bench_autosave.py BASE_URL ADMIN_PASSWORD LOGIN_PREFIX PASSWORD COUNT SECONDS
"""

import asyncio
import http.client
import os
import re
import sys
import time
import urllib.parse

BASE, ADMIN_PASSWORD, PREFIX, PASSWORD = sys.argv[1:5]
COUNT, SECONDS = int(sys.argv[5]), int(sys.argv[6])
READ_LESSONS = os.environ.get("READ_LESSONS") == "1"
ALLOW_ERRORS = os.environ.get("ALLOW_ERRORS") == "1"
HOST, PORT = urllib.parse.urlsplit(BASE).hostname, urllib.parse.urlsplit(BASE).port


class Session:
    """One browser: a keep-alive connection and its cookies."""

    def __init__(self):
        self.conn = http.client.HTTPConnection(HOST, PORT, timeout=30)
        self.cookies = {}

    def request(self, method, path, body=None, headers=None):
        headers = dict(headers or {})
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        headers["Host"] = f"{HOST}:{PORT}"
        if body is not None:
            body = urllib.parse.urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in range(2):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                res = self.conn.getresponse()
                data = res.read().decode("utf-8", "replace")
                break
            except (http.client.HTTPException, ConnectionError):
                if attempt:
                    raise
                self.conn = http.client.HTTPConnection(HOST, PORT, timeout=30)
        for name, value in res.getheaders():
            if name.lower() == "set-cookie":
                k, v = value.split(";", 1)[0].split("=", 1)
                self.cookies[k] = v
        return res.status, res.getheader("Location") or "", data

    def csrf(self):
        if "checkpoint_csrf" not in self.cookies:
            self.request("GET", "/login")
        return self.cookies["checkpoint_csrf"]

    def post(self, path, fields, json=False):
        fields = dict(fields, csrf_token=self.csrf())
        accept = "application/json" if json else "text/html"
        return self.request("POST", path, fields, {"Accept": accept, "Referer": BASE + "/"})

    def sign_in(self, login, password):
        status, location, _ = self.post(
            "/api/login", {"login": login, "password": password, "next": "/"}
        )
        assert status == 303 and "/login" not in location, f"sign-in of {login}: {status} {location}"


def join_code():
    admin = Session()
    admin.sign_in("admin", ADMIN_PASSWORD)
    _, _, page = admin.request("GET", "/classes")
    for cid in re.findall(r'href="/classes/(\d+)"', page):
        _, _, detail = admin.request("GET", f"/classes/{cid}")
        if "Travel document examination" in detail:
            return re.search(r'id="join-code">([A-Z0-9]+)<', detail).group(1)
    raise SystemExit("no demo class for the document-examination course")


def choice_inputs(page):
    """(question id, [option values]) of the radio and checkbox questions of an attempt page."""
    out = {}
    for name, value in re.findall(r'<input type="(?:radio|checkbox)"[^>]*name="q(\d+)" value="([^"]+)"', page):
        out.setdefault(int(name), []).append(value)
    return out


def chosen(page):
    found = {}
    for tag in re.findall(r"<input [^>]*>", page):
        m = re.search(r'name="q(\d+)" value="([^"]+)"', tag)
        if m and re.search(r"\schecked(\s|>|=)", tag):
            found.setdefault(int(m.group(1)), set()).add(m.group(2))
    return found


class Trainee:
    def __init__(self, n, code, start_at):
        self.login = f"{PREFIX}{n:03d}"
        self.code, self.start_at = code, start_at
        self.latencies, self.errors, self.acked = [], [], {}
        self.lesson_latencies = []
        self.attempt = None
        self.s = Session()

    def prepare(self):
        self.s.sign_in(self.login, PASSWORD)
        self.s.post("/api/classes/join", {"code": self.code})
        _, _, outline = self.s.request("GET", "/courses/document-examination")
        self.lessons = sorted(set(re.findall(r'href="(/courses/document-examination/lessons/\d+)"', outline)))
        assert self.lessons, "the course outline lists its lessons"
        quiz = re.search(r'href="/quizzes/(\d+)">Practice', outline).group(1)
        status, location, _ = self.s.post("/api/quizzes/start", {"id": quiz})
        assert status == 303 and location.startswith("/attempts/"), (status, location)
        self.attempt = location.rsplit("/", 1)[1]
        _, _, page = self.s.request("GET", location)
        self.questions = sorted(choice_inputs(page).items())
        assert self.questions, "the practice quiz has choice questions"

    async def reconnect_later(self):
        """A connection once the server answers again (tries for up to 30 s)."""
        for _ in range(300):
            try:
                return await asyncio.open_connection(HOST, PORT)
            except OSError:
                await asyncio.sleep(0.1)
        raise SystemExit("the server did not come back within 30 s")

    async def run(self):
        """Once a second for SECONDS seconds, change one answer through the autosave call."""
        reader, writer = await asyncio.open_connection(HOST, PORT)
        cookie = "; ".join(f"{k}={v}" for k, v in self.s.cookies.items())
        token = self.s.csrf()
        for i in range(SECONDS):
            await asyncio.sleep(max(0.0, self.start_at + i - time.time()))
            reading = READ_LESSONS and i % 2 == 1
            if reading:
                lesson = self.lessons[(i // 2) % len(self.lessons)]
                body = b""
                head = (
                    f"GET {lesson} HTTP/1.1\r\nHost: {HOST}:{PORT}\r\n"
                    f"Cookie: {cookie}\r\nAccept: text/html\r\n\r\n"
                ).encode()
            else:
                step = i // 2 if READ_LESSONS else i
                qid, values = self.questions[step % len(self.questions)]
                value = values[(step // len(self.questions)) % len(values)]
                answers = urllib.parse.urlencode({"p": qid, f"q{qid}": value})
                body = urllib.parse.urlencode(
                    {"attempt": self.attempt, "answers": answers, "csrf_token": token}
                ).encode()
                head = (
                    f"POST /api/quizzes/autosave HTTP/1.1\r\nHost: {HOST}:{PORT}\r\n"
                    f"Cookie: {cookie}\r\nAccept: application/json\r\n"
                    "Content-Type: application/x-www-form-urlencoded\r\n"
                    f"Content-Length: {len(body)}\r\n\r\n"
                ).encode()
            t0 = time.perf_counter()
            try:
                writer.write(head + body)
                await writer.drain()
                status_line = await reader.readline()
                status = int(status_line.split()[1])
                length, chunked = 0, False
                while (line := await reader.readline()) not in (b"\r\n", b""):
                    name, _, val = line.decode().partition(":")
                    if name.lower() == "content-length":
                        length = int(val)
                    elif name.lower() == "transfer-encoding" and "chunked" in val.lower():
                        chunked = True
                if chunked:
                    # Pages are streamed: read every chunk up to the empty one.
                    parts = []
                    while True:
                        size = int((await reader.readline()).split(b";")[0].strip() or b"0", 16)
                        if size == 0:
                            await reader.readline()
                            break
                        parts.append(await reader.readexactly(size))
                        await reader.readline()
                    text = b"".join(parts).decode("utf-8", "replace")
                else:
                    text = (await reader.readexactly(length)).decode("utf-8", "replace")
            except Exception as e:  # noqa: BLE001 - every failure counts as an error
                status, text = 0, repr(e)
                writer.close()
                try:
                    reader, writer = await asyncio.open_connection(HOST, PORT)
                except OSError:
                    # The server is down (the crash test): the next request tries again.
                    reader, writer = await self.reconnect_later()
            elapsed = time.perf_counter() - t0
            if status == 200 and reading:
                self.lesson_latencies.append(elapsed)
            elif status == 200:
                self.latencies.append(elapsed)
                self.acked[qid] = value
            else:
                self.errors.append((status, text[:200]))
        writer.close()


def main():
    code = join_code()
    trainees = [Trainee(n, code, 0) for n in range(1, COUNT + 1)]
    for t in trainees:
        t.prepare()
    # Trainees are not in step: each saves once a second, their seconds spread evenly.
    start_at = time.time() + 1
    for n, t in enumerate(trainees):
        t.start_at = start_at + n / COUNT

    async def load():
        await asyncio.gather(*(t.run() for t in trainees))

    print("load_started", flush=True)

    asyncio.run(load())
    lost = 0
    for t in trainees:
        _, _, page = t.s.request("GET", f"/attempts/{t.attempt}")
        shown = chosen(page)
        lost += sum(1 for qid, value in t.acked.items() if value not in shown.get(qid, set()))
    lat = sorted(x for t in trainees for x in t.latencies)
    errors = [e for t in trainees for e in t.errors]
    pct = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))] * 1000  # noqa: E731
    print(f"autosave_trainees={COUNT} seconds={SECONDS} requests={len(lat)} "
          f"rate={len(lat) / SECONDS:.0f}/s errors={len(errors)} lost_answers={lost}")
    print(f"autosave_latency_ms p50={pct(0.50):.1f} p90={pct(0.90):.1f} "
          f"p99={pct(0.99):.1f} max={lat[-1] * 1000:.1f}")
    if READ_LESSONS:
        les = sorted(x for t in trainees for x in t.lesson_latencies)
        lp = lambda p: les[min(len(les) - 1, int(p * len(les)))] * 1000  # noqa: E731
        print(f"lesson_reads={len(les)} lesson_latency_ms p50={lp(0.50):.1f} "
              f"p90={lp(0.90):.1f} p99={lp(0.99):.1f} max={les[-1] * 1000:.1f}")
        both = sorted(lat + les)
        bp = lambda p: both[min(len(both) - 1, int(p * len(both)))] * 1000  # noqa: E731
        print(f"all_requests={len(both)} p99_ms={bp(0.99):.1f}")
    for e in errors[:5]:
        print("  error:", e)
    if ALLOW_ERRORS:
        return 1 if lost else 0
    return 1 if errors or lost else 0


if __name__ == "__main__":
    sys.exit(main())
