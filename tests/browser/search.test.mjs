// Search (/cari/) in headless Chromium on the `search` fixture: typing, spelling variants,
// typos, filters in the URL, the back button, the home page box, text-only insertion of
// record text, a list long enough to be read block by block, and results lined up with and
// without a picture (axe-core runs in axe.test.mjs). Every page is served with the theme's
// strict CSP; no console error is allowed.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { buildFixture, serve, launch, open } from "./harness.mjs";

let browser, server;
before(async () => {
  browser = await launch();
  server = await serve(buildFixture("search"));
});
after(async () => {
  await server?.close();
  await browser?.close();
});

/// Waits until the search script has answered the current query.
async function settled(page) {
  await page.waitForFunction(() => {
    const s = document.getElementById("search-status").textContent;
    return !s.includes("Mencari");
  });
}

async function names(page) {
  return page.locator(".search-hit-name").allTextContents();
}

async function searchPage(query = "") {
  const opened = await open(browser, `${server.url}/cari/${query}`);
  await settled(opened.page);
  return opened;
}

/// Types `text` into the search page's box and waits for its results.
async function type(page, text) {
  await page.fill("#search-q", "");
  await page.type("#search-q", text, { delay: 20 });
  await page.waitForFunction((q) => new URLSearchParams(location.search).get("q") === q, text);
  await settled(page);
}

test("typing a query shows matching products, names first, drafts never", async () => {
  const { page, problems, context } = await searchPage();
  assert.equal(await page.textContent("#search-status"), "Ketik nama produk, UMKM, atau acara.");
  await type(page, "keripik");
  const found = await names(page);
  assert.deepEqual(found.slice(0, 2).sort(), ["Keripik Singkong Balado", "Kripik Tempe"]);
  assert.ok(found.includes("Bazar Keripik Nusantara"), "events are found too");
  assert.ok(!found.includes("Keripik Rahasia"), "a draft is not in the index");
  // Rempeyek is in the Keripik category: found, ranked below the names.
  assert.ok(found.indexOf("Rempeyek Kacang") > 1, `${found}`);
  assert.ok(!found.includes("Kue Cubit Pandan"));
  assert.match(await page.textContent("#search-status"), /hasil untuk “keripik”/);
  // The result shows price, vendor and place, and the thumbnail of the cover image.
  const first = page.locator(".search-hit", { hasText: "Keripik Singkong Balado" });
  assert.match(await first.textContent(), /Rp 15\.000.*Dapur Renyah · Tebet, Jakarta Selatan/);
  assert.match(await first.locator("img").getAttribute("src"), /^\/gambar\/[0-9a-f]{16}-\d+\.jpg$/);
  assert.equal(await first.locator("a").getAttribute("href"), "/umkm/dapur-renyah/keripik-singkong-balado/");
  // While typing, the last word is a prefix.
  await type(page, "temp");
  assert.deepEqual(await names(page), ["Kripik Tempe"]);
  await type(page, "kue cub");
  assert.deepEqual(await names(page), ["Kue Cubit Pandan"]);
  // A final space ends the word: no more prefix.
  await type(page, "ten");
  assert.deepEqual((await names(page)).sort(), ["Bakso Ikan Tenggiri", "Kain Tenun Betawi"]);
  await type(page, "ten ");
  assert.deepEqual(await names(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test("spelling variants find each other, the site's own included", async () => {
  const { page, problems, context } = await searchPage();
  for (const [query, expected] of [
    ["kripik", ["Keripik Singkong Balado", "Kripik Tempe"]],
    ["krip", ["Keripik Singkong Balado", "Kripik Tempe"]],
    ["kerip", ["Keripik Singkong Balado", "Kripik Tempe"]],
    ["kueh lapis", ["Kueh Lapis Legit"]],
    ["kue lapis", ["Kueh Lapis Legit"]],
    ["baso ", ["Baso Urat Beku", "Bakso Ikan Tenggiri"]],
    ["bakso ikan", ["Bakso Ikan Tenggiri"]],
    ["randang", ["Rendang Kering"]],
  ]) {
    await type(page, query);
    const found = await names(page);
    for (const name of expected) assert.ok(found.includes(name), `${query} finds ${name}: ${found}`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test("one typo is forgiven in words of five letters or more, not in shorter ones", async () => {
  const { page, problems, context } = await searchPage();
  await type(page, "singkomg ");
  assert.deepEqual(await names(page), ["Keripik Singkong Balado"]);
  await type(page, "rempeyk ");
  assert.deepEqual(await names(page), ["Rempeyek Kacang"]);
  await type(page, "tenggrii ");
  assert.deepEqual(await names(page), ["Bakso Ikan Tenggiri"], "a transposition is one typo");
  await type(page, "kripk ");
  assert.deepEqual((await names(page)).slice(0, 2).sort(), ["Keripik Singkong Balado", "Kripik Tempe"], "a typo of a variant spelling");
  await type(page, "bolo ");
  assert.deepEqual(await names(page), [], "four letters: no typo allowed");
  assert.match(await page.textContent("#search-status"), /Tidak ada hasil untuk “bolo”/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("filters come from the URL, with counts, and the back button restores the state", async () => {
  const { page, problems, context } = await searchPage("?q=pandan&kategori=kuliner&harga_max=25000");
  assert.deepEqual(await names(page), ["Kue Cubit Pandan"]);
  assert.equal(await page.inputValue("#search-q"), "pandan");
  // Counts of the other filters' values ignore their own filter: Kue has both pandan products.
  const facet = async (label) => page.locator(".search-facet", { hasText: label }).locator("a").allTextContents();
  assert.deepEqual(await facet("Kategori"), ["Kuliner (1)", "Kue & Jajanan (1)"]);
  assert.ok((await facet("Harga")).includes("Rp 25.000 – Rp 50.000 (1)"), await facet("Harga"));

  // A price band link: a new history entry.
  await page.click(".search-facet a:has-text('Rp 25.000 – Rp 50.000')");
  await page.waitForFunction(() => location.search.includes("harga_min=25000"));
  await settled(page);
  assert.deepEqual(await names(page), ["Bolu Pandan"]);
  assert.match(await page.locator(".search-facet a[aria-current]").last().textContent(), /Rp 25\.000 – Rp 50\.000/);

  // A second click on the selected band removes it.
  await page.click(".search-facet a[aria-current]:has-text('Rp 25.000 – Rp 50.000')");
  await page.waitForFunction(() => !location.search.includes("harga_min") && location.search.includes("kategori"));
  await settled(page);
  assert.deepEqual((await names(page)).sort(), ["Bolu Pandan", "Kue Cubit Pandan"]);
  await page.goBack();
  await page.waitForFunction(() => location.search.includes("harga_min=25000"));
  await settled(page);
  assert.deepEqual(await names(page), ["Bolu Pandan"]);
  await page.goBack();
  await page.waitForFunction(() => !location.search.includes("harga_min"));
  await settled(page);
  assert.deepEqual(await names(page), ["Kue Cubit Pandan"]);

  // Region and district; a district belongs to its region.
  await page.goto(`${server.url}/cari/?kecamatan=setiabudi`);
  await settled(page);
  assert.deepEqual((await names(page)).sort(), ["Bakso Ikan Tenggiri", "Bakso Mang Udin", "Baso Urat Beku"]);
  assert.match(await page.textContent("#search-status"), /^3 hasil$/);
  await page.goto(`${server.url}/cari/?q=batik&wilayah=jakarta-timur&harga_min=1000000`);
  await settled(page);
  assert.deepEqual(await names(page), ["Selendang Batik Tulis"]);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the home page's box leads to results, and no search data loads before", async () => {
  const requests = [];
  const { page, problems, context } = await open(browser, `${server.url}/`);
  page.on("request", (r) => requests.push(new URL(r.url()).pathname));
  await page.focus("#home-search-q");
  assert.deepEqual(requests.filter((p) => p.startsWith("/cari/")), [], "the home page fetches no index");
  await page.fill("#home-search-q", "bolu");
  await page.press("#home-search-q", "Enter");
  await page.waitForURL(/\/cari\/\?q=bolu$/);
  await settled(page);
  assert.deepEqual(await names(page), ["Bolu Pandan"]);
  // The header box is on every page and goes to the same place.
  assert.equal(await page.getAttribute(".site-search", "action"), "/cari/");
  assert.deepEqual(problems, []);
  await context.close();
});

test("record text is inserted as text, never as markup", async () => {
  const { page, problems, context } = await searchPage("?q=nastar");
  assert.deepEqual(await names(page), ['Nastar <b>Spesial</b> & "Keju"']);
  assert.equal(await page.locator("#search-results b").count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a list of thousands is read block by block, with exact counts", async () => {
  // 5,000 more keripik products: their list has two blocks of names.
  const items = [];
  for (let i = 0; i < 5000; i++) {
    items.push(`- name: Keripik Ubi ${i}\n  price: ${(i % 2 ? 30 : 10) * 1000}\n  category: keripik\n  description: Renyah dan gurih.\n`);
  }
  const big = await serve(buildFixture("search", [], { "content/vendors/dapur-renyah/products.yaml": items.join("") }));
  try {
    const { page, problems, context } = await open(browser, `${big.url}/cari/?q=keripik`);
    const fetched = [];
    page.on("request", (r) => fetched.push(new URL(r.url()).pathname));
    await settled(page);
    // 5,000 products, the vendor's category name, the event.
    assert.match(await page.textContent("#search-status"), /^5\.002 hasil/);
    assert.equal(await page.locator(".search-hit").count(), 20);
    // A double click loads one more page, not the same one twice.
    await page.dblclick("#search-more");
    await page.waitForFunction(() => document.querySelectorAll(".search-hit").length >= 40);
    await page.waitForTimeout(300);
    const shown = await names(page);
    assert.equal(shown.length, 40);
    assert.equal(new Set(shown).size, 40, "no result twice");
    // `dan` is in every new description: too common to be listed there, so it does not
    // exclude the results it cannot be checked against.
    await page.goto(`${big.url}/cari/?q=ubi+dan`);
    await settled(page);
    assert.match(await page.textContent("#search-status"), /^5\.000 hasil/);
    await page.goto(`${big.url}/cari/?q=keripik&harga_max=25000`);
    await settled(page);
    assert.match(await page.textContent("#search-status"), /^2\.500 hasil/);
    // Two words: the rare one drives, the long list is read only where it meets it.
    await page.goto(`${big.url}/cari/?q=ubi+4999`);
    await settled(page);
    assert.deepEqual(await names(page), ["Keripik Ubi 4999"]);
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await big.close();
  }
});

test("results with and without a picture start their text at the same x", async () => {
  // On a phone's width, where the picture column matters most.
  const { page, problems, context } = await open(browser, `${server.url}/cari/?q=keripik`, { viewport: { width: 412, height: 823 } });
  await settled(page);
  const starts = await page.locator(".search-hit").evaluateAll((hits) => hits.map((hit) => ({
    picture: !!hit.querySelector("img"),
    x: hit.querySelector(".search-hit-body").getBoundingClientRect().x,
  })));
  const withPicture = new Set(starts.filter((s) => s.picture).map((s) => s.x));
  const without = new Set(starts.filter((s) => !s.picture).map((s) => s.x));
  assert.ok(withPicture.size && without.size, "the query finds results of both kinds");
  assert.deepEqual([...new Set([...withPicture, ...without])], [...withPicture], JSON.stringify(starts));
  assert.deepEqual(problems, []);
  await context.close();
});
