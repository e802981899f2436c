//! Files made from records rather than written by editors: QR codes (and, later, image
//! derivatives).

pub mod qr;
