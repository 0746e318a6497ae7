'use strict';
// Mints access tokens as the server's TokenService issues them (HS256; iss, sub, upn, groups, sid, jti, iat, exp),
// signed with the server's JWT_SECRET, for sessions the bench has written into auth_sessions: what a sign-in would
// give, without 10,000 Argon2 hashes.
//   node token.js < users.tsv > tokens.tsv
// users.tsv: user id, username, session id, roles (comma-separated), tab-separated. Prints: user id, token.
// JWT_SECRET (environment), TOKEN_SECONDS (7200).
const crypto = require('crypto');
const readline = require('readline');

const b64 = (buf) => Buffer.from(buf).toString('base64url');
const HEADER = b64(JSON.stringify({ typ: 'JWT', alg: 'HS256' }));

function mint(secret, { userId, username, sessionId, roles }, seconds) {
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    iss: 'project-spark', sub: userId, upn: username, groups: [...roles].sort(), sid: sessionId,
    jti: crypto.randomUUID(), iat: now, exp: now + seconds,
  };
  const body = HEADER + '.' + b64(JSON.stringify(claims));
  return body + '.' + crypto.createHmac('sha256', Buffer.from(secret, 'utf8')).update(body).digest('base64url');
}

if (require.main === module) {
  const secret = process.env.JWT_SECRET;
  if (!secret) { console.error('token.js: JWT_SECRET is not set'); process.exit(2); }
  const seconds = Number(process.env.TOKEN_SECONDS || 7200);
  const out = [];
  readline.createInterface({ input: process.stdin }).on('line', (line) => {
    if (!line.trim()) return;
    const [userId, username, sessionId, roles] = line.split('\t');
    out.push(userId + '\t' + mint(secret, { userId, username, sessionId, roles: roles.split(',') }, seconds));
  }).on('close', () => process.stdout.write(out.join('\n') + '\n'));
}

module.exports = { mint };
