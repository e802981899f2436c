// Benchmark harness (not a test) for the web editor: for generated catalogues of each size,
// the size of the configuration `katalog cms-config` writes and how long the real Decap CMS
// (pinned in tests/cms, through decap-server in fs mode, in Debian's headless Chromium) takes
// after login to show the vendor list, and the product list. Prints one line per size.
//
//   node scripts/bench_cms.mjs                 # 100, 1,000 and 10,000 vendors
//   node scripts/bench_cms.mjs 100 1000        # chosen sizes
//
// Needs `cargo build` (the debug binary) and scripts/setup. Results go into
// docs/performance.md ("The web editor's configuration") by hand.
import { statSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  adminCsp, generateCatalogue, katalog, launch, routeCdn, serve, startDecapServer, useLocalBackend,
} from "../tests/cms/decap.mjs";

const sizes = process.argv.slice(2).map(Number);
for (const vendors of sizes.length ? sizes : [100, 1000, 10000]) {
  const site = generateCatalogue(vendors);
  const started = Date.now();
  katalog("cms-config", site);
  const configMs = Date.now() - started;
  const config = join(site, "static", "admin", "config.yml");
  const text = readFileSync(config, "utf8");
  const collections = (text.slice(text.indexOf("\ncollections:")).match(/^- /gm) || []).length;
  const backend = await startDecapServer(site);
  useLocalBackend(site, backend.url);
  const web = await serve(join(site, "static"), { "Content-Security-Policy": adminCsp(new URL(backend.url).origin) });
  const context = await launch();
  await routeCdn(context);
  const page = await context.newPage();
  try {
    await page.goto(`${web.url}/admin/`);
    await page.getByRole("button", { name: /login/i }).click();
    let at = Date.now();
    await page.locator("a[href*='#/collections/vendors/entries/']").first().waitFor({ timeout: 600_000 });
    const vendorList = Date.now() - at;
    await page.goto(`${web.url}/admin/#/collections/products`);
    at = Date.now();
    await page.locator("a[href*='#/collections/products/entries/']").first().waitFor({ timeout: 600_000 });
    const productList = Date.now() - at;
    console.log(
      `${String(vendors).padStart(6)} vendors: config.yml ${statSync(config).size} bytes, ${collections} collections, ` +
        `cms-config ${(configMs / 1000).toFixed(1)} s; vendor list ${(vendorList / 1000).toFixed(1)} s, ` +
        `product list ${(productList / 1000).toFixed(1)} s after login`,
    );
  } finally {
    await context.close();
    await web.close();
    await backend.stop();
  }
}
