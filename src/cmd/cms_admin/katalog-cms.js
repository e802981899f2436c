// katalog's additions to Decap CMS, loaded by /admin/index.html after Decap and js-yaml.
//
// Decap files a new entry by a template over its fields, and saves every field it shows; a
// katalog record refuses unknown fields. So the records are read and written by formats of
// our own (registered with CMS.registerCustomFormat) that:
//   - mark each record under content/vendors/ as a vendor (it has `region`) or a product, so
//     one collection lists the vendors and one lists the products of every vendor (a
//     collection `filter` on the mark), instead of a collection per vendor folder;
//   - leave out of the file the fields that only steer Decap: the mark, and a new product's
//     `vendor`, whose folder name the products collection's `path` ("{{vendor}}/{{slug}}")
//     uses to save the product as content/vendors/<vendor>/<product>.md;
//   - store an event's participants as the vendor folder names katalog wants, while the
//     relation widget that picks them works with Decap's entry slugs (`<vendor>/index`);
//   - read a product's `images: [foto.jpg]` as `{ src }` items, the shape its form edits.
// The preview panes use the site's own stylesheet and the theme's markup for a product, a
// vendor and an event, so editors see roughly what the public will.
(function () {
  "use strict";
  var CMS = window.CMS;
  var jsyaml = window.jsyaml;
  var MARK = "katalog_record";
  var INDEX = "/index";
  var yamlOptions = { schema: jsyaml.CORE_SCHEMA };

  function withoutIndex(slug) {
    return typeof slug === "string" && slug.slice(-INDEX.length) === INDEX ? slug.slice(0, -INDEX.length) : slug;
  }

  function ordered(data, sortedKeys, drop) {
    var out = {};
    var keys = (sortedKeys || []).concat(Object.keys(data));
    keys.forEach(function (key) {
      if (drop.indexOf(key) < 0 && !(key in out) && data[key] !== undefined && key in data) out[key] = data[key];
    });
    return out;
  }

  function dump(data) {
    return Object.keys(data).length ? jsyaml.dump(data, { schema: jsyaml.CORE_SCHEMA, lineWidth: -1, noRefs: true }) : "";
  }

  // What a record file holds → what the form edits.
  function toForm(data, kind) {
    if (kind === "content") {
      data[MARK] = "region" in data ? "vendor" : "product";
      if (Array.isArray(data.images)) {
        data.images = data.images.map(function (image) { return typeof image === "string" ? { src: image } : image; });
      }
    }
    if (kind === "event" && Array.isArray(data.vendors)) {
      data.vendors = data.vendors.map(function (slug) { return slug + INDEX; });
    }
    return data;
  }

  // What the form holds → what katalog reads.
  function toRecord(data, sortedKeys, kind) {
    var record = ordered(data, sortedKeys, [MARK, "vendor", "body"]);
    if (kind === "event" && Array.isArray(record.vendors)) record.vendors = record.vendors.map(withoutIndex);
    return record;
  }

  function frontMatterFormat(kind) {
    return {
      fromFile: function (content) {
        var match = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)([\s\S]*)$/.exec(content || "");
        var data = match ? jsyaml.load(match[1], yamlOptions) || {} : {};
        data.body = match ? match[2] : content || "";
        return toForm(data, kind);
      },
      toFile: function (data, sortedKeys) {
        var body = data.body || "";
        return "---\n" + dump(toRecord(data, sortedKeys, kind)) + "---\n" + body + (body && body.slice(-1) !== "\n" ? "\n" : "");
      },
    };
  }

  function yamlFormat(kind) {
    return {
      fromFile: function (content) { return toForm(jsyaml.load(content, yamlOptions) || {}, kind); },
      toFile: function (data, sortedKeys) { return dump(toRecord(data, sortedKeys, kind)); },
    };
  }

  CMS.registerCustomFormat("katalog-content", "md", frontMatterFormat("content"));
  CMS.registerCustomFormat("katalog-page", "md", frontMatterFormat("page"));
  CMS.registerCustomFormat("katalog-event", "md", frontMatterFormat("event"));
  CMS.registerCustomFormat("katalog-event-yaml", "yaml", yamlFormat("event"));

  // A new product's folder comes from the vendor chosen in the form (an entry slug of the
  // vendors collection, `<vendor>/index`); the `path` template needs the bare folder name.
  CMS.registerEventListener({
    name: "preSave",
    handler: function (event) {
      var entry = event.entry;
      var data = entry.get("data");
      if (entry.get("collection") !== "products") return data;
      if (entry.get("newRecord") && !data.get("vendor")) {
        throw new Error("Pilih UMKM pemilik produk ini (kolom UMKM).");
      }
      return data.get("vendor") ? data.set("vendor", withoutIndex(data.get("vendor"))) : data;
    },
  });

  // The site's stylesheet, relative to /admin/ so a site under a sub-path finds it too.
  CMS.registerPreviewStyle(new URL("../aset/katalog.css", window.location.href).href);

  var h = window.h;
  function rupiah(value) {
    if (value === undefined || value === null || value === "") return null;
    var amount = typeof value === "object" ? value.min : value;
    return "Rp " + String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }

  function imageUrl(props, src) {
    if (!src) return null;
    var asset = props.getAsset(src);
    return asset ? asset.toString() : src;
  }

  // The product as a card in a listing, then as its page (themes/default: macros.html
  // product_card, product.html), with the same class names so the site's CSS applies.
  var ProductPreview = function (props) {
    var data = props.entry.get("data");
    var images = data.get("images");
    var first = images && images.size ? images.first() : null;
    var src = first && (typeof first === "string" ? first : first.get("src"));
    var name = data.get("name") || "";
    var price = rupiah(data.get("price"));
    var cover = src ? h("img", { src: imageUrl(props, src), alt: name }) : h("div", { className: "card-noimage", "aria-hidden": "true" });
    return h("main", { id: "main", className: "wrap" },
      h("div", { className: "grid" },
        h("article", { className: "card product-card" }, cover,
          h("div", { className: "card-body" },
            h("h3", { className: "card-title" }, name),
            price ? h("p", { className: "price" }, price) : null))),
      h("article", { className: "product" },
        h("div", { className: "product-layout" },
          h("div", { className: "product-media" }, h("div", { className: "product-cover" }, src ? h("img", { src: imageUrl(props, src), alt: name }) : null)),
          h("div", { className: "product-info" },
            h("h1", {}, name),
            h("dl", { className: "facts" }, h("div", {}, h("dt", {}, "Harga"), h("dd", { className: "price" }, price || "Tanya penjual"))))),
        h("section", { className: "section prose" }, props.widgetFor("body"))));
  };

  var VendorPreview = function (props) {
    var data = props.entry.get("data");
    var name = data.get("name") || "";
    return h("main", { id: "main", className: "wrap" },
      h("div", { className: "grid" },
        h("article", { className: "card vendor-card" },
          h("div", { className: "card-noimage card-initial", "aria-hidden": "true" }, name.slice(0, 1)),
          h("div", { className: "card-body" }, h("h3", { className: "card-title" }, name)))),
      h("h1", {}, name),
      h("section", { className: "section prose" }, props.widgetFor("body")));
  };

  // An event: its participants as the folder names the site links to, not Decap's slugs.
  var EventPreview = function (props) {
    var data = props.entry.get("data");
    var vendors = data.get("vendors");
    var participants = vendors && vendors.size ? vendors.toArray().map(withoutIndex) : [];
    return h("main", { id: "main", className: "wrap" },
      h("h1", {}, data.get("title") || ""),
      h("dl", { className: "facts" },
        h("div", {}, h("dt", {}, "Waktu"), h("dd", {}, [data.get("start"), data.get("end")].filter(Boolean).join(" – "))),
        h("div", {}, h("dt", {}, "Tempat"), h("dd", {}, data.get("venue") || "")),
        participants.length ? h("div", {}, h("dt", {}, "UMKM peserta"), h("dd", {}, participants.join(", "))) : null),
      h("section", { className: "section prose" }, props.widgetFor("body")));
  };

  CMS.registerPreviewTemplate("events", EventPreview);
  CMS.registerPreviewTemplate("events-yaml", EventPreview);
  CMS.registerPreviewTemplate("products", ProductPreview);
  CMS.registerPreviewTemplate("vendors", VendorPreview);
})();
