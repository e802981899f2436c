// Lighthouse 12.2.3 (mobile, its default settings) on every kind of page a visitor lands on in
// the demo catalogue, served with the theme's strict CSP and read by Debian's Chromium: each
// scores 100 in performance, accessibility, best practices and SEO. The scores are printed
// page by page, and a score below 100 names the audits that cost points.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import lighthouse from "lighthouse";
import { buildDemo, serve, launchWithDevTools, DEMO_PAGE_KINDS } from "./harness.mjs";

const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];


let server, chromium;
before(async () => {
  server = await serve(buildDemo(["--no-git-dates"]));
  chromium = await launchWithDevTools();
});
after(async () => {
  await chromium?.close();
  await server?.close();
});

/// The audits of `category` that did not score full marks, as "id (score): title".
function lostPoints(lhr, category) {
  return lhr.categories[category].auditRefs
    .filter((ref) => ref.weight > 0)
    .map((ref) => lhr.audits[ref.id])
    .filter((audit) => audit.score !== null && audit.score < 1)
    .map((audit) => `${audit.id} (${audit.score}): ${audit.title}${audit.displayValue ? ` — ${audit.displayValue}` : ""}`);
}

/// One Lighthouse run of `path`: its result (lhr).
async function audit(path) {
  const { lhr } = await lighthouse(`${server.url}${path}`, {
    port: chromium.port,
    output: "json",
    logLevel: "error",
    onlyCategories: CATEGORIES,
  });
  assert.equal(lhr.runtimeError, undefined, `${path}: ${lhr.runtimeError?.message}`);
  return lhr;
}

const percent = (lhr, category) => Math.round(lhr.categories[category].score * 100);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

test("Lighthouse scores 100 in every category on every kind of page", { timeout: 20 * 60 * 1000 }, async () => {
  const failures = [];
  // One page at a time: Lighthouse's simulated throttling reads the trace, and two runs
  // sharing two cores would disturb each other's.
  for (const [kind, path] of DEMO_PAGE_KINDS) {
    // A page below 100 is run twice more and judged by the median of the three, as
    // Lighthouse's own advice on score variance has it: a busy CI machine can cost a point
    // once (the first run of a fresh Chromium, say), a real problem costs it every time.
    const runs = [await audit(path)];
    if (CATEGORIES.some((c) => percent(runs[0], c) < 100)) runs.push(await audit(path), await audit(path));
    const scores = CATEGORIES.map((c) => [c, median(runs.map((lhr) => percent(lhr, c)))]);
    const runsNote = runs.length > 1 ? `  (median of ${runs.length} runs: ${runs.map((lhr) => CATEGORIES.map((c) => percent(lhr, c)).join("/")).join(", ")})` : "";
    console.log(`lighthouse ${kind.padEnd(20)} ${path.padEnd(42)} ${scores.map(([c, n]) => `${c} ${n}`).join("  ")}${runsNote}`);
    for (const lhr of runs.length > 1 ? runs : []) {
      for (const c of CATEGORIES) for (const lost of lostPoints(lhr, c)) console.log(`  one run lost points on ${c}: ${lost}`);
    }
    for (const [category, score] of scores) {
      if (score < 100) {
        const lost = [...new Set(runs.flatMap((lhr) => lostPoints(lhr, category)))];
        failures.push(`${path} ${category} ${score}: ${lost.join("; ")}`);
      }
    }
  }
  assert.deepEqual(failures, [], failures.join("\n"));
});
