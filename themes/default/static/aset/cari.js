// The search page (/cari/): reads the query and filters from the URL, downloads only the
// parts of the index it needs (cari/indeks.json and what it points to; docs/search.md), and
// shows results and filter counts. Everything from the index is inserted as text, never as
// HTML. No framework, no eval: it runs under the theme's strict Content-Security-Policy.
(() => {
  "use strict";
  const box = document.getElementById("search");
  if (!box || !window.fetch || !window.URLSearchParams || !window.DecompressionStream) return;
  const form = document.getElementById("search-form");
  const input = document.getElementById("search-q");
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  const filters = document.getElementById("search-filters");
  const more = document.getElementById("search-more");
  const T = JSON.parse(document.getElementById("search-strings").textContent);
  const indexUrl = box.dataset.index;
  const dir = indexUrl.slice(0, indexUrl.lastIndexOf("/") + 1);
  const PAGE = 20;
  const TIER_WEIGHT = [8, 4, 2, 1];
  const EXACT = 1, PREFIX = 0.75, TYPO = 0.5;
  const OPTIONAL_LIMIT = 50000;
  const PARAMS = ["q", "kategori", "wilayah", "kecamatan", "harga_min", "harga_max"];

  // ---- Text: the same rules as src/search/text.rs ----
  const MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
  // Final sigma: Rust lowercases Σ to σ everywhere.
  const fold = (s) => s.normalize("NFD").replace(MARKS, "").toLowerCase().replace(/ς/g, "σ");
  const words = (s) => fold(s).split(/[^\p{Alphabetic}\p{N}]+/u).filter(Boolean);

  // ---- Downloads, each once ----
  const cache = new Map();
  function get(path, binary) {
    if (!cache.has(path)) {
      const p = fetch(dir + path).then((r) => {
        if (!r.ok) throw Object.assign(new Error(path + ": HTTP " + r.status), { status: r.status });
        // `.bin` files are gzipped by katalog (docs/search.md).
        if (!binary) return r.json();
        const inflated = new Response(r.body.pipeThrough(new DecompressionStream("gzip")));
        return inflated.arrayBuffer().then((b) => new Uint8Array(b));
      });
      p.catch(() => cache.delete(path));
      cache.set(path, p);
    }
    return cache.get(path);
  }

  function reader(bytes, at = 0) {
    return {
      get at() { return at; },
      next() {
        let value = 0, scale = 1, b;
        do {
          b = bytes[at++];
          value += (b & 0x7f) * scale;
          scale *= 128;
        } while (b & 0x80);
        return value;
      },
      text(n) {
        let s = "";
        for (let i = 0; i < n; i++) s += String.fromCharCode(bytes[at++]);
        return s;
      },
    };
  }

  // ---- The root file and the run table ----
  let meta = null;
  let loading = null;
  function loadMeta() {
    if (!loading) {
      loading = get(indexUrl.slice(dir.length)).then((m) =>
        get(m.runs, true).then((bytes) => {
          const r = reader(bytes);
          const n = r.next();
          const runs = { n, kind: new Uint8Array(n), cat: new Int32Array(n), place: new Int32Array(n), step: new Int32Array(n), start: new Uint32Array(n + 1) };
          // Each run says what changed from the one before (src/search/write.rs).
          let at = 0, kind = 0, cat = -1, place = -1;
          for (let i = 0; i < n; i++) {
            const level = r.next();
            if (level === 3) kind = r.next();
            if (level >= 2) cat = r.next() - 1;
            if (level >= 1) place = r.next() - 1;
            runs.kind[i] = kind;
            runs.cat[i] = cat;
            runs.place[i] = place;
            runs.step[i] = r.next() - 1;
            runs.start[i] = at;
            at += r.next();
          }
          runs.start[n] = at;
          m.runTable = runs;
          m.variantMap = new Map(Object.entries(m.variants));
          meta = m;
          return m;
        })
      );
      loading.catch(() => { loading = null; });
    }
    return loading;
  }

  // The run holding document `doc`.
  function runOf(doc) {
    return lastAtMost(meta.runTable.n, (i) => meta.runTable.start[i], doc);
  }

  // The last index `i` below `n` with `at(i) <= value` (0 when none): `at` ascends.
  function lastAtMost(n, at, value) {
    let lo = 0, hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (at(mid) <= value) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  // ---- The dictionary ----
  function shardIndex(key) {
    return lastAtMost(meta.shards.length, (i) => meta.shards[i][0], key);
  }

  // The shards holding keys from `from` up to `to` (at most `limit`).
  async function shardsBetween(from, to, limit) {
    if (!meta.shards.length) return [];
    const first = shardIndex(from);
    const last = Math.min(shardIndex(to), first + limit - 1);
    const out = [];
    for (let i = first; i <= last; i++) out.push(get("k/" + meta.shards[i][1] + ".json"));
    return Promise.all(out);
  }

  function find(shards, section, key) {
    for (const shard of shards) {
      for (const e of shard[section]) if (e[0] === key) return e;
    }
    return null;
  }

  // Optimal string alignment distance, up to 1: is `a` one edit from `b`?
  function oneEdit(a, b) {
    if (Math.abs(a.length - b.length) > 1 || a === b) return false;
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    if (a.length === b.length) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;
      return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    }
    return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  // The dictionary entries a query word may match, each with its weight.
  async function alternativesOf(word, typing) {
    // The word (its canonical spelling); while typing, also the words it starts, which the
    // index lists under each spelling's prefixes (`krip` finds *Keripik*).
    const canonical = meta.variantMap.get(word) || word;
    const out = [];
    const exact = find(await shardsBetween(canonical, canonical, 1), "w", canonical);
    if (exact) out.push({ entry: exact, weight: EXACT, common: exact.length > 3 });
    if (typing) {
      for (const key of new Set([word, canonical])) {
        if ([...key].length < 2) continue;
        const prefix = find(await shardsBetween(key, key, 1), "p", key);
        if (prefix && !out.some((o) => o.entry[2] === prefix[2])) out.push({ entry: prefix, weight: PREFIX, common: false });
      }
    }
    if (!out.length && [...word].length >= 5) {
      // One typo, after the first two letters — three when the words starting with those
      // two fill more than three shards (docs/search.md).
      let head = word.slice(0, 2);
      if (shardIndex(head + "\uffff") - shardIndex(head) >= 3) head = word.slice(0, 3);
      const shards = await shardsBetween(head, head + "\uffff", 3);
      for (const shard of shards) {
        for (const e of shard.w) if (e[0].startsWith(head) && oneEdit(word, e[0])) out.push({ entry: e, weight: TYPO, common: e.length > 3 });
      }
      // …and a typo of a listed variant spelling (`kripk`).
      for (const [variant, target] of meta.variantMap) {
        if (!oneEdit(word, variant)) continue;
        const e = find(await shardsBetween(target, target, 1), "w", target);
        if (e && !out.some((o) => o.entry === e)) out.push({ entry: e, weight: TYPO, common: e.length > 3 });
      }
    }
    return out;
  }

  // ---- Lists of documents ----
  // A list's header: its blocks (tier, first, last, count, file or inline bytes), and per-run
  // counts when it has several blocks.
  async function header(entry) {
    const ref = entry[2];
    if (Array.isArray(ref)) return { inline: ref, blocks: [] };
    const bytes = await get("i/" + ref + ".bin", true);
    const r = reader(bytes);
    const total = r.next();
    const n = r.next();
    const blocks = [];
    for (let i = 0; i < n; i++) {
      const tier = r.next(), first = r.next(), span = r.next(), count = r.next();
      blocks.push({ tier, first, last: first + span, count });
    }
    if (n === 1) {
      blocks[0].bytes = bytes;
      blocks[0].at = r.at;
      return { total, blocks };
    }
    for (const b of blocks) b.file = r.text(12);
    const runCounts = new Map();
    let run = 0;
    const m = r.next();
    for (let i = 0; i < m; i++) {
      run += r.next();
      runCounts.set(run, r.next());
    }
    return { total, blocks, runCounts };
  }

  async function blockDocs(block) {
    const bytes = block.bytes || (await get("i/" + block.file + ".bin", true));
    const r = reader(bytes, block.bytes ? block.at : 0);
    const docs = new Uint32Array(block.count);
    let doc = block.first;
    docs[0] = doc;
    for (let i = 1; i < block.count; i++) docs[i] = doc += r.next();
    return docs;
  }

  // Adds `doc → weight × tier weight` of a list into `scores` (the best per doc), reading only
  // the blocks that can hold a document `wanted` accepts (all when it is null).
  async function addList(alt, scores, wanted) {
    const h = await header(alt.entry);
    if (h.inline) {
      for (const p of h.inline) {
        const doc = Math.floor(p / 4);
        if (!wanted || wanted.has(doc)) put(scores, doc, alt.weight * TIER_WEIGHT[p % 4]);
      }
      return;
    }
    const blocks = wanted ? h.blocks.filter((b) => wanted.any(b.first, b.last)) : h.blocks;
    const all = await Promise.all(blocks.map(blockDocs));
    blocks.forEach((b, i) => {
      const w = alt.weight * TIER_WEIGHT[b.tier];
      for (const doc of all[i]) if (!wanted || wanted.has(doc)) put(scores, doc, w);
    });
  }

  function put(scores, doc, score) {
    const old = scores.get(doc);
    if (old === undefined || old < score) scores.set(doc, score);
  }

  // A sorted set of documents, for "may a block hold one of these?".
  function docSet(map) {
    const sorted = Uint32Array.from(map.keys()).sort();
    return {
      has: (doc) => map.has(doc),
      any(lo, hi) {
        let a = 0, b = sorted.length;
        while (a < b) {
          const mid = (a + b) >> 1;
          if (sorted[mid] < lo) a = mid + 1; else b = mid;
        }
        return a < sorted.length && sorted[a] <= hi;
      },
    };
  }

  // ---- Filters ----
  function readState() {
    const p = new URLSearchParams(location.search);
    const state = {};
    // `q` is kept as typed: a final space ends the last word.
    for (const k of PARAMS) state[k] = k === "q" ? p.get(k) || "" : (p.get(k) || "").trim();
    return state;
  }

  function urlOf(state) {
    const p = new URLSearchParams();
    for (const k of PARAMS) if (state[k]) p.set(k, state[k]);
    const q = p.toString();
    return location.pathname + (q ? "?" + q : "");
  }

  function termIndex(terms, slug) {
    return slug ? terms.findIndex((t) => t[0] === slug) : -1;
  }

  // Which facet values a run must have: null for "any".
  function filterOf(state) {
    const f = { cats: null, places: null, steps: null };
    const cat = termIndex(meta.categories, state.kategori);
    if (cat >= 0) f.cats = new Set([cat, ...meta.categories.flatMap((t, i) => (t[2] === cat ? [i] : []))]);
    const district = termIndex(meta.places, state.kecamatan);
    const region = termIndex(meta.places, state.wilayah);
    if (district >= 0) f.places = new Set([district]);
    else if (region >= 0) f.places = new Set([region, ...meta.places.flatMap((t, i) => (t[2] === region ? [i] : []))]);
    // `50.000` is 50000, as Indonesians write it.
    const min = parseInt(state.harga_min.replace(/\D/g, ""), 10);
    const max = parseInt(state.harga_max.replace(/\D/g, ""), 10);
    if (min > 0 || max > 0) {
      // Bounds snap outwards to the price steps: the filter is exact at the steps.
      const steps = meta.steps;
      let lo = 0;
      if (min > 0) while (lo + 1 < steps.length && steps[lo + 1] <= min) lo++;
      let hi = steps.length;
      if (max > 0) {
        hi = steps.findIndex((s) => s >= max);
        if (hi < 0) hi = steps.length;
      }
      f.steps = new Set();
      for (let s = lo; s < Math.max(hi, lo + 1); s++) f.steps.add(s);
    }
    f.any = f.cats || f.places || f.steps;
    return f;
  }

  function runPasses(f, r, skip) {
    const t = meta.runTable;
    if (f.cats && skip !== "cat" && !f.cats.has(t.cat[r])) return false;
    if (f.places && skip !== "place" && !f.places.has(t.place[r])) return false;
    if (f.steps && skip !== "step" && !f.steps.has(t.step[r])) return false;
    return true;
  }

  // ---- A query ----
  let generation = 0;
  let current = null;

  async function run() {
    const mine = ++generation;
    const state = readState();
    if (input.value !== state.q && document.activeElement !== input) input.value = state.q;
    more.hidden = true;
    // The last word is also a prefix unless the query ends with a space.
    let typing = state.q !== "" && !/\s$/.test(state.q);
    let qwords = words(state.q);
    if (!qwords.length && !hasFilters(state)) {
      show(mine, null, state);
      return;
    }
    status.textContent = T.search_loading;
    try {
      await loadMeta();
      const f = filterOf(state);
      if (typing && qwords.length > 1 && [...qwords[qwords.length - 1]].length < 2) {
        qwords = qwords.slice(0, -1);
        typing = false;
      }
      const result = qwords.length ? await match(qwords, typing, f) : browse(f);
      if (mine === generation) {
        current = { state, f, result, shown: 0 };
        await show(mine, current, state);
      }
    } catch (e) {
      if (mine !== generation) return;
      if (e.status === 404 && !retried) {
        // The site was rebuilt since the index was read: read it again.
        retried = true;
        reset();
        return run();
      }
      status.textContent = T.search_error;
      console.warn("katalog search:", e);
    }
  }

  let retried = false;
  function reset() {
    cache.clear();
    loading = null;
    meta = null;
  }

  function hasFilters(state) {
    return PARAMS.some((k) => k !== "q" && state[k]);
  }

  // No words: every document of the runs the filters allow, in document order.
  function browse(f) {
    const t = meta.runTable;
    const counts = new Uint32Array(t.n);
    for (let r = 0; r < t.n; r++) counts[r] = t.start[r + 1] - t.start[r];
    return {
      counts,
      async page(from, n) {
        const out = [];
        for (let r = 0; r < t.n && out.length < from + n; r++) {
          if (!runPasses(f, r)) continue;
          for (let d = t.start[r]; d < t.start[r + 1] && out.length < from + n; d++) out.push(d);
        }
        return out.slice(from);
      },
    };
  }

  async function match(qwords, typing, f) {
    const perWord = await Promise.all(qwords.map((w, i) => alternativesOf(w, typing && i === qwords.length - 1)));
    if (perWord.some((alts) => !alts.length)) return { counts: new Uint32Array(meta.runTable.n), page: async () => [] };
    const cost = (alts) => alts.reduce((sum, a) => sum + a.entry[1], 0);
    const ws = perWord.map((alts) => ({ alts, cost: cost(alts), optional: alts.some((a) => a.common) }));
    ws.sort((a, b) => a.cost - b.cost);
    // The rarest word that must match drives; a word too common in descriptions to be listed
    // there only adds to the score (docs/search.md).
    const firstAt = Math.max(0, ws.findIndex((w) => !w.optional));
    const first = ws[firstAt];
    const rest = ws.filter((_, i) => i !== firstAt);

    // One word whose longest list has blocks: counts from that list's header, results block
    // by block in rank order. Words that cannot exclude results would be skipped anyway
    // when the first matches that many documents.
    if (!rest.length || (rest.every((w) => w.optional) && first.cost > OPTIONAL_LIMIT)) {
      const headers = await Promise.all(first.alts.map((a) => header(a.entry)));
      let big = -1;
      headers.forEach((h, i) => { if (h.runCounts && (big < 0 || h.total > headers[big].total)) big = i; });
      if (big >= 0) return lazy(first.alts, headers, big, f);
    }

    let scores = new Map();
    await Promise.all(first.alts.map((a) => addList(a, scores, null)));
    for (const w of rest) {
      // A word that cannot exclude results only ranks them: not worth its lists when the
      // other words already match this many documents.
      if (w.optional && scores.size > OPTIONAL_LIMIT) continue;
      const wanted = docSet(scores);
      const found = new Map();
      await Promise.all(w.alts.map((a) => addList(a, found, wanted)));
      const next = new Map();
      for (const [doc, s] of scores) {
        const extra = found.get(doc);
        if (extra !== undefined) next.set(doc, s + extra);
        else if (w.optional) next.set(doc, s);
      }
      scores = next;
    }
    const docs = Uint32Array.from(scores.keys()).sort();
    const counts = new Uint32Array(meta.runTable.n);
    const passing = [];
    let r = 0;
    const start = meta.runTable.start;
    for (const doc of docs) {
      while (start[r + 1] <= doc) r++;
      counts[r]++;
      if (runPasses(f, r)) passing.push(doc);
    }
    passing.sort((a, b) => scores.get(b) - scores.get(a) || a - b);
    return { counts, page: async (from, n) => passing.slice(from, from + n) };
  }

  // One query word whose longest list (`big`) has blocks. The other lists are read whole, and
  // the blocks of the long one only where they meet them; counts are the long list's per-run
  // counts plus the other documents. Results merge the others (by score) with the long
  // list's blocks, which come in rank order (names first).
  async function lazy(alts, headers, big, f) {
    const t = meta.runTable;
    const others = new Map();
    await Promise.all(alts.map((a, i) => (i === big ? null : addList(a, others, null))));
    const inBig = new Map();
    if (others.size) await addList(alts[big], inBig, docSet(others));
    for (const [doc, s] of inBig) put(others, doc, s);
    const counts = new Uint32Array(t.n);
    for (const [r, n] of headers[big].runCounts) counts[r] = n;
    for (const doc of others.keys()) if (!inBig.has(doc)) counts[runOf(doc)]++;
    const passes = (doc) => !f.any || runPasses(f, runOf(doc));
    const head = [...others.keys()].filter(passes).sort((a, b) => others.get(b) - others.get(a) || a - b);

    const allowed = [];
    for (let r = 0; r < t.n; r++) if (runPasses(f, r)) allowed.push(r);
    const overlaps = (b) => !f.any || allowed.some((r) => t.start[r] <= b.last && t.start[r + 1] > b.first);
    const blocks = headers[big].blocks;
    const weight = alts[big].weight;
    let next = 0, queue = [], qi = 0, qscore = 0, hi = 0;
    const out = [];
    async function peek() {
      while (qi >= queue.length) {
        if (next >= blocks.length) return null;
        const b = blocks[next++];
        if (!overlaps(b)) continue;
        queue = Array.from(await blockDocs(b)).filter((d) => !others.has(d) && passes(d));
        qi = 0;
        qscore = weight * TIER_WEIGHT[b.tier];
      }
      return queue[qi];
    }
    return {
      counts,
      async page(from, n) {
        while (out.length < from + n) {
          const b = await peek();
          const a = hi < head.length ? head[hi] : null;
          if (a === null && b === null) break;
          if (b === null || (a !== null && (others.get(a) > qscore || (others.get(a) === qscore && a < b)))) {
            out.push(a);
            hi++;
          } else {
            out.push(b);
            qi++;
          }
        }
        return out.slice(from, from + n);
      },
    };
  }

  // ---- Showing results ----
  async function show(mine, cur, state) {
    if (!cur) {
      list.replaceChildren();
      filters.replaceChildren();
      more.hidden = true;
      status.textContent = T.search_hint;
      return;
    }
    const total = totalOf(cur);
    const docs = await cur.result.page(0, PAGE);
    const cards = await cardsOf(docs);
    if (mine !== generation) return;
    cur.shown = docs.length;
    list.replaceChildren(...cards.map(hit));
    renderFilters(cur, state);
    const q = state.q.trim();
    retried = false;
    status.textContent = total
      ? format(q ? T.search_results : T.search_results_filtered, { n: total.toLocaleString("id-ID"), q })
      : format(q ? T.search_none : T.search_none_filtered, { q });
    more.hidden = cur.shown >= total;
  }

  function totalOf(cur) {
    let total = 0;
    for (let r = 0; r < meta.runTable.n; r++) if (runPasses(cur.f, r)) total += cur.result.counts[r];
    return total;
  }

  async function showMore() {
    const cur = current;
    const mine = generation;
    if (!cur || more.disabled) return;
    more.disabled = true;
    try {
      const docs = await cur.result.page(cur.shown, PAGE);
      const cards = await cardsOf(docs);
      if (mine !== generation || cur !== current) return;
      cur.shown += docs.length;
      list.append(...cards.map(hit));
      more.hidden = !docs.length || cur.shown >= totalOf(cur);
    } finally {
      more.disabled = false;
    }
  }

  async function cardsOf(docs) {
    const per = meta.cards_per_file;
    const file = (n) => "d/" + meta.cards[Math.floor(n / meta.files_per_folder)] + "/" + n + ".json";
    const files = await Promise.all(docs.map((d) => get(file(Math.floor(d / per)))));
    return docs.map((d, i) => files[i][d % per]);
  }

  function format(text, values) {
    return text.replace(/\{(\w+)\}/g, (all, key) => (key in values ? values[key] : all));
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  // Only site paths become links.
  const safeUrl = (url) => (typeof url === "string" && url.startsWith("/") && !url.startsWith("//") ? url : "#");

  function hit(card) {
    const [kind, url, name, detail, vendor, place, thumb] = card;
    const li = el("li", "search-hit");
    const a = el("a", "search-hit-link");
    a.href = safeUrl(url);
    if (thumb) {
      const pic = el("picture", "search-hit-thumb");
      if (thumb[1]) {
        const source = el("source");
        source.type = "image/webp";
        source.srcset = safeUrl(thumb[1]);
        pic.append(source);
      }
      const img = el("img");
      img.src = safeUrl(thumb[0]);
      img.alt = "";
      img.width = thumb[2];
      img.height = thumb[3];
      img.loading = "lazy";
      img.decoding = "async";
      pic.append(img);
      a.append(pic);
    } else {
      a.append(el("span", "search-hit-thumb search-hit-nothumb"));
    }
    const body = el("span", "search-hit-body");
    if (kind === 1) body.append(el("span", "search-hit-kind", T.kind_vendor));
    if (kind === 2) body.append(el("span", "search-hit-kind", T.kind_event));
    body.append(el("span", "search-hit-name", name));
    if (detail) body.append(el("span", "search-hit-detail", detail));
    const where = [vendor, place].filter(Boolean).join(" · ");
    if (where) body.append(el("span", "search-hit-meta", where));
    a.append(body);
    li.append(a);
    return li;
  }

  function renderFilters(cur, state) {
    const t = meta.runTable;
    const f = cur.f;
    const cats = new Map(), places = new Map(), steps = new Map();
    for (let r = 0; r < t.n; r++) {
      const n = cur.result.counts[r];
      if (!n) continue;
      if (t.cat[r] >= 0 && runPasses(f, r, "cat")) {
        for (let c = t.cat[r]; c >= 0; c = meta.categories[c][2]) cats.set(c, (cats.get(c) || 0) + n);
      }
      if (t.place[r] >= 0 && runPasses(f, r, "place")) {
        for (let p = t.place[r]; p >= 0; p = meta.places[p][2]) places.set(p, (places.get(p) || 0) + n);
      }
      if (t.step[r] >= 0 && runPasses(f, r, "step")) steps.set(t.step[r], (steps.get(t.step[r]) || 0) + n);
    }
    const groups = [];
    const selectedCat = termIndex(meta.categories, state.kategori);
    groups.push(facet(T.filter_category, "kategori", treeItems(meta.categories, cats, selectedCat, state, (slug) => ({ kategori: slug }))));
    const selectedPlace = termIndex(meta.places, state.kecamatan) >= 0 ? termIndex(meta.places, state.kecamatan) : termIndex(meta.places, state.wilayah);
    groups.push(facet(T.filter_region, "wilayah", treeItems(meta.places, places, selectedPlace, state, (slug, parent) =>
      parent ? { wilayah: meta.places[parent][0], kecamatan: slug } : { wilayah: slug, kecamatan: "" })));
    const bands = meta.bands.map(([lo, hi]) => {
      let n = 0;
      for (const [s, c] of steps) if (meta.steps[s] >= lo && (hi === null || meta.steps[s] < hi)) n += c;
      const label = lo === 0 ? format(T.price_under, { max: rupiah(hi) }) : hi === null ? format(T.price_over, { min: rupiah(lo) }) : format(T.price_between, { min: rupiah(lo), max: rupiah(hi) });
      const selected = state.harga_min === String(lo || "") && state.harga_max === String(hi || "");
      const change = selected ? { harga_min: "", harga_max: "" } : { harga_min: lo ? String(lo) : "", harga_max: hi ? String(hi) : "" };
      return { label, n, selected, state: change };
    }).filter((b) => b.n || b.selected);
    groups.push(facet(T.filter_price, "harga", bands.map((b) => item(b.label, b.n, b.selected, state, b.state))));
    const nav = el("nav", "search-facets");
    nav.setAttribute("aria-label", T.search_filters);
    nav.append(...groups.filter(Boolean));
    if (hasFilters(state)) {
      const clear = link(T.filter_clear, { ...state, kategori: "", wilayah: "", kecamatan: "", harga_min: "", harga_max: "" });
      clear.className = "search-clear";
      nav.append(clear);
    }
    filters.replaceChildren(nav);
  }

  function treeItems(terms, counts, selected, state, params) {
    const out = [];
    terms.forEach((term, i) => {
      const parent = term[2];
      const open = parent < 0 || parent === selected || terms[selected]?.[2] === parent;
      if (!open || (!counts.get(i) && i !== selected)) return;
      const on = i === selected;
      const li = item(term[1], counts.get(i) || 0, on, state, on ? blank(params(term[0], parent >= 0 ? parent : null)) : params(term[0], parent >= 0 ? parent : null));
      if (parent >= 0) li.classList.add("search-facet-child");
      out.push(li);
    });
    return out;
  }

  // The same parameters emptied: a second click on a selected value removes it.
  function blank(params) {
    const out = {};
    for (const k of Object.keys(params)) out[k] = "";
    if ("kecamatan" in params && params.kecamatan) out.wilayah = params.wilayah;
    return out;
  }

  function facet(title, name, items) {
    if (!items.length) return null;
    const group = el("div", "search-facet");
    const heading = el("h2", "search-facet-title", title);
    heading.id = "facet-" + name;
    const ul = el("ul");
    ul.setAttribute("aria-labelledby", heading.id);
    ul.append(...items);
    group.append(heading, ul);
    return group;
  }

  function item(label, n, selected, state, change) {
    const li = el("li");
    const a = link(label, { ...state, ...change });
    if (selected) a.setAttribute("aria-current", "true");
    a.append(el("span", "search-facet-count", " (" + n.toLocaleString("id-ID") + ")"));
    li.append(a);
    return li;
  }

  function link(label, state) {
    const a = el("a", null, label);
    a.href = urlOf(state);
    return a;
  }

  function rupiah(n) {
    return "Rp " + n.toLocaleString("id-ID");
  }

  // ---- Wiring: the URL is the state ----
  let timer = 0;
  let typingEntry = false;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const state = { ...readState(), q: input.value };
      const url = urlOf(state);
      if (typingEntry) history.replaceState({ typing: true }, "", url);
      else history.pushState({ typing: true }, "", url);
      typingEntry = true;
      run();
    }, 120);
  });
  input.addEventListener("focus", () => { loadMeta().catch(() => {}); });
  // Escape empties the box and, with no filter chosen, the results; the status line (a live
  // region) says so.
  input.addEventListener("keydown", (e) => {
    if (e.key !== "Escape" || !input.value) return;
    e.preventDefault();
    clearTimeout(timer);
    input.value = "";
    const url = urlOf({ ...readState(), q: "" });
    if (typingEntry) history.replaceState(null, "", url);
    else if (url !== location.pathname + location.search) history.pushState(null, "", url);
    typingEntry = false;
    run();
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    clearTimeout(timer);
    const url = urlOf({ ...readState(), q: input.value });
    if (typingEntry) history.replaceState(null, "", url);
    else if (url !== location.pathname + location.search) history.pushState(null, "", url);
    typingEntry = false;
    input.blur();
    run();
  });
  filters.addEventListener("click", (e) => {
    const a = e.target.closest("a");
    if (!a || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    clearTimeout(timer);
    const href = a.getAttribute("href");
    if (href !== location.pathname + location.search) history.pushState(null, "", href);
    typingEntry = false;
    run();
  });
  more.addEventListener("click", () => { showMore().catch((e) => console.warn("katalog search:", e)); });
  window.addEventListener("popstate", () => {
    clearTimeout(timer);
    typingEntry = false;
    input.value = readState().q;
    run();
  });
  input.value = readState().q;
  run();
})();
