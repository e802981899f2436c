//! Search benchmark helper (scripts/bench_search.sh): loads a site, then writes only its
//! search index, the `/cari/` page and the theme's static files into OUT — a Jakarta-sized
//! catalogue's full build does not fit on this machine's RAM disk, its index does. Prints the
//! time of each step. With `--records FILE`, also writes the same documents as JSON lines for
//! Pagefind's `add_custom_record` (same text, same filters), so both index identical records.
//!
//!   cargo run --release --example search_index -- SITE OUT [--records FILE]

use katalog::content::{Bodies, LoadOptions, load_site};
use katalog::derive::{Catalog, Descriptions};
use katalog::output::Staging;
use katalog::render::Renderer;
use katalog::render::kinds::{Job, Search};
use katalog::search::{index, write};
use katalog::theme::Theme;
use katalog::words::Variants;
use std::io::Write;
use std::time::Instant;

/// The allocator of the `katalog` binary, so the times match a build's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (site_dir, out) = (std::path::PathBuf::from(&args[1]), std::path::PathBuf::from(&args[2]));
    let records = args.iter().position(|a| a == "--records").map(|i| std::path::PathBuf::from(&args[i + 1]));

    let started = Instant::now();
    let site = load_site(&site_dir, None, LoadOptions { drafts: false, git_dates: false, bodies: Bodies::InFiles })
        .unwrap_or_else(|d| panic!("{}", d.render()));
    let theme = Theme::load(&site.root, &site.config.theme, &site.config.language).expect("the theme loads");
    let images = std::collections::HashMap::new();
    let catalog = Catalog::new(&site, &theme, &images, jiff::Timestamp::now());
    let loaded = started.elapsed().as_secs_f64();
    if std::env::var_os("SEARCH_INDEX_SKIP").is_some() {
        // The baseline for memory: the model and the cards a build holds anyway.
        println!(
            "loaded {} documents' records in {loaded:.2}s; index skipped",
            site.products.len() + site.vendors.len()
        );
        return;
    }

    let t = Instant::now();
    let docs = index::documents(&catalog).len();
    println!("documents: {docs} collected in {:.2}s (part of the index time below)", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let variants = Variants::new(&site.config.search_variants);
    let built = index::Index::build(&catalog, Descriptions::new(&site), &variants).expect("every body is read");
    let indexed = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let staging = Staging::create(&out).expect("an output folder");
    let written = write::write(&built, &site, &variants, &|path, bytes| staging.write(path, bytes))
        .expect("the index is written");
    let page = Renderer::new(&catalog).render(Job::Search(Search)).expect("the search page renders");
    staging.write("cari/index.html", page.html.as_bytes()).unwrap();
    for (path, bytes) in &theme.static_files {
        staging.write(path, bytes).unwrap();
    }
    staging.publish().expect("the output is published");
    let wrote = t.elapsed().as_secs_f64();
    println!(
        "documents {} words {} prefixes {} | load+model {loaded:.2}s index {indexed:.2}s write {wrote:.2}s | {} files {:.1} MB",
        written.documents,
        built.words.len(),
        built.prefixes.len(),
        written.files,
        written.bytes as f64 / 1e6
    );

    if let Some(path) = records {
        let mut file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
        let regions = &site.regions.terms;
        let categories = &site.categories.terms;
        for doc in index::documents(&catalog) {
            let mut filters = serde_json::Map::new();
            if doc.key.category != index::NONE {
                let cats: Vec<&str> = site
                    .categories
                    .self_and_ancestors(katalog::content::model::TermId(doc.key.category as usize))
                    .map(|t| categories[t].slug.as_str())
                    .collect();
                filters.insert("kategori".into(), cats.into());
            }
            if doc.key.place != index::NONE {
                let place = &regions[doc.key.place as usize];
                match place.parent {
                    Some(p) => {
                        filters.insert("wilayah".into(), vec![regions[p].slug.as_str()].into());
                        filters.insert("kecamatan".into(), vec![place.slug.as_str()].into());
                    }
                    None => {
                        filters.insert("wilayah".into(), vec![place.slug.as_str()].into());
                    }
                }
            }
            if doc.key.step != index::NONE {
                filters.insert("harga".into(), vec![index::PRICE_STEPS[doc.key.step as usize].to_string()].into());
            }
            let record = serde_json::json!({
                "url": doc.card.url,
                "content": doc.fields(&catalog, None).expect("every body is read").join(". "),
                "meta": { "title": doc.card.name, "price": doc.card.detail, "vendor": doc.card.vendor, "place": doc.card.place },
                "filters": filters,
            });
            writeln!(file, "{record}").unwrap();
        }
        file.flush().unwrap();
    }
}
