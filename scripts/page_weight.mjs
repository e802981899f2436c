// Page weight of the demo catalogue, one page of each kind, as a phone's first view loads it:
// builds the demo with target/debug/katalog, opens each page in Debian's headless Chromium at
// a phone's size (412×823, as Lighthouse's mobile preset), and counts every response by kind
// (HTML, CSS, JS, images, search data, other: the icon). "Wire" is what a server that gzips text at level 6
// sends; images and katalog's pre-gzipped search files go as they are. Prints a markdown table
// for docs/performance.md against the 50 KB first-view budget.
//
//   cargo build && node scripts/page_weight.mjs
import { gzipSync } from "node:zlib";
import { buildDemo, serve, launch, DEMO_PAGE_KINDS } from "../tests/browser/harness.mjs";

const BUDGET_KB = 50;
const PAGES = [...DEMO_PAGE_KINDS, ["category", "/kategori/kuliner/"], ["region", "/wilayah/jakarta-selatan/"]];
const GZIPPED_TYPES = /^(text\/|application\/(json|javascript|xml)|image\/svg)/;

/// The kind a response counts under.
function kindOf(request) {
  switch (request.resourceType()) {
    case "document": return "html";
    case "stylesheet": return "css";
    case "script": return "js";
    case "image": return "images";
    case "fetch": case "xhr": return "data";
    default: return "other";
  }
}

async function weigh(browser, url) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const bodies = [];
  page.on("response", (response) => bodies.push(response.body().then((body) => ({ response, body })).catch(() => null)));
  await page.goto(url, { waitUntil: "networkidle" });
  const totals = { html: [0, 0], css: [0, 0], js: [0, 0], images: [0, 0], data: [0, 0], other: [0, 0], requests: 0, imageCount: 0 };
  for (const got of await Promise.all(bodies)) {
    if (!got) continue;
    const { response, body } = got;
    const kind = kindOf(response.request());
    const type = response.headers()["content-type"] || "";
    const wire = GZIPPED_TYPES.test(type) ? gzipSync(body, { level: 6 }).length : body.length;
    totals[kind][0] += body.length;
    totals[kind][1] += wire;
    totals.requests += 1;
    if (kind === "images") totals.imageCount += 1;
  }
  await context.close();
  return totals;
}

const kb = (bytes) => (bytes / 1024).toFixed(1);

const server = await serve(buildDemo(["--no-git-dates"]));
const browser = await launch();
try {
  console.log(`| page | HTML | CSS | JS | images on first view | search data | icon | requests | total | on the wire (gzip) | within ${BUDGET_KB} KB |`);
  console.log("|---|---|---|---|---|---|---|---|---|---|---|");
  for (const [kind, path] of PAGES) {
    const t = await weigh(browser, `${server.url}${path}`);
    const kinds = [t.html, t.css, t.js, t.images, t.data, t.other];
    const raw = kinds.reduce((sum, k) => sum + k[0], 0);
    const wire = kinds.reduce((sum, k) => sum + k[1], 0);
    const cell = ([bytes, gz]) => (bytes ? `${kb(bytes)} (${kb(gz)})` : "–");
    console.log(
      `| ${kind} \`${path}\` | ${cell(t.html)} | ${cell(t.css)} | ${cell(t.js)} | ${t.imageCount ? `${t.imageCount}: ${cell(t.images)}` : "–"} | ${cell(t.data)} | ${cell(t.other)} | ${t.requests} | ${kb(raw)} | **${kb(wire)}** | ${wire <= BUDGET_KB * 1024 ? "yes" : "**no**"} |`,
    );
  }
  console.log("\nKB (1,024 bytes); in brackets, on the wire (text gzipped at level 6).");
} finally {
  await browser.close();
  await server.close();
}
