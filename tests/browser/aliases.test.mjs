// Printed QR codes never break: after `katalog mv` renames a vendor, every URL of the old
// sitemap, opened in Chromium under the site's strict CSP, ends on the page it showed
// before (now at the new path), through the redirect pages alone (no script, no server rule).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { katalogBinary, serve, launch, open } from "./harness.mjs";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const BASE = "https://katalog.example.go.id/";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

function katalog(...args) {
  return execFileSync(katalogBinary(), args, { stdio: "pipe" }).toString();
}

test("every URL of the old sitemap leads to its page after a vendor is renamed", async () => {
  const tmp = mkdtempSync(join(tmpdir(), "katalog-aliases-"));
  const site = join(tmp, "site");
  cpSync(join(repo, "tests", "fixtures", "basic"), site, { recursive: true });
  katalog("build", site, "-o", join(tmp, "old"), "--no-git-dates");
  const oldPaths = [...readFileSync(join(tmp, "old", "sitemap.xml"), "utf8").matchAll(/<loc>([^<]+)<\/loc>/g)]
    .map((m) => m[1].slice(BASE.length));
  assert.ok(oldPaths.includes("umkm/kopi-tebet/kopi-susu/"), "the product was published");

  katalog("mv", "vendor", "kopi-tebet", "kopi-tebet-raya", "--site", site);
  katalog("build", site, "-o", join(tmp, "new"), "--no-git-dates");
  const server = await serve(join(tmp, "new"));
  try {
    let moved = 0;
    for (const path of oldPaths) {
      const now = path.replace(/^umkm\/kopi-tebet\//, "umkm/kopi-tebet-raya/");
      moved += now !== path ? 1 : 0;
      const { page, problems, context } = await open(browser, `${server.url}/${path}`);
      await page.waitForURL(`${server.url}/${now}`);
      await page.waitForLoadState("load");
      const title = await page.title();
      assert.ok(!title.startsWith("Halaman tidak ditemukan"), `${path} ended on a 404`);
      assert.deepEqual(problems, [], `${path}: console errors or CSP violations`);
      await context.close();
    }
    assert.equal(moved, 5, "the vendor, its booth cards and its three public products moved");
  } finally {
    await server.close();
  }
});
