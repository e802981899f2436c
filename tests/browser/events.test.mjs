// The events script moves events that ended after the build out of "upcoming", under a
// strict Content-Security-Policy, and the page is right without it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { buildFixture, serve, launch, open } from "./harness.mjs";

let server, browser;

before(async () => {
  // Built "in 2022": both fixture events are upcoming in the HTML; by now they have ended.
  server = await serve(buildFixture("basic", ["--now", "2022-01-01"]));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test("ended events move from upcoming to past", async () => {
  const { page, problems } = await open(browser, `${server.url}/acara/`);
  assert.equal(await page.locator("[data-upcoming] [data-end]").count(), 0);
  const past = await page.locator("[data-past]").innerText();
  assert.match(past, /Bazar Tebet/);
  assert.match(past, /Jumat Beli Lokal/);
  assert.equal(await page.locator("[data-upcoming-empty]").isVisible(), true);
  assert.deepEqual(problems, [], "no console errors or CSP violations");
});

test("without JavaScript the page is as built", async () => {
  const { page, problems } = await open(browser, `${server.url}/acara/`, { javaScriptEnabled: false });
  assert.equal(await page.locator("[data-upcoming] [data-end]").count(), 2);
  assert.deepEqual(problems, []);
});

test("vendor and home pages run the script too", async () => {
  for (const path of ["/", "/umkm/kopi-tebet/"]) {
    const { page, problems } = await open(browser, `${server.url}${path}`);
    assert.equal(await page.locator("[data-upcoming] [data-end]").count(), 0, path);
    assert.deepEqual(problems, [], path);
  }
});

test("an event still ahead stays upcoming while ended ones move", async () => {
  const future = await serve(buildFixture("basic", ["--now", "2022-01-01"], {
    "content/events/bazar-2099.md": "---\ntitle: Bazar Masa Depan\nstart: 2099-01-01\nvenue: Monas\n---\n",
  }));
  try {
    const { page, problems } = await open(browser, `${future.url}/acara/`);
    const upcoming = page.locator("[data-upcoming] [data-end]");
    assert.equal(await upcoming.count(), 1);
    assert.match(await upcoming.innerText(), /Bazar Masa Depan/);
    assert.match(await page.locator("[data-past]").innerText(), /Bazar Tebet/);
    assert.equal(await page.locator("[data-upcoming-empty]").isVisible(), false);
    assert.deepEqual(problems, []);
  } finally {
    await future.close();
  }
});
