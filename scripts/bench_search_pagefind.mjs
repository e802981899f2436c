// Search benchmark helper (scripts/bench_search.sh): indexes the JSON-lines records written
// by `examples/search_index --records` with Pagefind's Node API (`addCustomRecord`: the same
// text and filters katalog indexes), writes the bundle, prints the time.
//
//   node scripts/bench_search_pagefind.mjs NODE_MODULES_DIR RECORDS OUT
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { createRequire } from "node:module";
import { join } from "node:path";

const [modules, records, out] = process.argv.slice(2);
const pagefind = await import(join(modules, "pagefind", "lib", "index.js"));
const start = performance.now();
const { index, errors } = await pagefind.createIndex({ forceLanguage: "id" });
if (errors.length) throw new Error(errors.join("; "));
let batch = [];
let n = 0;
for await (const line of createInterface({ input: createReadStream(records) })) {
  const r = JSON.parse(line);
  const meta = Object.fromEntries(Object.entries(r.meta).filter(([, v]) => v));
  batch.push(index.addCustomRecord({ url: r.url, content: r.content, language: "id", meta, filters: r.filters }));
  n++;
  if (batch.length === 2000) {
    for (const res of await Promise.all(batch)) if (res.errors.length) throw new Error(res.errors.join("; "));
    batch = [];
  }
}
await Promise.all(batch);
const added = performance.now() - start;
const written = await index.writeFiles({ outputPath: out });
if (written.errors.length) throw new Error(written.errors.join("; "));
console.log(`pagefind: ${n} records added in ${(added / 1000).toFixed(1)}s, written by ${((performance.now() - start) / 1000).toFixed(1)}s`);
await pagefind.close();
