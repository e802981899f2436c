//! Files made from records rather than written by editors: QR codes (a product's URL, a
//! vendor's QRIS payload), drawn as SVG and PNG.

pub mod qr;
