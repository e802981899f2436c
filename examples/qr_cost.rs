//! Benchmark: what a product's QR code costs (encode, SVG file, PNG), over
//! 10,000 product URLs. Run: `cargo run --release --example qr_cost`
use std::time::Instant;
fn main() {
    let n = 10_000;
    let urls: Vec<String> =
        (0..n).map(|i| format!("https://katalog.example.go.id/umkm/usaha-{i}/produk-{i}/?src=qr")).collect();
    let t = Instant::now();
    let codes: Vec<_> = urls.iter().map(|u| katalog::assets::qr::Code::new(u).unwrap()).collect();
    let encode = t.elapsed();
    let t = Instant::now();
    let svg: usize = codes.iter().map(|c| c.svg().len()).sum();
    let svg_time = t.elapsed();
    let t = Instant::now();
    let png: usize = codes.iter().map(|c| c.png().len()).sum();
    let png_time = t.elapsed();
    println!(
        "per code: encode {:?}, svg {:?}, png {:?}; bytes svg {} png {}",
        encode / n,
        svg_time / n,
        png_time / n,
        svg / n as usize,
        png / n as usize
    );
}
