// Shared by the CMS tests: a fixture site with katalog's Decap configuration, decap-server
// (fs mode) writing into it, the site served on loopback, and Chromium loading the pinned
// Decap bundle and js-yaml from this folder's node_modules in place of the CDN.
import { execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { createServer as createNetServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
export const repo = join(here, "..", "..");
const modules = join(here, "node_modules");

/// The CDN files the admin page names, and where the pinned npm packages keep them.
const CDN = [
  { prefix: "https://unpkg.com/decap-cms@3.16.3/dist/", folder: join(modules, "decap-cms", "dist") },
  { prefix: "https://unpkg.com/js-yaml@4.3.2/dist/", folder: join(modules, "js-yaml", "dist") },
];

export function katalog(...args) {
  const bin = join(repo, "target", "debug", "katalog");
  if (!existsSync(bin)) throw new Error(`${bin} not found: run cargo build (scripts/test does) before the CMS tests`);
  return execFileSync(bin, args, { stdio: "pipe", encoding: "utf8" });
}

/// Copies fixture `name` (or a folder) into a temporary folder; returns the site's path.
export function copySite(source) {
  const site = join(mkdtempSync(join(tmpdir(), "katalog-cms-")), "site");
  cpSync(existsSync(source) ? source : join(repo, "tests", "fixtures", source), site, { recursive: true });
  return site;
}

function freePort() {
  return new Promise((resolve) => {
    const server = createNetServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/// Starts decap-server in fs mode on `site`; resolves to { url, stop }.
export async function startDecapServer(site) {
  const port = await freePort();
  const child = spawn(process.execPath, [join(modules, "decap-server", "dist", "index.js")], {
    cwd: site,
    env: { ...process.env, PORT: String(port), BIND_HOST: "127.0.0.1", MODE: "fs", GIT_REPO_DIRECTORY: site, LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => { output += d; });
  child.stderr.on("data", (d) => { output += d; });
  const url = `http://127.0.0.1:${port}/api/v1`;
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ action: "info" }) });
      if (res.ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
    if (child.exitCode !== null) throw new Error(`decap-server exited: ${output}`);
  }
  return { url, output: () => output, stop: () => new Promise((r) => { child.once("exit", r); child.kill(); }) };
}

const TYPES = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".yml": "text/yaml", ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".webp": "image/webp" };

/// Serves folder `dir` on 127.0.0.1; `headers` are added to every response.
export function serve(dir, headers = {}) {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
    if (path.includes("..")) return res.writeHead(400).end();
    let file = join(dir, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { "Content-Type": TYPES[extname(file)] || "application/octet-stream", ...headers });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => resolve({ url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) }));
  });
}

/// Headless Chromium from Debian's package, with a fresh profile.
export function launch() {
  const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
  if (!existsSync(executablePath)) throw new Error(`${executablePath} not found: install Debian's chromium package (scripts/setup does)`);
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "katalog-cms-profile-")), {
    executablePath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport: { width: 1400, height: 1000 },
  });
}

/// Answers the admin page's CDN requests from the pinned packages (so the integrity hashes
/// are checked against the real files) and refuses every other request off this machine;
/// returns the list of what was refused or failed.
export async function routeCdn(context) {
  const refused = [];
  await context.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, async (route) => {
    const url = route.request().url();
    const cdn = CDN.find((c) => url.startsWith(c.prefix));
    const file = cdn && join(cdn.folder, url.slice(cdn.prefix.length).split("?")[0]);
    if (!file || !existsSync(file)) {
      refused.push(url);
      return route.abort();
    }
    return route.fulfill({
      status: 200,
      headers: { "Content-Type": TYPES[extname(file)] || "application/octet-stream", "Access-Control-Allow-Origin": "*" },
      body: readFileSync(file),
    });
  });
  return refused;
}

/// The Content-Security-Policy docs/deploy.md gives /admin/, with the backend's origin.
/// Decap compiles its config schema at run time ('unsafe-eval') and styles its interface
/// inline ('unsafe-inline'); an uploaded photo is held in a blob: URL until it is saved.
export function adminCsp(backendOrigin) {
  return "default-src 'self'; script-src 'self' https://unpkg.com 'unsafe-eval'; style-src 'self' 'unsafe-inline'; " +
    `img-src 'self' data: blob:; connect-src 'self' blob: ${backendOrigin}; object-src 'none'; base-uri 'none'; frame-ancestors 'none'`;
}

/// The benchmark catalogue generator (examples/gen_catalog.rs, built by scripts/test with
/// `cargo build --example gen_catalog`): writes a site of `vendors` vendors into a temporary
/// folder.
export function generateCatalogue(vendors) {
  const bin = join(repo, "target", "debug", "examples", "gen_catalog");
  if (!existsSync(bin)) throw new Error(`${bin} not found: run cargo build --example gen_catalog (scripts/test does) before the CMS tests`);
  const site = join(mkdtempSync(join(tmpdir(), "katalog-cms-gen-")), "site");
  execFileSync(bin, ["--vendors", String(vendors), "--out", site], { stdio: "pipe" });
  return site;
}

/// Points the site's generated config at the test's decap-server.
export function useLocalBackend(site, url) {
  const path = join(site, "static", "admin", "config.yml");
  const text = readFileSync(path, "utf8");
  if (!text.includes("local_backend: true")) throw new Error("config.yml has no `local_backend: true`");
  writeFileSync(path, text.replace("local_backend: true", `local_backend:\n  url: ${url}`));
}
