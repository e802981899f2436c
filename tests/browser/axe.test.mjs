// axe-core on every kind of page katalog writes, in headless Chromium under the theme's strict
// CSP: the demo catalogue, and the `basic` fixture filled with hostile text (markup in every
// field, links whose URL the sanitiser drops, raw HTML). No violation of any impact is
// allowed, except the rules in ALLOWED, each with the reason it stays (none today; a rule
// added there is listed in docs/theme.md too).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { buildDemo, buildFixture, serve, launch, open, DEMO_PAGE_KINDS } from "./harness.mjs";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const fixtures = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures");

/// Rules whose violations are accepted, as { rule id: why }. Empty: every rule passes.
const ALLOWED = {};

/// A path no page has: the 404 page answers.
const MISSING = "/tidak-ada/";

// One page of each kind in the demo: those a visitor lands on, and the rest.
const DEMO_PAGES = [
  ...DEMO_PAGE_KINDS.map(([, path]) => path),
  "/umkm/halaman/2/", // a list's second page
  "/kategori/", // category index
  "/kategori/kuliner/", // category
  "/wilayah/", // region index
  "/wilayah/jakarta-selatan/", // region
  "/wilayah/jakarta-selatan/tebet/", // district
  "/tentang/", // free page
  MISSING, // 404
  "/umkm/abon-rendang-uni-eva/", // redirect (an alias)
  "/umkm/abon-uni-eva/abon-ikan-tuna/", // removed page
];

/// Text that tries to break out of every context it lands in (as tests/testsuite/hostile.rs).
const EVIL = `<script>alert(1)</script>"'><img src=x onerror=alert(2)></textarea>]]>{{ 7*7 }}`;
const quoted = (s) => `'${s.replaceAll("'", "''")}'`;
const HOSTILE_MARKDOWN = `${EVIL}

[Katalog lengkap](javascript:alert(1)) dan <a href="vbscript:x" title="t">ini</a>.

<script>alert(2)</script><div onclick="x()">kotak</div> <img src=x onerror=alert(3)>

| a | b |
|---|---|
| <b>x</b> | [y](data:text/html,z) |

[Tautan baik](https://example.org/)
`;

/// The `basic` fixture with hostile text in a vendor, its product, an event and a page, an
/// alias, and a removed page.
function hostileFiles() {
  const vendor = readFileSync(join(fixtures, "basic/content/vendors/kopi-tebet/index.md"), "utf8");
  return {
    "content/vendors/kopi-tebet/index.md": vendor
      .replace("name: Kopi Tebet", `name: ${quoted(`Kopi ${EVIL}`)}\naliases: [umkm/kopi-lama/]`)
      .replace("owner: Budi Santoso", `owner: ${quoted(EVIL)}`)
      .replace("address: Jl. Tebet Raya No. 12", `address: ${quoted(EVIL)}`)
      + `\n${HOSTILE_MARKDOWN}`,
    "content/vendors/kopi-tebet/kopi-susu.md": `---\nname: ${quoted(`Susu ${EVIL}`)}\nprice: 5\ntags:\n  - ${quoted(EVIL)}\nimages:\n  - src: kopi-susu.png\n    alt: ${quoted(EVIL)}\n---\n${HOSTILE_MARKDOWN}`,
    "content/events/bazar-tebet.md": `---\ntitle: ${quoted(`Bazar ${EVIL}`)}\nstart: 2023-08-29\nvenue: ${quoted(EVIL)}\nregion: jakarta-selatan\ndistrict: tebet\nvendors: [kopi-tebet]\n---\n${HOSTILE_MARKDOWN}`,
    "content/pages/tentang.md": `---\ntitle: ${quoted(`Tentang ${EVIL}`)}\ndescription: ${quoted(EVIL)}\n---\n${HOSTILE_MARKDOWN}`,
    "content/dihapus.yaml": `- path: umkm/kopi-tebet/kopi-lama/\n  reason: ${quoted(EVIL)}\n`,
  };
}

const HOSTILE_PAGES = [
  "/",
  "/umkm/",
  "/umkm/kopi-tebet/",
  "/umkm/kopi-tebet/kopi-susu/",
  "/umkm/kopi-tebet/kartu-qr/",
  "/kategori/",
  "/kategori/kopi/",
  "/wilayah/",
  "/wilayah/jakarta-selatan/",
  "/cari/?q=kopi",
  "/acara/",
  "/acara/2023/08/",
  "/acara/bazar-tebet/",
  "/tentang/",
  MISSING,
  "/umkm/kopi-lama/",
  "/umkm/kopi-tebet/kopi-lama/",
];

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/// Runs axe on each of `paths` of the site in `dir`; returns the violations not in ALLOWED.
async function violations(dir, paths) {
  const server = await serve(dir);
  const found = [];
  try {
    for (const path of paths) {
      const missing = path === MISSING;
      assert.equal((await fetch(`${server.url}${path}`)).status, missing ? 404 : 200, path);
      // A redirect page refreshes at once to its target: it is held where it is, to be read (a navigation answered "204 No Content" goes nowhere).
      const { page, problems, context } = await open(browser, `${server.url}${path}`, {}, (route) =>
        route.request().isNavigationRequest() && route.request().url() !== `${server.url}${path}` ? route.fulfill({ status: 204 }) : route.continue());
      if (path.startsWith("/cari/")) {
        await page.waitForSelector(".search-hit");
      }
      // The browser reports the 404 page's own status as an error; nothing else may be there.
      if (missing) problems.splice(0, problems.length, ...problems.filter((p) => !p.includes("status of 404")));
      await page.evaluate(axeSource);
      const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
      for (const v of result.violations) {
        if (ALLOWED[v.id]) continue;
        found.push(`${path} ${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
      }
      assert.deepEqual(problems, [], `${path}: console errors or CSP violations`);
      await context.close();
    }
  } finally {
    await server.close();
  }
  return found;
}

test("axe-core finds nothing on any kind of page of the demo", async () => {
  const found = await violations(buildDemo(["--no-git-dates"]), DEMO_PAGES);
  assert.deepEqual(found, [], found.join("\n"));
});

test("axe-core finds nothing on the pages of a catalogue with hostile text", async () => {
  const found = await violations(buildFixture("basic", [], hostileFiles()), HOSTILE_PAGES);
  assert.deepEqual(found, [], found.join("\n"));
});
