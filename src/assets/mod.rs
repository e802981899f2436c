//! Files made from records rather than written by editors: QR codes (a product's URL, a
//! vendor's QRIS payload), drawn as SVG and PNG, and kept between builds in the QR cache.

pub mod qr;
pub mod qr_cache;
