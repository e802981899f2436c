// Search benchmark, browser half (scripts/bench_search.sh runs it; not a test): serves a
// katalog search build and a Pagefind bundle of the same records with gzip, runs the same
// queries in headless Chromium, and prints what each query downloaded and how long it took.
//
//   node scripts/bench_search.mjs KATALOG_DIR [PAGEFIND_DIR]
//
// Bytes are what crosses the wire: JSON, JS, HTML and CSS gzipped (level 6, as hosts do),
// katalog's `.bin` lists counted both raw and gzipped, Pagefind's files as written (Pagefind
// gzips them itself). The page's own HTML and CSS are not search data and are left out.
import { createServer } from "node:http";
import { readFileSync, existsSync, statSync } from "node:fs";
import { join, normalize, extname } from "node:path";
import { gzipSync } from "node:zlib";
import { createRequire } from "node:module";

const require = createRequire(new URL("../tests/browser/package.json", import.meta.url));
const { chromium } = require("playwright-core");

const [katalogDir, pagefindDir] = process.argv.slice(2);
const TEXT = new Set([".html", ".js", ".json", ".css", ".svg"]);
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".json": "application/json", ".css": "text/css", ".wasm": "application/wasm" };

function serve(dir) {
  const log = [];
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
    let file = join(dir, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    const raw = readFileSync(file);
    const ext = extname(file);
    const gz = gzipSync(raw, { level: 6 });
    const gzipped = TEXT.has(ext);
    log.push({ path, raw: raw.length, gzip: gz.length, wire: gzipped ? gz.length : raw.length, ext });
    res.writeHead(200, { "Content-Type": TYPES[ext] || "application/octet-stream", ...(gzipped ? { "Content-Encoding": "gzip" } : {}) });
    res.end(gzipped ? gz : raw);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ url: `http://127.0.0.1:${server.address().port}`, log, server })));
}

function sum(log, skip = () => false) {
  const items = log.filter((e) => !skip(e));
  const kb = (n) => (n / 1024).toFixed(1);
  const wire = items.reduce((s, e) => s + e.wire, 0);
  const gzipAll = items.reduce((s, e) => s + (e.ext === ".bin" ? e.gzip : e.wire), 0);
  return { requests: items.length, wire: kb(wire), gzipAll: kb(gzipAll) };
}

const QUERIES = [
  ["keripik singkong", {}],
  ["kopi", {}],
  ["kue lapis", {}],
  ["kripik", {}],
  ["keripk pisang", {}],
  ["kopi", { kategori: "kuliner", wilayah: "jakarta-selatan" }],
  ["sambal", { harga_min: "25000", harga_max: "50000" }],
  ["", { kategori: "batik", kecamatan: "tebet" }],
  ["ke", {}],
  ["ker", {}],
  ["keri", {}],
  ["original", {}],
  ["original keluarga", {}],
];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
const rows = [];

// katalog: the first query opens /cari/?q=…; the next ones are typed into the page's form.
{
  const { url, log, server } = await serve(katalogDir);
  const page = await (await browser.newContext()).newPage();
  page.on("console", (m) => { if (m.type() === "error") console.error("console:", m.text()); });
  const notPage = (e) => e.path === "/cari/" || e.ext === ".css" || e.path.endsWith("favicon.svg");
  const [q0, f0] = QUERIES[0];
  const start = Date.now();
  await page.goto(`${url}/cari/?${new URLSearchParams({ q: q0, ...f0 })}`);
  await page.waitForFunction(() => !document.getElementById("search-status").textContent.includes("Mencari") && document.querySelector(".search-hit, .search-status"));
  await page.waitForFunction(() => document.getElementById("search-status").textContent !== "Ketik nama produk, UMKM, atau acara.");
  rows.push({ tool: "katalog", query: q0, filters: f0, ms: Date.now() - start, status: await page.textContent("#search-status"), ...sum(log, notPage), first: true });
  for (const [q, filters] of QUERIES.slice(1)) {
    log.length = 0;
    const target = `/cari/?${new URLSearchParams(Object.fromEntries(Object.entries({ q, ...filters }).filter(([, v]) => v)))}`;
    const { ms, render } = await page.evaluate(async (target) => {
      const status = document.getElementById("search-status");
      const before = status.textContent;
      const seen = performance.getEntriesByType("resource").length;
      const t0 = performance.now();
      history.pushState(null, "", target);
      dispatchEvent(new PopStateEvent("popstate"));
      await new Promise((resolve) => {
        const check = () => (status.textContent !== before && !status.textContent.includes("Mencari") ? resolve() : requestAnimationFrame(check));
        check();
      });
      const done = performance.now();
      // From the last byte of the last file this query fetched to the results on screen.
      const fetched = performance.getEntriesByType("resource").slice(seen);
      const lastByte = Math.max(t0, ...fetched.map((e) => e.responseEnd));
      return { ms: done - t0, render: done - lastByte };
    }, target);
    rows.push({ tool: "katalog", query: q, filters, ms: Math.round(ms), render: Math.round(render), status: await page.textContent("#search-status"), ...sum(log, notPage) });
  }
  server.close();
}

// Pagefind: its own API in a blank page, 20 results' data loaded, as a results page shows.
if (pagefindDir) {
  const { url, log, server } = await serve(pagefindDir);
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${url}/blank.html`);
  let first = true;
  for (const [q, filters] of QUERIES) {
    log.length = 0;
    const pf = {};
    for (const [k, v] of Object.entries(filters)) {
      if (k === "harga_min" || k === "harga_max") continue;
      pf[k] = v;
    }
    if (filters.harga_min) pf.harga = { any: ["25000", "30000", "40000"] };
    const result = await page.evaluate(async ({ q, pf }) => {
      const t0 = performance.now();
      window.pagefind ??= await import("/pagefind/pagefind.js");
      const search = await window.pagefind.search(q || null, { filters: pf });
      const data = await Promise.all(search.results.slice(0, 20).map((r) => r.data()));
      return { ms: performance.now() - t0, total: search.results.length, shown: data.length };
    }, { q, pf });
    rows.push({ tool: "pagefind", query: q, filters, ms: Math.round(result.ms), status: `${result.total} results`, ...sum(log, (e) => e.path === "/blank.html"), first });
    first = false;
  }
  server.close();
}
await browser.close();

console.log("tool      query                 filters                                   req  wire KB  (all gzip)   ms render  results");
for (const r of rows) {
  const filters = Object.entries(r.filters).map(([k, v]) => `${k}=${v}`).join("&");
  console.log(`${r.tool.padEnd(9)} ${JSON.stringify(r.query).padEnd(21)} ${filters.padEnd(41)} ${String(r.requests).padStart(3)} ${r.wire.padStart(8)} ${("(" + r.gzipAll + ")").padStart(11)} ${String(r.ms).padStart(5)} ${String(r.render ?? "").padStart(6)}  ${r.status}${r.first ? "  [first query]" : ""}`);
}
