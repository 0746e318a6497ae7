'use strict';
// The Spark-specific parts of the load client, kept small so a change of protocol is a change here only
// (docs/api.md, "Live notifications over WebSocket"). The reference server speaks the same, so both are measured
// by the same client code.

const SUBPROTOCOL = 'spark.v1';

// handshake(token, mode): the subprotocols to offer and the first message to send, if any.
// mode "subprotocol" (default): the token in the handshake, as `bearer.<JWT>` next to `spark.v1`;
// mode "message": `spark.v1` alone, then {"type":"auth","token":...} as the first message.
function handshake(token, mode) {
  if (mode === 'message') {
    return { protocols: [SUBPROTOCOL], first: JSON.stringify({ type: 'auth', token }) };
  }
  return { protocols: [SUBPROTOCOL, 'bearer.' + token], first: null };
}

// parse(text): what the client needs of one server message:
// {ready: true} | {tag, bytes} for a notification | {error: code} | {} for anything else (pong, expiring ...).
// The tag is the round's mark, "#bench-ws-<round>", which the trigger put in the notification's body.
const TAG = /#bench-ws-([A-Za-z0-9_-]+)/;
function parse(text) {
  const m = JSON.parse(text);
  switch (m.type) {
    case 'ready': return { ready: true };
    case 'notification': {
      const t = TAG.exec((m.notification && m.notification.body) || '');
      return { tag: t ? t[1] : null };
    }
    case 'error': return { error: m.code || 'error' };
    default: return {};
  }
}

module.exports = { SUBPROTOCOL, handshake, parse };
