// The browser tests' harness: makes a demo store in a temporary folder, adds
// a coordinator, starts the real `sawt serve` on a free port (or, with
// SAWT_WEB_MOCK=1, the development mock in web/mock/ over the same binary),
// and drives Debian's Chromium through playwright-core. Nothing is
// downloaded: the browser is /usr/bin/chromium (or $CHROMIUM).
//
// Environment: SAWT_BIN (default build/sawt, relative to the repository),
// CHROMIUM, SAWT_WEB_MOCK=1, SAWT_TEST_ARTIFACTS (default build/test-artifacts).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(ROOT, 'web', 'package.json'));
const { chromium } = require('playwright-core');

let axeText = '';
/** The source of axe-core (an npm devDependency of web/), to evaluate in a page. */
export function axeSource() {
  if (!axeText) axeText = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  return axeText;
}

export const BIN = (() => {
  const b = process.env.SAWT_BIN || 'build/sawt';
  return isAbsolute(b) ? b : resolve(ROOT, b);
})();
export const MOCK = process.env.SAWT_WEB_MOCK === '1';
export const ARTIFACTS = resolve(ROOT, process.env.SAWT_TEST_ARTIFACTS || 'build/test-artifacts');
export const USER = 'coordinator1';
export const RESEARCHER = 'researcher1';
export const PASSWORD = 'a long coordinator passphrase 42';
const PASSPHRASE = 'web-test store passphrase';

const env = { ...process.env, SAWT_INSECURE_FAST_KDF: '1', SAWT_PASSPHRASE: PASSPHRASE };

export function run(argv, what) {
  const r = spawnSync(BIN, argv, { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status}): sawt ${argv.join(' ')}\n${r.stderr}`);
  return r.stdout;
}

async function waitForPort(file, child, log) {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} before listening:\n${log()}`);
    if (existsSync(file)) {
      const port = parseInt(readFileSync(file, 'utf8').trim(), 10);
      if (port > 0) return port;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the server wrote no port to ${file} within 20 s:\n${log()}`);
}

/** Starts a store, a server and a browser. Returns what the tests need and a stop() to call once. */
export async function start() {
  if (!existsSync(BIN)) throw new Error(`no sawt binary at ${BIN} (set SAWT_BIN or pass it to tests/web/run.sh)`);
  const work = mkdtempSync(join(tmpdir(), 'sawt-web-test-'));
  const store = join(work, 'store');
  run(['demo', '--store', store, '--people', '120'], 'creating the demo store');

  const portFile = join(work, 'port');
  let argv;
  let cmd;
  if (MOCK) {
    cmd = process.execPath;
    argv = [join(ROOT, 'web', 'mock', 'server.mjs'), '--sawt', BIN, '--store', store, '--listen', '127.0.0.1:0', '--port-file', portFile, '--user', `${USER}:${PASSWORD}:coordinator`, '--user', `${RESEARCHER}:${PASSWORD}:researcher`];
  } else {
    const pwFile = join(work, 'password');
    writeFileSync(pwFile, PASSWORD + '\n', { mode: 0o600 });
    run(['user', 'add', USER, '--role', 'coordinator', '--password-file', pwFile, '--store', store], 'adding the test user');
    run(['user', 'add', RESEARCHER, '--role', 'researcher', '--password-file', pwFile, '--store', store], 'adding the researcher');
    cmd = BIN;
    argv = ['serve', '--store', store, '--listen', '127.0.0.1:0', '--port-file', portFile];
  }
  let serverLog = '';
  const server = spawn(cmd, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout.on('data', (d) => (serverLog += d));
  server.stderr.on('data', (d) => (serverLog += d));
  const port = await waitForPort(portFile, server, () => serverLog);
  const base = `http://127.0.0.1:${port}`;

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  mkdirSync(ARTIFACTS, { recursive: true });

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await browser.close().catch(() => {});
    if (server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => {
        const timer = setTimeout(() => {
          server.kill('SIGKILL');
          r();
        }, 5000);
        server.once('exit', () => {
          clearTimeout(timer);
          r();
        });
      });
    }
    rmSync(work, { recursive: true, force: true });
  };
  return { base, browser, store, stop, serverLog: () => serverLog };
}

/**
 * A fresh browser context and page at 1366x768 that records what must never
 * happen: dialogs (a script payload that ran), page errors and CSP
 * violations reported on the console.
 */
export async function newPage(browser, base, { lang } = {}) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, baseURL: base, locale: 'ar' });
  if (lang) await context.addInitScript((l) => localStorage.setItem('sawt.lang', l), lang);
  const page = await context.newPage();
  const problems = { dialogs: [], errors: [], csp: [] };
  page.on('dialog', async (d) => {
    problems.dialogs.push(`${d.type()}: ${d.message()}`);
    await d.dismiss().catch(() => {});
  });
  page.on('pageerror', (e) => problems.errors.push(String(e)));
  page.on('console', (m) => {
    const text = m.text();
    if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(text)) problems.csp.push(text);
  });
  return { context, page, problems };
}

export async function login(page, base, user = USER, password = PASSWORD) {
  await page.goto(base + '/');
  await page.locator('#login-username').waitFor();
  await page.fill('#login-username', user);
  await page.fill('#login-password', password);
  await page.click('button[type=submit]');
  await page.locator('nav.sidenav').waitFor();
}

/** The visible text of the page's h1, once it has loaded. */
export async function heading(page) {
  const h = page.locator('#page-title');
  await h.waitFor();
  return (await h.textContent()).trim();
}

/** Waits until the page has its heading and nothing is still loading. */
export async function settled(page) {
  await heading(page);
  await page.waitForFunction(() => !document.querySelector('.loading'), null, { timeout: 20000 });
}
