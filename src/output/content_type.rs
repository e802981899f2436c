//! The media type of a published file, by its extension: what `katalog serve` answers with
//! and what `katalog deploy` stores with each object. With `X-Content-Type-Options: nosniff`
//! (docs/deploy.md) a wrong type breaks a file outright, so every kind katalog writes is here.

/// The `Content-Type` of the file at `path`.
pub fn of(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or(path);
    let extension = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "gif" => "image/gif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn calendars_drawings_and_images_get_their_own_types() {
        assert_eq!(super::of("acara/kalender.ics"), "text/calendar; charset=utf-8");
        assert_eq!(super::of("umkm/a/b/qr.svg"), "image/svg+xml");
        assert_eq!(super::of("gambar/x-480.WEBP"), "image/webp");
        assert_eq!(super::of("folder.d/LICENSE"), "application/octet-stream");
    }
}
