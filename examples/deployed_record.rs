//! Benchmark helper (scripts/bench_delta.sh): writes the deploy record that a whole
//! `katalog deploy` of an output folder leaves in its bucket (`.katalog/deploy-manifest.gz`),
//! without uploading the files. At Jakarta scale the 3.2 million objects of a first deploy do
//! not fit this machine's disk a second time, but the record alone is all a later deploy reads
//! to decide what to upload; the benchmark puts it in the bucket of a real S3 server.
//!
//! `cargo run --release --example deployed_record -- <output dir> <base_url> <record file>`
//! (for a target without store redirects, as the benchmark's is).
use katalog::deploy::{plan, record};
use katalog::output::manifest::Manifest;
use std::collections::HashMap;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [output, base_url, record_file] = args.as_slice() else {
        eprintln!("usage: deployed_record <output dir> <base_url> <record file>");
        std::process::exit(2);
    };
    let local = Manifest::read(std::path::Path::new(output)).expect("the output has a whole manifest");
    let planned = plan::plan(&local, &Manifest::default(), &HashMap::new(), false);
    std::fs::write(record_file, record::encode(&planned.record, base_url)).expect("the record is written");
    println!("{} files in the record", planned.record.entries.len());
}
