// Shared by the browser tests: build a fixture site with the real katalog binary, serve it
// on loopback with a strict Content-Security-Policy, and drive Debian's Chromium.
import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdtempSync, mkdirSync, readFileSync, existsSync, statSync, writeFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join, normalize, extname, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

export function katalogBinary() {
  const bin = join(repo, "target", "debug", "katalog");
  if (!existsSync(bin)) {
    throw new Error(`${bin} not found: run cargo build (scripts/test does) before the browser tests`);
  }
  return bin;
}

/// Copies fixture `name` to a temporary folder, writes `files` ({ relative path: text }) into
/// it, builds it with `args`, and returns the output folder.
export function buildFixture(name, args = [], files = {}) {
  const tmp = mkdtempSync(join(tmpdir(), "katalog-browser-"));
  const site = join(tmp, "site");
  cpSync(join(repo, "tests", "fixtures", name), site, { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(site, path)), { recursive: true });
    writeFileSync(join(site, path), text);
  }
  const out = join(tmp, "public");
  execFileSync(katalogBinary(), ["build", site, "-o", out, ...args], { stdio: "pipe" });
  return out;
}

/// Builds the demo catalogue at the repository's root (`site.yaml`, `content/`, `static/`)
/// into a temporary folder with `args`, and returns the output folder.
export function buildDemo(args = []) {
  const out = join(mkdtempSync(join(tmpdir(), "katalog-demo-")), "public");
  execFileSync(katalogBinary(), ["build", repo, "-o", out, ...args], { stdio: "pipe" });
  return out;
}

/// One page of each kind a visitor lands on in the demo, as [kind, path]: Lighthouse's pages
/// (lighthouse.test.mjs) and the page weights of docs/performance.md (scripts/page_weight.mjs).
export const DEMO_PAGE_KINDS = [
  ["home", "/"],
  ["vendor list", "/umkm/"],
  ["vendor", "/umkm/abon-uni-eva/"],
  ["product", "/umkm/abon-uni-eva/abon-sapi-original/"],
  ["search with results", "/cari/?q=kripik"],
  ["event list", "/acara/"],
  ["event", "/acara/festival-kuliner-setu-babakan-2026/"],
  ["month grid", "/acara/2026/07/"],
  ["booth-card sheet", "/umkm/abon-uni-eva/kartu-qr/"],
];

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css",
  ".js": "text/javascript",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".ics": "text/calendar",
  ".xml": "application/xml",
};

/// Serves `dir` on 127.0.0.1 (a random port) with the CSP header; resolves to { url, close }.
export function serve(dir) {
  const server = createServer((req, res) => {
    let path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
    if (path.includes("..")) {
      res.writeHead(400).end();
      return;
    }
    let file = join(dir, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    const found = existsSync(file);
    if (!found) file = join(dir, "404.html");
    res.writeHead(found ? 200 : 404, {
      "Content-Type": TYPES[extname(file)] || "application/octet-stream",
      "Content-Security-Policy": CSP,
    });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

const CHROMIUM_FLAGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

function chromiumPath() {
  const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
  if (!existsSync(executablePath)) {
    throw new Error(`${executablePath} not found: install Debian's chromium package (scripts/setup does)`);
  }
  return executablePath;
}

/// Launches headless Chromium from Debian's package.
export async function launch() {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS });
}

/// Starts Debian's Chromium with the same flags, a fresh profile and a DevTools port, for
/// tools that drive it themselves (Lighthouse); resolves to { port, close }.
export function launchWithDevTools() {
  const profile = mkdtempSync(join(tmpdir(), "katalog-chromium-"));
  const child = spawn(chromiumPath(), [...CHROMIUM_FLAGS, `--user-data-dir=${profile}`, "--remote-debugging-port=0", "about:blank"], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  const close = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill();
      await exited;
    }
    rmSync(profile, { recursive: true, force: true });
  };
  return new Promise((resolve, reject) => {
    let seen = "";
    child.stderr.on("data", (chunk) => {
      seen += chunk;
      const listening = seen.match(/DevTools listening on ws:\/\/[^:]+:(\d+)\//);
      if (listening) {
        child.stderr.removeAllListeners("data");
        child.stderr.resume();
        resolve({ port: Number(listening[1]), close });
      }
    });
    child.once("exit", (code) => reject(new Error(`chromium exited (${code}) before DevTools listened: ${seen}`)));
  });
}

/// Opens `url` in a new page, collecting console errors and CSP violations into `problems`;
/// `route`, when given, handles every request of the page (Playwright's `page.route`).
export async function open(browser, url, options = {}, route = null) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  if (route) await page.route("**/*", route);
  const problems = [];
  page.on("console", (msg) => { if (msg.type() === "error") problems.push(msg.text()); });
  page.on("pageerror", (err) => problems.push(String(err)));
  await page.goto(url, { waitUntil: "load" });
  return { page, problems, context };
}
