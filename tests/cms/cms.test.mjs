// The web editor in the real Decap CMS (the pinned npm bundle), with decap-server writing a
// copy of the `basic` fixture site, in headless Chromium: an editor logs in, creates a
// vendor, creates a product for it with an uploaded photo, adds the vendor to an event, and
// katalog then checks and builds what Decap wrote.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { statSync } from "node:fs";
import { adminCsp, copySite, generateCatalogue, katalog, launch, repo, routeCdn, serve, startDecapServer, useLocalBackend } from "./decap.mjs";

const PHOTO = join(repo, "tests", "fixtures", "basic", "content", "vendors", "kopi-tebet", "kopi-susu.png");

/// Picks `option` in the react-select whose label starts with `label`.
async function choose(page, label, typed, option) {
  await page.getByLabel(new RegExp(`^${label}`)).click();
  await page.keyboard.type(typed);
  await page.getByText(option, { exact: true }).last().waitFor();
  await page.keyboard.press("Enter");
}

/// Opens a CMS route afresh (a reload, so no list or search result is left over from an
/// earlier save) and waits for the form's field `label`.
async function openEditor(page, url, label) {
  await page.goto(url);
  await page.reload();
  await page.getByLabel(new RegExp(`^${label}`)).waitFor();
}

async function publish(page) {
  await page.getByRole("button", { name: "Publish" }).click();
  await page.getByText("Publish now").click();
  await page.getByText("Entry saved").waitFor();
}

/// With KATALOG_CMS_SCREENSHOTS=DIR, saves the page as DIR/<name>.png: the pictures of
/// docs/panduan-editor.md come from here (`KATALOG_CMS_SCREENSHOTS=docs/gambar-editor`).
async function screenshot(page, name) {
  const dir = process.env.KATALOG_CMS_SCREENSHOTS;
  if (dir) await page.screenshot({ path: join(repo, dir, `${name}.png`) });
}

function frontMatter(path) {
  return readFileSync(path, "utf8").split("---\n")[1];
}

test("an editor creates a vendor, a product with a photo and edits an event; katalog builds the result", async () => {
  const site = copySite("basic");
  katalog("cms-config", site);
  const admin = readFileSync(join(site, "static", "admin", "index.html"), "utf8");
  const bundle = readFileSync(join(import.meta.dirname, "node_modules", "decap-cms", "dist", "decap-cms.js"));
  const integrity = `sha384-${createHash("sha384").update(bundle).digest("base64")}`;
  assert.ok(admin.includes(`integrity="${integrity}"`), "the admin page pins the npm bundle's hash");
  const backend = await startDecapServer(site);
  useLocalBackend(site, backend.url);
  const output = join(site, "..", "public");
  katalog("build", site, "-o", output);
  // Served under the policy docs/deploy.md gives /admin/: a violation is a console error.
  const web = await serve(output, { "Content-Security-Policy": adminCsp(new URL(backend.url).origin) });
  const context = await launch();
  const refused = await routeCdn(context);
  const page = await context.newPage();
  const problems = [];
  page.on("console", (msg) => { if (msg.type() === "error") problems.push(msg.text()); });
  page.on("pageerror", (err) => problems.push(String(err)));
  try {
    await page.goto(`${web.url}/admin/`);
    await page.getByRole("button", { name: /login/i }).click();
    await page.getByText("Batik Ayu (batik-ayu)").waitFor();
    assert.equal(await page.getByText("(kopi-susu)").count(), 0, "products are not listed as vendors");

    // A new vendor.
    await openEditor(page, `${web.url}/admin/#/collections/vendors/new`, "Nama usaha");
    await page.getByLabel(/^Nama usaha/).fill("Sambal Bu Rini");
    await choose(page, "Kategori", "Keripik", "Kuliner › Keripik");
    await choose(page, "Kota/kabupaten", "Selatan", "Jakarta Selatan");
    await choose(page, "Kecamatan", "Tebet", "Jakarta Selatan › Tebet");
    await page.getByLabel(/^WhatsApp/).fill("0812-3456-7890");
    await screenshot(page, "umkm-baru");
    await publish(page);
    const vendorFile = join(site, "content", "vendors", "sambal-bu-rini", "index.md");
    assert.ok(existsSync(vendorFile), "the vendor is content/vendors/<slug>/index.md");
    const vendor = frontMatter(vendorFile);
    assert.match(vendor, /^name: Sambal Bu Rini$/m);
    assert.match(vendor, /^category: keripik$/m);
    assert.match(vendor, /^region: jakarta-selatan$/m);
    assert.match(vendor, /^district: tebet$/m);
    assert.doesNotMatch(vendor, /katalog_record/);

    // A product of that vendor, with a photo uploaded in the CMS.
    await openEditor(page, `${web.url}/admin/#/collections/products/new`, "UMKM");
    await choose(page, "UMKM", "Sambal", "Sambal Bu Rini");
    await page.getByLabel(/^Nama produk/).fill("Sambal Bawang");
    await page.getByLabel(/^Harga/).fill("25000");
    await page.getByRole("button", { name: /Add foto/i }).click();
    await page.getByRole("button", { name: "Choose an image" }).click();
    await page.locator('input[type="file"]').setInputFiles({ name: "sambal-bawang.png", mimeType: "image/png", buffer: readFileSync(PHOTO) });
    await page.getByRole("button", { name: /Choose selected/i }).click();
    await page.frameLocator("iframe").first().getByAltText("Sambal Bawang").first().waitFor();
    await screenshot(page, "produk-baru");
    await publish(page);
    const productFile = join(site, "content", "vendors", "sambal-bu-rini", "sambal-bawang.md");
    assert.ok(existsSync(productFile), "the product is content/vendors/<vendor>/<product>.md");
    assert.ok(existsSync(join(site, "content", "vendors", "sambal-bu-rini", "sambal-bawang.png")), "the photo is in the vendor's folder");
    const product = frontMatter(productFile);
    assert.match(product, /^name: Sambal Bawang$/m);
    assert.match(product, /^price: 25000$/m);
    assert.match(product, /src: sambal-bawang\.png/);
    assert.doesNotMatch(product, /^vendor:|katalog_record/m);

    // Without its vendor a new product has no folder: the save is refused, nothing written.
    await openEditor(page, `${web.url}/admin/#/collections/products/new`, "UMKM");
    await page.getByLabel(/^Nama produk/).fill("Sambal Ijo");
    await page.getByRole("button", { name: "Publish" }).click();
    await page.getByText("Publish now").click();
    await page.getByText(/Pilih UMKM pemilik produk ini/).first().waitFor();
    assert.ok(!existsSync(join(site, "content", "vendors", "sambal-ijo.md")));
    problems.length = 0; // Decap logs the refused save to the console, as it should.

    // The vendor joins an event.
    await openEditor(page, `${web.url}/admin/#/collections/events/entries/bazar-tebet`, "UMKM peserta");
    await page.getByText("Batik Ayu", { exact: true }).waitFor();
    await choose(page, "UMKM peserta", "Sambal", "Sambal Bu Rini");
    await screenshot(page, "peserta-acara");
    await publish(page);
    const event = frontMatter(join(site, "content", "events", "bazar-tebet.md"));
    assert.match(event, /vendors:\n {2}- kopi-tebet\n {2}- batik-ayu\n {2}- sambal-bu-rini\n/);
    assert.match(event, /^start: 2023-08-29$/m, "an untouched all-day start stays a date");

    assert.deepEqual(problems, [], "no console errors");
    assert.deepEqual(refused, [], "nothing loaded from outside but the pinned CDN files");
  } catch (error) {
    // What the browser said explains most failures of a step above.
    console.log("console errors so far:", problems, "at", page.url());
    throw error;
  } finally {
    await context.close();
    await web.close();
    await backend.stop();
  }
  katalog("check", site);
  const rebuilt = join(site, "..", "rebuilt");
  katalog("build", site, "-o", rebuilt);
  assert.ok(existsSync(join(rebuilt, "umkm", "sambal-bu-rini", "index.html")), "the vendor page");
  assert.ok(existsSync(join(rebuilt, "umkm", "sambal-bu-rini", "sambal-bawang", "index.html")), "the product page");
  assert.ok(existsSync(join(rebuilt, "umkm", "sambal-bu-rini", "sambal-bawang", "qr.svg")), "the product's QR code");
  assert.match(readFileSync(join(rebuilt, "acara", "bazar-tebet", "index.html"), "utf8"), /Sambal Bu Rini/);
});

test("the CMS opens on a generated 10,000-vendor catalogue with a small config", { timeout: 600_000 }, async () => {
  const site = generateCatalogue(10_000);
  katalog("cms-config", site);
  const size = statSync(join(site, "static", "admin", "config.yml")).size;
  assert.ok(size < 100_000, `config.yml is ${size} bytes`);
  const backend = await startDecapServer(site);
  useLocalBackend(site, backend.url);
  const web = await serve(join(site, "static"), { "Content-Security-Policy": adminCsp(new URL(backend.url).origin) });
  const context = await launch();
  const refused = await routeCdn(context);
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (err) => problems.push(String(err)));
  try {
    await page.goto(`${web.url}/admin/`);
    await page.getByRole("button", { name: /login/i }).click();
    const started = Date.now();
    await page.locator("a[href*='#/collections/vendors/entries/']").first().waitFor({ timeout: 300_000 });
    const vendorList = Date.now() - started;
    const vendorHrefs = await page.locator("a[href*='#/collections/vendors/entries/']").evaluateAll((links) => links.map((a) => a.getAttribute("href")));
    assert.ok(vendorHrefs.every((href) => href.endsWith("/index")), "only vendors in the vendor list");
    console.log(`10,000 vendors: config.yml ${size} bytes; vendor list shown ${vendorList} ms after login`);
    assert.deepEqual(problems, []);
    assert.deepEqual(refused, []);
  } finally {
    await context.close();
    await web.close();
    await backend.stop();
  }
});
