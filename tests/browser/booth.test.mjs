// The booth sheet prints on A4: eight cards a page, so a vendor with more products than fit
// on one page gets more pages, and every QR code prints at least 3 cm square.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { buildFixture, serve, launch, open } from "./harness.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/// A fixture where batik-ayu sells `n` products (its own one plus n - 1 more).
function productFiles(n) {
  const files = {};
  for (let i = 2; i <= n; i++) {
    files[`content/vendors/batik-ayu/produk-${i}.md`] = `---\nname: Batik Motif ${i}\nprice: ${i}5000\n---\n`;
  }
  return files;
}

function pdfPages(buffer) {
  return (buffer.toString("latin1").match(/\/Type\s*\/Page(?![s\w])/g) || []).length;
}

/// The page sizes the PDF declares, in millimetres (rounded): A4 is [210, 297].
function pdfPageSizes(buffer) {
  const boxes = buffer.toString("latin1").matchAll(/\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/g);
  return [...boxes].map((m) => [m[3] - m[1], m[4] - m[2]].map((pt) => Math.round((pt * 25.4) / 72)));
}

async function printSheet(cards) {
  const server = await serve(buildFixture("basic", [], productFiles(cards)));
  try {
    const { page, problems, context } = await open(browser, `${server.url}/umkm/batik-ayu/kartu-qr/`);
    await page.emulateMedia({ media: "print" });
    const qrSizes = await page.locator("img[src$='qr.svg']").evaluateAll((imgs) =>
      imgs.map((img) => { const r = img.getBoundingClientRect(); return [r.width, r.height]; }));
    const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true, printBackground: true });
    await context.close();
    return { pages: pdfPages(pdf), sizes: pdfPageSizes(pdf), qrSizes, problems };
  } finally {
    await server.close();
  }
}

test("ten cards print on two A4 pages", async () => {
  const { pages, qrSizes, problems } = await printSheet(10);
  assert.equal(qrSizes.length, 10);
  assert.equal(pages, 2);
  // 3 cm at the CSS reference of 96 px per inch is 113.4 px.
  for (const [w, h] of qrSizes) {
    assert.ok(w >= 113 && h >= 113, `QR printed at ${w}×${h} px, less than 3 cm`);
  }
  assert.deepEqual(problems, []);
});

test("eight cards fit on one page", async () => {
  const { pages, qrSizes } = await printSheet(8);
  assert.equal(qrSizes.length, 8);
  assert.equal(pages, 1);
});

test("eight cards a page, no more and no fewer, counted in Chromium's A4 PDF", async () => {
  for (const [cards, pages] of [[9, 2], [16, 2], [17, 3], [24, 3]]) {
    const printed = await printSheet(cards);
    assert.equal(printed.qrSizes.length, cards);
    assert.equal(printed.pages, pages, `${cards} cards`);
    assert.deepEqual(printed.sizes, Array(pages).fill([210, 297]), "A4 pages");
    assert.deepEqual(printed.problems, []);
  }
});
