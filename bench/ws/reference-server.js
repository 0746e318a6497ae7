'use strict';
// The reference for bench/notifications.sh: a plain broadcast server on Node's `ws` (the deployment guide's design
// was socket.io on Node), speaking as much of Spark's protocol as the load client uses (docs/api.md, WebSocket):
// subprotocol spark.v1, the user named by the `bearer.<JWT>` subprotocol or a first {"type":"auth","token"} message
// (the token's `sub` is read, not verified: no crypto, no database), {"type":"ready"} once known, a ping every
// 30 s (a client that has not answered the previous one is dropped), and notifications of Spark's shape and size.
//
//   node reference-server.js PORT            ws://127.0.0.1:PORT/ws/notifications
//
// POST /notify {"to": [user ids] | "all", "title", "body", "data"}: every connection of the users named (or every
// connection) is sent one message, {"type":"notification","notification":{"id","seq","kind","title","body","data",
// "read","createdAt"}}, each with its own id and seq as Spark's one notification per recipient. Answers
// {"recipients": users, "sent": messages} once every message is queued on its socket.
const http = require('http');
const crypto = require('crypto');
const WebSocket = require('ws');

const port = Number(process.argv[2] || 8090);
const byUser = new Map(); // user id -> Set of sockets
let seq = 0;

function userOf(token) {
  try {
    return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sub || null;
  } catch (e) {
    return null;
  }
}

function admit(ws, userId) {
  ws.userId = userId;
  if (!byUser.has(userId)) byUser.set(userId, new Set());
  byUser.get(userId).add(ws);
  ws.send(JSON.stringify({ type: 'ready', userId, pingIntervalSeconds: 30, maxMessageBytes: 8192 }));
}

const server = http.createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/notify') { res.writeHead(404).end(); return; }
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    let m;
    try { m = JSON.parse(Buffer.concat(chunks).toString()); } catch (e) { res.writeHead(400).end(); return; }
    const targets = m.to === 'all' ? [...byUser.keys()] : m.to;
    let sent = 0;
    const createdAt = new Date().toISOString();
    for (const userId of targets) {
      const sockets = byUser.get(userId);
      if (!sockets) continue;
      for (const ws of sockets) {
        ws.send(JSON.stringify({ type: 'notification', notification: {
          id: crypto.randomUUID(), seq: ++seq, kind: 'TEACHER_MESSAGE', title: m.title, body: m.body, data: m.data,
          read: false, createdAt } }));
        sent++;
      }
    }
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ recipients: targets.length, sent }));
  });
});

const wss = new WebSocket.Server({
  server, path: '/ws/notifications', perMessageDeflate: false,
  handleProtocols: (protocols) => (protocols.has('spark.v1') ? 'spark.v1' : false),
});
wss.on('connection', (ws, req) => {
  ws.alive = true;
  ws.on('pong', () => { ws.alive = true; });
  const offered = (req.headers['sec-websocket-protocol'] || '').split(',').map((p) => p.trim());
  const bearer = offered.find((p) => p.startsWith('bearer.'));
  if (bearer) admit(ws, userOf(bearer.slice('bearer.'.length)));
  ws.on('message', (data) => {
    let m;
    try { m = JSON.parse(data.toString()); } catch (e) { return; }
    if (m.type === 'auth' && !ws.userId) {
      const userId = userOf(String(m.token || ''));
      if (userId) admit(ws, userId); else ws.close(4401);
    } else if (m.type === 'ping') {
      ws.send('{"type":"pong"}');
    }
  });
  ws.on('close', () => {
    const sockets = ws.userId && byUser.get(ws.userId);
    if (sockets) { sockets.delete(ws); if (!sockets.size) byUser.delete(ws.userId); }
  });
});

setInterval(() => {
  for (const ws of wss.clients) {
    if (!ws.alive) { ws.terminate(); continue; }
    ws.alive = false;
    ws.ping();
  }
}, 30000).unref();

server.listen(port, '127.0.0.1', () => console.log(`reference: listening on ws://127.0.0.1:${port}/ws/notifications`));
