#!/usr/bin/env node
// A development stand-in for `sawt serve`: the /api of docs/API.md answered by
// running the real `sawt` command line against a store, plus web/dist served
// with the same security headers as the real server (so a CSP violation shows
// up here first). For developing the interface before the C++ server exists
// and for running the browser tests against it (tests/web/run.sh --mock).
// It is NOT the server: sessions, users, linkage pairs, imports' previews,
// dossiers and the audit rows it shows are kept in memory and simplified.
//
//   node mock/server.mjs --sawt BIN --store DIR [--listen 127.0.0.1:8787]
//        [--port-file F] [--dist DIR] [--user NAME:PASSWORD:ROLE ...]
// The store's passphrase comes from $SAWT_PASSPHRASE.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const optAll = (name) => args.flatMap((a, i) => (a === name ? [args[i + 1]] : []));

const BIN = opt('--sawt', process.env.SAWT_BIN ?? 'build/sawt');
const STORE = opt('--store', process.env.SAWT_STORE);
const LISTEN = opt('--listen', '127.0.0.1:8787');
const PORT_FILE = opt('--port-file');
const DIST = resolve(opt('--dist', join(fileURLToPath(new URL('.', import.meta.url)), '..', 'dist')));
if (!STORE) {
  console.error('mock: --store DIR is required');
  process.exit(1);
}

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
const SECURITY_HEADERS = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

// ---- users and sessions (in memory) ----
const users = new Map();
function addUser(spec) {
  const [username, password, role = 'coordinator'] = spec.split(':');
  users.set(username, { username, password, role, display_name: username, disabled: false, teams: [] });
}
addUser('admin:admin-password-123:admin');
for (const spec of optAll('--user')) addUser(spec);
const sessions = new Map();
const audit = [];
function log(actor, action, entity, entityId) {
  audit.push({ id: audit.length + 1, at: new Date().toISOString().slice(0, 19) + 'Z', actor: `web:${actor}`, action, entity, entity_id: entityId });
}

// ---- the CLI (one process at a time: concurrent writers would find the store locked) ----
let queue = Promise.resolve();
function sawt(argv) {
  const next = queue.then(() => sawtNow(argv));
  queue = next.catch(() => {});
  return next;
}
function sawtNow(argv) {
  return new Promise((resolveRun, reject) => {
    execFile(BIN, [...argv, '--store', STORE, '--json'], { env: process.env, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      if (err && err.code === 6 && stdout.trim()) {
        // exit 6: partly done (rows quarantined); the report is on stdout
        try {
          resolveRun(JSON.parse(stdout));
          return;
        } catch {
          /* fall through to the error */
        }
      }
      if (err) {
        let body = { kind: 'internal', message: stderr.trim() || String(err) };
        try {
          body = JSON.parse(stderr.trim().split('\n').pop()).error;
        } catch {
          /* plain text */
        }
        const status = { usage: 400, bad_input: 422, not_found: 404, conflict: 409, auth: 403 }[body.kind] ?? 500;
        reject(Object.assign(new Error(body.message), { status, body }));
        return;
      }
      try {
        resolveRun(stdout.trim() ? JSON.parse(stdout) : {});
      } catch (e) {
        reject(Object.assign(e, { status: 500, body: { kind: 'internal', message: 'bad JSON from sawt' } }));
      }
    });
  });
}

function flags(map) {
  const out = [];
  for (const [flag, value] of Object.entries(map)) if (value !== undefined && value !== null && value !== '') out.push(flag, String(value));
  return out;
}

// ---- HTTP helpers ----
function send(res, status, body, headers = {}) {
  const data = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Cache-Control': 'no-store',
    'Content-Type': typeof body === 'object' && !Buffer.isBuffer(body) ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
    ...headers,
  });
  res.end(data);
}
const fail = (res, status, kind, message, hint = '', where = '') => send(res, status, { error: { kind, message, hint, where } });

function readBody(req) {
  return new Promise((ok, bad) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => ok(Buffer.concat(chunks)));
    req.on('error', bad);
  });
}

function cookie(req, name) {
  const m = new RegExp(`(?:^|;\\s*)${name}=([^;]+)`).exec(req.headers.cookie ?? '');
  return m ? m[1] : '';
}

const MIME = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2' };

function serveStatic(req, res, path) {
  const rel = path === '/' ? 'index.html' : normalize(decodeURIComponent(path)).replace(/^(\.\.[/\\])+/, '').replace(/^\/+/, '');
  let file = join(DIST, rel);
  if (!file.startsWith(DIST)) return fail(res, 404, 'not_found', 'no such file');
  try {
    if (!statSync(file).isFile()) throw new Error();
  } catch {
    if (rel.startsWith('assets/')) return fail(res, 404, 'not_found', 'no such file');
    file = join(DIST, 'index.html');
  }
  res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream' });
  res.end(readFileSync(file));
}



// ---- the API ----
async function api(req, res, url) {
  const method = req.method;
  const parts = url.pathname.replace(/^\/api\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const q = url.searchParams;

  if (method === 'POST' && parts[0] === 'login') {
    const body = JSON.parse((await readBody(req)).toString() || '{}');
    const u = users.get(body.username);
    if (!u || u.password !== body.password || u.disabled) return fail(res, 401, 'auth', 'wrong username or password', 'check the spelling; after 5 failures the account is locked for 15 minutes');
    const token = randomBytes(32).toString('hex');
    const csrf = randomBytes(32).toString('hex');
    sessions.set(token, { user: u, csrf });
    const { password: _, ...pub } = u;
    return send(res, 200, { user: pub, csrf }, { 'Set-Cookie': `sawt_session=${token}; HttpOnly; SameSite=Strict; Path=/` });
  }

  const session = sessions.get(cookie(req, 'sawt_session'));
  if (!session) return fail(res, 401, 'auth', 'not logged in', 'log in again');
  if (method !== 'GET' && req.headers['x-csrf-token'] !== session.csrf) return fail(res, 403, 'auth', 'missing or wrong CSRF token');
  const me = session.user;
  const json = async () => JSON.parse((await readBody(req)).toString() || '{}');

  const [a, b, c, d] = parts;
  if (method === 'POST' && a === 'logout') {
    sessions.delete(cookie(req, 'sawt_session'));
    return send(res, 200, {});
  }
  if (method === 'GET' && a === 'me') {
    const { password: _, ...pub } = me;
    return send(res, 200, { user: pub, csrf: session.csrf });
  }
  if (method === 'GET' && a === 'dashboard') {
    const [list, alerts, risk] = await Promise.all([sawt(['person', 'list', '--limit', '100000']), sawt(['alerts', '--due', '30d']), sawt(['risk', '--level', 'high'])]);
    const count = (s) => list.persons.filter((p) => p.status === s).length;
    return send(res, 200, {
      counts: { persons: list.persons.length, pretrial: count('pretrial'), sentenced: count('sentenced'), alerts_due: alerts.alerts.length, high_risk: risk.persons.length },
      alerts: alerts.alerts,
      high_risk: risk.persons.slice(0, 20).map((r) => ({ person: r.person, name: r.name, name_lat: r.name_lat, risk: r })),
    });
  }
  if (a === 'persons' && !b && method === 'GET') {
    const limit = Math.min(200, Number(q.get('limit') ?? 50));
    const offset = Number(q.get('offset') ?? 0);
    let persons;
    if (q.get('q')) {
      const found = await sawt(['search', ...q.get('q').split(/\s+/), '--limit', '200']);
      const ids = [...new Set(found.results.filter((r) => r.kind === 'person').map((r) => r.id))];
      persons = await Promise.all(ids.map((id) => sawt(['person', 'show', id])));
    } else {
      persons = (await sawt(['person', 'list', '--limit', '100000', ...flags({ '--status': q.get('status'), '--facility': q.get('facility') })])).persons;
    }
    if (q.get('status')) persons = persons.filter((p) => p.status === q.get('status'));
    if (q.get('facility')) persons = persons.filter((p) => p.facility === q.get('facility'));
    if (q.get('risk')) {
      const risky = new Set((await sawt(['risk', '--level', q.get('risk')])).persons.filter((r) => r.level === q.get('risk')).map((r) => r.person));
      persons = persons.filter((p) => risky.has(p.public_id));
    }
    const page = persons.slice(offset, offset + limit).map((p) => ({ public_id: p.public_id, name_ar: p.name_ar, name_lat: p.name_lat, status: p.status, facility: p.facility, risk: p.risk?.level ?? null }));
    return send(res, 200, { total: persons.length, persons: page });
  }
  if (a === 'persons' && !b && method === 'POST') {
    const p = await json();
    const created = await sawt([
      'person', 'add',
      ...flags({ '--name': p.name_ar }), ...flags({ '--name': p.name_lat }),
      ...flags({ '--gender': p.gender, '--birth-date': p.birth_date, '--birth-place': p.birth_place, '--nationality': p.nationality, '--status': p.status, '--facility': p.facility, '--notes': p.notes }),
    ]);
    log(me.username, 'person.add', 'person', created.public_id);
    return send(res, 201, created);
  }
  if (a === 'persons' && b && !c && method === 'PATCH') {
    const p = await json();
    const edited = await sawt([
      'person', 'edit', b,
      ...flags({ '--gender': p.gender, '--birth-date': p.birth_date, '--birth-place': p.birth_place, '--nationality': p.nationality, '--status': p.status, '--facility': p.facility, '--notes': p.notes }),
    ]);
    log(me.username, 'person.edit', 'person', b);
    return send(res, 200, edited);
  }
  if (a === 'persons' && b && !c && method === 'GET') {
    const [file, alerts] = await Promise.all([sawt(['person', 'show', b]), sawt(['alerts', '--person', b, '--due', '3650d'])]);
    return send(res, 200, { ...file, alerts: alerts.alerts });
  }
  if (a === 'persons' && b && method === 'POST' && ['consents', 'events', 'advocacy'].includes(c)) {
    const v = await json();
    let out;
    if (c === 'consents') out = await sawt(['consent', b, ...flags({ '--scope': v.scope, '--decision': v.decision, '--given-by': v.given_by, '--witness': v.witness, '--partner': v.partner, '--date': v.date, '--notes': v.notes })]);
    if (c === 'events') out = await sawt(['event', 'add', b, ...flags({ '--type': v.type, '--date': v.date, '--description': v.description, '--facility': v.facility })]);
    if (c === 'advocacy') out = await sawt(['advocacy', b, ...flags({ '--action': v.action, '--addressee': v.addressee, '--date': v.date, '--reference': v.reference, '--response': v.response, '--follow-up': v.follow_up, '--act-until': v.act_until })]);
    log(me.username, `${c}.add`, 'person', b);
    return send(res, 201, { id: out?.id ?? 0 });
  }
  if (a === 'persons' && b && c === 'dossier' && method === 'GET') {
    const file = await sawt(['person', 'show', b]);
    const form = q.get('form') ?? 'sp-urgent';
    const scope = form === 'ua' ? 'publish_name' : 'un_submission';
    const latest = (file.consents ?? []).filter((x) => x.scope === scope).sort((x, y) => (x.date < y.date ? 1 : -1))[0];
    if (!latest || latest.decision !== 'granted')
      return fail(res, 403, 'auth', `no consent to ${scope === 'un_submission' ? 'submission to UN mechanisms' : 'publish the name'} is recorded for ${b}`, `record the consent first: scope ${scope}, decision granted`);
    log(me.username, 'dossier', 'person', b);
    if (q.get('format') === 'pdf') {
      const pdf = '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';
      return send(res, 200, Buffer.from(pdf), { 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="${b}-${form}.pdf"` });
    }
    return send(res, 200, Buffer.from(`<!doctype html><meta charset="utf-8"><title>${form} ${b}</title><h1>${form}: ${b}</h1>`), { 'Content-Type': 'text/html; charset=utf-8', 'Content-Disposition': `attachment; filename="${b}-${form}.html"` });
  }
  if (a === 'persons' && b && c === 'health') {
    if (method === 'POST') {
      const v = await json();
      await sawt(['health', b, ...flags({ '--need': v.need, '--severity': v.severity, '--date': v.date, '--note': v.note })]);
      log(me.username, 'health.add', 'person', b);
      return send(res, 200, { id: 0 });
    }
    return send(res, 200, await sawt(['health', b]));
  }
  if (a === 'facilities' && b && c === 'conditions' && method === 'GET') return send(res, 200, await sawt(['conditions', b]));
  if (a === 'facilities' && method === 'GET') {
    const [facs, list] = await Promise.all([sawt(['facility', 'list']), sawt(['person', 'list', '--limit', '100000'])]);
    const held = new Map();
    for (const p of list.persons) held.set(p.facility, (held.get(p.facility) ?? 0) + 1);
    return send(res, 200, facs.map((f) => ({ ...f, persons_held: held.get(f.code) ?? 0 })));
  }
  if (a === 'sources' && method === 'GET') return send(res, 200, await sawt(['sources']));
  if (a === 'alerts' && !b && method === 'GET') return send(res, 200, await sawt(['alerts', '--due', `${q.get('due') ?? 90}d`, '--all']));
  if (a === 'alerts' && b === 'state' && method === 'POST') {
    // What sawt serve does: the key travels in the body (keys contain '/').
    const v = await json();
    const verb = { acknowledged: 'ack', resolved: 'resolve', open: 'reopen' }[v.state];
    if (!verb) return fail(res, 422, 'bad_input', `'${v.state}' is not an alert state`, 'use open, acknowledged or resolved', 'state');
    await sawt(['alerts', verb, v.key, ...flags({ '--note': v.note })]);
    log(me.username, `alert.${verb}`, 'alert', v.key);
    return send(res, 200, {});
  }
  if (a === 'alerts' && b && (c === 'ack' || c === 'resolve') && method === 'POST') {
    const v = await json();
    await sawt(['alerts', c, b, ...flags({ '--note': v.note })]);
    log(me.username, `alert.${c}`, 'alert', b);
    return send(res, 200, {});
  }
  if (a === 'transfer' && method === 'GET') return send(res, 200, await sawt(['transfer', 'screen']));
  // The linkage review goes to the real commands (sawt review ...), as the CLI's user.
  if (a === 'review' && !b && method === 'GET') {
    const out = await sawt(['review', 'list', '--limit', q.get('limit') ?? '20', '--offset', q.get('offset') ?? '0']);
    return send(res, 200, { ...out, can_undo: true });
  }
  if (a === 'review' && b === 'undo' && method === 'POST') {
    const out = await sawt(['review', 'undo']);
    log(me.username, 'review.undo', 'action', String(out.action));
    return send(res, 200, out);
  }
  if (a === 'review' && b && !c && method === 'GET') return send(res, 200, await sawt(['review', 'show', b]));
  if (a === 'review' && b && c === 'decision' && method === 'POST') {
    const v = await json();
    const out = await sawt(['review', 'decide', b, v.decision, ...flags({ '--note': v.note })]);
    log(me.username, `review.${v.decision}`, 'pair', b);
    return send(res, 200, out);
  }
  if (a === 'link' && !b && method === 'POST') return send(res, 200, await sawt(['link']));
  if (a === 'imports' && (!b || b === 'preview') && method === 'POST') {
    // Both steps go to the real CLI: `sawt import FILE --preview` and `sawt import FILE`, with --map per column.
    const dir = mkdtempSync(join(tmpdir(), 'sawt-mock-'));
    const file = join(dir, (q.get('name') ?? 'upload.csv').replace(/[^\w.\-]/g, '_'));
    writeFileSync(file, await readBody(req));
    const maps = [];
    if (q.get('mapping')) for (const [col, field] of Object.entries(JSON.parse(q.get('mapping')))) maps.push('--map', `${col}=${field}`);
    const common = [...maps, ...flags({ '--sheet': q.get('sheet') })];
    if (b === 'preview') {
      const p = await sawt(['import', file, '--preview', ...common]);
      return send(res, 200, { ...p, preview: p.preview, quarantined: p.quarantined });
    }
    const report = await sawt(['import', file, ...common, ...flags({ '--source': q.get('source'), '--source-kind': q.get('source_kind'), '--reliability': q.get('reliability') })]);
    log(me.username, 'import', 'source', q.get('source'));
    return send(res, 200, { ...report, quarantined: report.quarantine ?? [] });
  }
  if (a === 'stats' && method === 'GET') {
    // The real statistics; the mock serves no charts (the page shows their alternative text).
    return send(res, 200, await sawt(['stats']));
  }
  if (a === 'users') {
    if (me.role !== 'admin') return fail(res, 403, 'auth', 'only an administrator may manage users');
    const pub = (u) => ({ username: u.username, display_name: u.display_name, role: u.role, disabled: u.disabled, teams: u.teams });
    if (method === 'GET') return send(res, 200, [...users.values()].map(pub));
    const v = await json();
    if (method === 'POST') {
      if (users.has(v.username)) return fail(res, 409, 'conflict', `a user '${v.username}' exists`, '', 'username');
      if ((v.password ?? '').length < 12) return fail(res, 422, 'bad_input', 'the password is shorter than 12 characters', 'use a sentence', 'password');
      users.set(v.username, { username: v.username, password: v.password, role: v.role, display_name: v.display_name || v.username, disabled: false, teams: v.teams ?? [] });
      log(me.username, 'user.add', 'user', v.username);
      return send(res, 201, pub(users.get(v.username)));
    }
    if (method === 'PATCH' && b && users.has(b)) {
      const u = users.get(b);
      Object.assign(u, { role: v.role ?? u.role, disabled: v.disabled ?? u.disabled, teams: v.teams ?? u.teams }, v.password ? { password: v.password } : {});
      log(me.username, 'user.change', 'user', b);
      return send(res, 200, pub(u));
    }
  }
  if (a === 'audit' && method === 'GET') {
    if (me.role !== 'admin') return fail(res, 403, 'auth', 'only an administrator may read the audit log');
    const before = Number(q.get('before') ?? Infinity);
    return send(res, 200, { rows: audit.filter((r) => r.id < before).reverse().slice(0, Number(q.get('limit') ?? 100)), verified: true });
  }
  void d;
  return fail(res, 404, 'not_found', `no API ${method} /api/${parts.join('/')}`);
}

const [host, port] = LISTEN.split(':');
const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  try {
    if (url.pathname.startsWith('/api/') || url.pathname === '/api') await api(req, res, url);
    else if (req.method === 'GET' || req.method === 'HEAD') serveStatic(req, res, url.pathname);
    else fail(res, 405, 'usage', 'method not allowed');
  } catch (e) {
    if (!res.headersSent) send(res, e.status ?? 500, { error: e.body ?? { kind: 'internal', message: String(e.message ?? e) } });
  }
});
server.listen(Number(port), host, () => {
  const bound = server.address().port;
  if (PORT_FILE) writeFileSync(PORT_FILE, `${bound}\n`);
  console.log(`mock sawt API on http://${host}:${bound}/ (store ${STORE})`);
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.close(() => process.exit(0)));
