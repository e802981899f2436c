// `katalog serve` in a real browser: an edit reloads the open page; a content error shows an
// overlay with the located error over the last good page; fixing the file clears it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { launch, open } from "./harness.mjs";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
let server, browser, site, url;

before(async () => {
  site = join(mkdtempSync(join(tmpdir(), "katalog-serve-")), "site");
  cpSync(join(repo, "tests", "fixtures", "basic"), site, { recursive: true });
  server = spawn(join(repo, "target", "debug", "katalog"), ["serve", site, "--port", "0"], { stdio: ["ignore", "ignore", "pipe"] });
  url = await new Promise((resolve, reject) => {
    let seen = "";
    server.stderr.on("data", (chunk) => {
      seen += chunk;
      const found = seen.match(/serving (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (found) resolve(found[1]);
    });
    server.on("exit", (code) => reject(new Error(`katalog serve exited (${code}): ${seen}`)));
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.kill();
});

const product = () => join(site, "content", "vendors", "batik-ayu", "kemeja-batik.md");

test("an edit reloads the open page, and an error shows over it until fixed", async () => {
  const { page, problems } = await open(browser, `${url}umkm/batik-ayu/kemeja-batik/`);
  assert.match(await page.locator("h1").innerText(), /Kemeja Batik Ondel-Ondel/);
  const original = readFileSync(product(), "utf8");

  // Edit: the page reloads by itself with the new name.
  const reloaded = page.waitForEvent("load", { timeout: 15000 });
  writeFileSync(product(), original.replace("Kemeja Batik Ondel-Ondel", "Kemeja Batik Monas"));
  await reloaded;
  assert.match(await page.locator("h1").innerText(), /Kemeja Batik Monas/);

  // A content error: the overlay names the file and line; the last good page stays below it.
  writeFileSync(product(), original.replace("price: 250000", "price: dua ratus ribu"));
  const overlay = page.locator("#katalog-errors");
  await overlay.waitFor({ state: "visible", timeout: 15000 });
  const text = await overlay.innerText();
  assert.match(text, /content\/vendors\/batik-ayu\/kemeja-batik\.md:3:8/);
  assert.match(text, /dua ratus ribu/);
  assert.match(await page.locator("h1").innerText(), /Kemeja Batik Monas/);

  // Fixed: the page reloads and the overlay is gone.
  const fixed = page.waitForEvent("load", { timeout: 15000 });
  writeFileSync(product(), original);
  await fixed;
  assert.equal(await page.locator("#katalog-errors").count(), 0);
  assert.match(await page.locator("h1").innerText(), /Kemeja Batik Ondel-Ondel/);
  assert.deepEqual(problems, [], "no console errors");
});
