'use strict';
// N WebSocket clients in one process, then rounds of notifications triggered over HTTP, each client's receipt timed
// from the moment the trigger was sent (one clock: this process's).
//
//   node clients.js URL TOKENS PLAN [SIGNAL_DIR]
//
// URL      the WebSocket endpoint (ws://localhost:8080/ws/notifications)
// TOKENS   "user id<TAB>access token" per line; one client per line
// PLAN     JSON: {"rounds":[{"figure","measure","url","headers","body","expect"}...]}; each round POSTs body to url
//          (with "{tag}" replaced by the round's tag) and waits until `expect` clients have the notification whose
//          body carries "#bench-ws-<tag>" (protocol.js), or ROUND_TIMEOUT
// SIGNAL_DIR  when given: once every client is connected (or refused), SIGNAL_DIR/connected is written and the rounds
//          wait for SIGNAL_DIR/go (the bench measures the server's heap in between)
//
// Environment: CONNECT_CONCURRENCY (200 handshakes in flight), AUTH_MODE (subprotocol | message), ROUND_TIMEOUT (120 s),
// GAP_MS (300, a pause between rounds), READY_TIMEOUT (60 s per client).
// Prints key=value lines (bench/common.sh `field` reads them): one "connect ..." line, one "figure=..." line per
// figure measured (receipt times over every client of every measured round: p50, p99, max; last_ms: the median over
// rounds of the time until the last client had it; spread_ms: the median over rounds of the time from the first
// recipient's receipt to the last's, the fan-out alone; answer_ms: the median time to the trigger's answer), one
// "end ..." line.
const fs = require('fs');
const { performance } = require('perf_hooks');
const WebSocket = require('ws');
const protocol = require('./protocol');

const [url, tokensFile, planFile, signalDir] = process.argv.slice(2);
if (!url || !tokensFile || !planFile) {
  console.error('usage: node clients.js URL TOKENS PLAN [SIGNAL_DIR]');
  process.exit(2);
}
const CONNECT_CONCURRENCY = Number(process.env.CONNECT_CONCURRENCY || 200);
const AUTH_MODE = process.env.AUTH_MODE || 'subprotocol';
const ROUND_TIMEOUT = Number(process.env.ROUND_TIMEOUT || 120) * 1000;
const GAP_MS = Number(process.env.GAP_MS || 300);
const READY_TIMEOUT = Number(process.env.READY_TIMEOUT || 60) * 1000;

const tokens = fs.readFileSync(tokensFile, 'utf8').split('\n').filter(Boolean).map((l) => l.split('\t'));
const plan = JSON.parse(fs.readFileSync(planFile, 'utf8'));

const counts = (o, k) => { o[k] = (o[k] || 0) + 1; };
const fmt = (o) => Object.entries(o).map(([k, v]) => `${k}:${v}`).join(',') || '-';
const refused = {};      // why a client did not get to "ready"
const closedAfter = {};  // close codes of clients that were ready
const serverErrors = {}; // "error" messages received
let open = 0;

// tag -> {t0, times: [], seen: Set of client indexes, dup, bytes, done}
const rounds = new Map();
let current = null;

function onMessage(client, data) {
  const t = performance.now();
  let m;
  try { m = protocol.parse(data.toString()); } catch (e) { counts(serverErrors, 'unparsable'); return; }
  if (m.ready) { client.ready(); return; }
  if (m.error) { counts(serverErrors, m.error); return; }
  if (m.tag === undefined || m.tag === null) return;
  const r = rounds.get(m.tag);
  if (!r) { counts(serverErrors, 'unknown-tag'); return; }
  if (r.seen.has(client.i)) { r.dup++; return; }
  r.seen.add(client.i);
  r.times.push(t - r.t0);
  r.bytes += data.length;
  if (r === current && r.seen.size >= r.expect) r.done();
}

function connect(i) {
  const [userId, token] = tokens[i];
  const hs = protocol.handshake(token, AUTH_MODE);
  return new Promise((resolve) => {
    let settled = false;
    const ws = new WebSocket(url, hs.protocols, { perMessageDeflate: false, handshakeTimeout: READY_TIMEOUT });
    const client = { i, userId, ws, isReady: false };
    const timer = setTimeout(() => finish(false, 'ready-timeout'), READY_TIMEOUT);
    function finish(ok, why) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (ok) { open++; client.isReady = true; } else { counts(refused, why); ws.terminate(); }
      resolve(ok ? client : null);
    }
    client.ready = () => finish(true);
    ws.on('open', () => { if (hs.first) ws.send(hs.first); });
    ws.on('message', (data) => onMessage(client, data));
    ws.on('error', (e) => {
      const status = /Unexpected server response: (\d+)/.exec(e.message);
      if (!settled) finish(false, status ? 'http-' + status[1] : (e.code || e.message));
    });
    ws.on('close', (code) => {
      if (!settled) finish(false, 'close-' + code);
      else if (client.isReady) { open--; client.isReady = false; counts(closedAfter, code); }
    });
  });
}

const pct = (sorted, p) => sorted.length ? sorted[Math.max(0, Math.ceil(sorted.length * p) - 1)] : NaN;
const ms = (x) => (Number.isFinite(x) ? x.toFixed(1) : 'nan');
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN; };

async function runRound(spec, tag) {
  const r = { t0: 0, times: [], seen: new Set(), dup: 0, bytes: 0, expect: spec.expect, status: 0, answerMs: NaN };
  const finished = new Promise((resolve) => { r.done = resolve; });
  rounds.set(tag, r);
  current = r;
  const body = spec.body.split('{tag}').join(tag);
  const timeout = setTimeout(() => r.done(), ROUND_TIMEOUT);
  r.t0 = performance.now();
  const answer = fetch(spec.url, { method: spec.method || 'POST', headers: spec.headers || {}, body })
    .then(async (res) => { await res.arrayBuffer(); r.status = res.status; r.answerMs = performance.now() - r.t0; })
    .catch((e) => { r.status = 'failed:' + (e.cause && e.cause.code || e.message); });
  await Promise.all([finished, answer]);
  clearTimeout(timeout);
  current = null;
  await new Promise((res) => setTimeout(res, GAP_MS)); // late duplicates still counted
  return r;
}

async function main() {
  const started = performance.now();
  const clients = [];
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(CONNECT_CONCURRENCY, tokens.length) }, async () => {
    while (next < tokens.length) {
      const c = await connect(next++);
      if (c) clients.push(c);
    }
  }));
  const secs = (performance.now() - started) / 1000;
  const connectLine = `connect clients=${tokens.length} connected=${open} refused=${tokens.length - clients.length}`
    + ` seconds=${secs.toFixed(1)} rate=${Math.round(tokens.length / secs)} why=${fmt(refused)}`;
  console.log(connectLine);
  if (signalDir) {
    fs.writeFileSync(`${signalDir}/connected`, connectLine + '\n');
    while (!fs.existsSync(`${signalDir}/go`)) await new Promise((res) => setTimeout(res, 100));
  }

  const figures = new Map();
  let n = 0;
  for (const spec of plan.rounds) {
    const tag = `${spec.figure}-${spec.measure ? 'm' : 'w'}${++n}`;
    const r = await runRound(spec, tag);
    if (!spec.measure) continue;
    if (!figures.has(spec.figure)) figures.set(spec.figure, []);
    figures.get(spec.figure).push(r);
  }
  for (const [figure, rs] of figures) {
    const times = rs.flatMap((r) => r.times).sort((a, b) => a - b);
    const expected = rs.reduce((a, r) => a + r.expect, 0);
    const statuses = {};
    rs.forEach((r) => counts(statuses, r.status));
    const bytes = rs.reduce((a, r) => a + r.bytes, 0);
    console.log(`figure=${figure} rounds=${rs.length} expected=${expected} received=${times.length}`
      + ` duplicates=${rs.reduce((a, r) => a + r.dup, 0)} p50_ms=${ms(pct(times, 0.5))} p99_ms=${ms(pct(times, 0.99))}`
      + ` max_ms=${ms(times[times.length - 1])} last_ms=${ms(median(rs.map((r) => (r.times.length ? Math.max(...r.times) : NaN))))}`
      + ` spread_ms=${ms(median(rs.map((r) => (r.times.length ? Math.max(...r.times) - Math.min(...r.times) : NaN))))}`
      + ` answer_ms=${ms(median(rs.map((r) => r.answerMs)))} bytes=${times.length ? Math.round(bytes / times.length) : 0}`
      + ` statuses=${fmt(statuses)}`);
  }
  console.log(`end open=${open} closed_during_run=${fmt(closedAfter)} server_errors=${fmt(serverErrors)}`);

  // a clean close of every client, at most 15 s
  await Promise.race([
    Promise.all(clients.map((c) => new Promise((res) => {
      if (c.ws.readyState === WebSocket.CLOSED) return res();
      c.ws.once('close', res);
      c.ws.close(1000);
    }))),
    new Promise((res) => setTimeout(res, 15000)),
  ]);
  process.exit(0);
}

main().catch((e) => { console.error(e); process.exit(1); });
