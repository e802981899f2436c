// Keyboard and screen-reader paths in headless Chromium: the search page with the keyboard
// alone (focus order, visible focus, results announced through the live status line, Escape
// clears), and the month grid as Chromium's accessibility tree presents it (a table with a
// caption and a header per weekday).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { buildFixture, serve, launch, open } from "./harness.mjs";

let browser, server;
before(async () => {
  browser = await launch();
  server = await serve(buildFixture("search", ["--now", "2026-01-01"]));
});
after(async () => {
  await server?.close();
  await browser?.close();
});

async function settled(page) {
  await page.waitForFunction(() => !document.getElementById("search-status").textContent.includes("Mencari"));
}

/// What has the focus: its id, or its class, and whether its focus is drawn (an outline or a
/// box shadow).
async function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const drawn = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none";
    const where = el.id ? `#${el.id}` : el.closest(".search-facet") ? "facet" : el.closest(".search-hit") ? "result" : el.tagName.toLowerCase();
    return { where, drawn, visible: el.matches(":focus-visible") };
  });
}

/// Presses Tab until `wanted` has the focus (at most `limit` times); returns what was passed.
async function tabTo(page, wanted, limit = 60) {
  const passed = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    const now = await focused(page);
    passed.push(now);
    if (now.where === wanted) return passed;
  }
  assert.fail(`Tab never reached ${wanted}: ${passed.map((p) => p.where).join(" → ")}`);
}

test("the search page works with the keyboard alone, its focus always visible", async () => {
  const { page, problems, context } = await open(browser, `${server.url}/cari/`);
  const passed = await tabTo(page, "#search-q");
  await page.keyboard.type("keripik", { delay: 20 });
  await page.waitForFunction(() => new URLSearchParams(location.search).get("q") === "keripik");
  await settled(page);
  // From the box, Tab goes to its button, then the filters, then the results.
  passed.push(...(await tabTo(page, "facet")));
  passed.push(...(await tabTo(page, "result")));
  const order = passed.map((p) => p.where).filter((w, i, all) => w !== all[i - 1]);
  const at = (w) => order.indexOf(w);
  assert.ok(at("#search-q") < at("facet") && at("facet") < at("result"), order.join(" → "));
  for (const p of passed) {
    assert.ok(p.visible && p.drawn, `focus on ${p.where} is drawn: ${JSON.stringify(p)}`);
  }
  // Enter on a focused result opens it.
  const href = await page.evaluate(() => document.activeElement.getAttribute("href"));
  await page.keyboard.press("Enter");
  await page.waitForURL((url) => url.pathname === href);
  assert.deepEqual(problems, []);
  await context.close();
});

test("results are announced through a live region whose text follows the count", async () => {
  const { page, problems, context } = await open(browser, `${server.url}/cari/`);
  const live = page.locator("[aria-live]");
  assert.equal(await live.count(), 1);
  assert.equal(await live.getAttribute("aria-live"), "polite");
  assert.equal(await live.getAttribute("id"), "search-status");
  await page.focus("#search-q");
  await page.keyboard.type("keripik", { delay: 20 });
  await page.waitForFunction(() => new URLSearchParams(location.search).get("q") === "keripik");
  await settled(page);
  const many = await live.textContent();
  const shown = await page.locator(".search-hit").count();
  assert.equal(many, `${shown} hasil untuk “keripik”`);
  await page.keyboard.type(" tempe", { delay: 20 });
  await page.waitForFunction(() => new URLSearchParams(location.search).get("q") === "keripik tempe");
  await settled(page);
  assert.equal(await live.textContent(), "1 hasil untuk “keripik tempe”");
  assert.deepEqual(problems, []);
  await context.close();
});

test("Escape in the search box clears the words and the results", async () => {
  const { page, problems, context } = await open(browser, `${server.url}/cari/?q=keripik`);
  await settled(page);
  assert.ok((await page.locator(".search-hit").count()) > 0);
  await page.focus("#search-q");
  await page.keyboard.press("Escape");
  await page.waitForFunction(() => !location.search.includes("q="));
  await settled(page);
  assert.equal(await page.inputValue("#search-q"), "");
  assert.equal(await page.locator(".search-hit").count(), 0);
  assert.equal(await page.locator(".search-facet").count(), 0);
  assert.equal(await page.textContent("#search-status"), "Ketik nama produk, UMKM, atau acara.");
  // The focus stays in the box, ready for new words.
  assert.equal(await page.evaluate(() => document.activeElement.id), "search-q");
  assert.deepEqual(problems, []);
  await context.close();
});

test("the month grid is read as a table: a caption and a column header per weekday", async () => {
  const { page, problems, context } = await open(browser, `${server.url}/acara/2026/08/`);
  const cdp = await context.newCDPSession(page);
  const { nodes } = await cdp.send("Accessibility.getFullAXTree");
  const role = (r) => nodes.filter((n) => n.role?.value === r && !n.ignored);
  const tables = role("table");
  assert.equal(tables.length, 1);
  assert.equal(tables[0].name?.value, "Kalender Agustus 2026");
  const headers = role("columnheader").map((n) => n.name?.value);
  assert.deepEqual(headers, ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]);
  // Every week is a row of seven cells under those headers.
  const rows = await page.locator(".month-grid tbody tr").evaluateAll((trs) => trs.map((tr) => tr.cells.length));
  assert.ok(rows.length >= 4 && rows.every((n) => n === 7), `${rows}`);
  assert.equal(await page.locator(".month-grid thead th[scope=col]").count(), 7);
  assert.deepEqual(problems, []);
  await context.close();
});
