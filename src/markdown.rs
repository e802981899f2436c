//! Markdown to safe HTML, and to plain text for descriptions.
//!
//! pulldown-cmark turns the editor's markdown into HTML; ammonia then removes whatever could
//! run or mislead in a visitor's browser (`<script>`, event handlers, `javascript:` URLs,
//! forms, styles). Headings are shifted so the body's top level is `<h2>`: a body's `#`
//! never competes with the page's own `<h1>`, and no level is skipped.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::sync::OnceLock;

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Shifts a heading so the body's top level becomes `<h2>` (the page's title is the `<h1>`).
fn shift(level: HeadingLevel, top: HeadingLevel) -> HeadingLevel {
    let n = (level as usize).saturating_sub(top as usize) + 2;
    HeadingLevel::try_from(n.min(6)).unwrap_or(HeadingLevel::H6)
}

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.link_rel(Some("noopener noreferrer nofollow"));
        b.url_schemes(["http", "https", "mailto", "tel"].into_iter().collect());
        b.rm_tags(["img"]);
        b.add_tags(["figure", "figcaption"]);
        b
    })
}

/// Renders markdown to sanitised HTML.
pub fn to_html(markdown: &str) -> String {
    Markdown::parse(markdown).into_html()
}

/// Markdown parsed once, for a page that shows a body as HTML and describes it in plain text
/// (a product's or vendor's page): the same events give both.
pub struct Markdown<'a> {
    events: Vec<Event<'a>>,
    /// The length of the markdown (the HTML is about half as long again).
    length: usize,
}

impl<'a> Markdown<'a> {
    pub fn parse(markdown: &'a str) -> Markdown<'a> {
        let events =
            if markdown.trim().is_empty() { Vec::new() } else { Parser::new_ext(markdown, options()).collect() };
        Markdown { events, length: markdown.len() }
    }

    /// The text without markup, as [`to_plain_text`] gives it.
    pub fn plain_text(&self, max: usize) -> String {
        plain_text_of(self.events.iter().cloned(), max)
    }

    /// Sanitised HTML, as [`to_html`] gives it.
    pub fn into_html(self) -> String {
        if self.events.is_empty() {
            return String::new();
        }
        html_of(self.events, self.length * 3 / 2)
    }
}

fn html_of(events: Vec<Event>, capacity: usize) -> String {
    let top = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(*level),
            _ => None,
        })
        .min()
        .unwrap_or(HeadingLevel::H2);
    let parser = events.into_iter().map(|event| match event {
        Event::Start(Tag::Heading { level, id, classes, attrs }) => {
            Event::Start(Tag::Heading { level: shift(level, top), id, classes, attrs })
        }
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(shift(level, top))),
        other => other,
    });
    let mut html = String::with_capacity(capacity);
    pulldown_cmark::html::push_html(&mut html, parser);
    without_dead_links(sanitizer().clean(&html).to_string())
}

/// A link whose URL the sanitiser dropped (`javascript:`, say) is left as its text: an `<a>`
/// with `rel` and no `href` is invalid HTML, and a link that leads nowhere misleads.
/// Sanitised HTML writes every `<a` tag in one form and never nests links.
fn without_dead_links(html: String) -> String {
    if !html.contains("<a") {
        return html;
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html.as_str();
    while let Some(at) = rest.find("<a") {
        let after = &rest[at + 2..];
        let is_tag = after.starts_with([' ', '>']);
        let Some(end) = after.find('>').filter(|_| is_tag) else {
            out.push_str(&rest[..at + 2]);
            rest = after;
            continue;
        };
        let tag = &after[..end];
        out.push_str(&rest[..at]);
        if tag.contains(" href=") {
            out.push_str(&rest[at..at + 2 + end + 1]);
            rest = &after[end + 1..];
        } else {
            // Keep the text; drop this tag and its `</a>`.
            let inner = &after[end + 1..];
            match inner.find("</a>") {
                Some(close) => {
                    out.push_str(&inner[..close]);
                    rest = &inner[close + 4..];
                }
                None => rest = inner,
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text of markdown without markup, cut at a word boundary to at most `max` characters.
pub fn to_plain_text(markdown: &str, max: usize) -> String {
    plain_text_of(Parser::new_ext(markdown, options()), max)
}

/// The plain text of `events`: stops reading them once it has enough.
fn plain_text_of<'a>(events: impl Iterator<Item = Event<'a>>, max: usize) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell | TagEnd::CodeBlock,
            ) if !text.ends_with(' ') && !text.is_empty() => {
                text.push(' ');
            }
            _ => {}
        }
        if text.len() > max * 4 + 64 {
            break;
        }
    }
    truncate_words(text.split_whitespace().collect::<Vec<_>>().join(" ").as_str(), max)
}

/// Cuts `text` to at most `max` characters at a word boundary, adding `…` when cut.
pub fn truncate_words(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    let next_is_space = text.chars().nth(cut.chars().count()).is_some_and(char::is_whitespace);
    let at_word = match cut.rfind(' ') {
        _ if next_is_space => cut.as_str(),
        Some(i) if i > max / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", at_word.trim_end_matches([',', '.', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_parse_gives_the_same_html_and_text_as_two() {
        let bodies = [
            "",
            "   \n",
            "Kopi **robusta** dari Lampung.\n\n## Cara seduh\n\n- giling\n- seduh 90 °C\n",
            "# Judul\n\nTeks dengan [tautan](https://contoh.id) dan `kode`.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
            "<script>alert(1)</script>\n\n[x](javascript:alert(1)) Pesan ≥ 10 pcs & \"grosir\" (< Rp 50.000)\r\n",
            "Rujukan [di sini][r] yang didefinisikan nanti.\n\n[r]: https://contoh.id\n",
        ];
        let long = "kata ".repeat(600);
        for body in bodies.iter().copied().chain([long.as_str()]) {
            for max in [20, 160, 2000] {
                assert_eq!(Markdown::parse(body).plain_text(max), to_plain_text(body, max), "{body:?} at {max}");
            }
            let parsed = Markdown::parse(body);
            let text = parsed.plain_text(160);
            assert_eq!((text, parsed.into_html()), (to_plain_text(body, 160), to_html(body)), "{body:?}");
        }
    }

    #[test]
    fn a_link_whose_url_is_dropped_leaves_its_text_only() {
        assert_eq!(to_html("[Katalog lengkap](javascript:alert(1))"), "<p>Katalog lengkap</p>\n");
        assert_eq!(to_html("Lihat <a href=\"javascript:x\" title=\"t\">di sini</a>."), "<p>Lihat di sini.</p>\n");
        let kept = to_html("[Katalog](https://katalog.example.go.id/) dan <abbr>UMKM</abbr>");
        assert!(
            kept.contains(
                "<a href=\"https://katalog.example.go.id/\" rel=\"noopener noreferrer nofollow\">Katalog</a>"
            ),
            "{kept}"
        );
        assert!(kept.contains("<abbr>UMKM</abbr>"), "{kept}");
    }

    #[test]
    fn renders_and_shifts_headings_to_start_at_h2() {
        let html = to_html("# Tentang\n\nKopi **enak**.\n\n## Sejarah");
        assert!(html.contains("<h2>Tentang</h2>"), "{html}");
        assert!(html.contains("<h3>Sejarah</h3>"), "{html}");
        assert!(html.contains("<strong>enak</strong>"));
        let html = to_html("## Tentang\n\n### Sejarah");
        assert!(html.contains("<h2>Tentang</h2>") && html.contains("<h3>Sejarah</h3>"), "{html}");
    }

    #[test]
    fn strips_script_handlers_and_javascript_urls() {
        let html = to_html(
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[klik](javascript:alert(1))\n\n<a href=\"https://x.id\" onclick=\"alert(1)\">x</a>\n\n<iframe src=\"https://evil\"></iframe><style>*{}</style>",
        );
        for bad in ["<script", "onerror", "javascript:", "onclick", "<iframe", "<style", "alert(1)</"] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
        assert!(html.contains("rel=\"noopener noreferrer nofollow\""));
    }

    #[test]
    fn plain_text_is_cut_at_words() {
        let text = to_plain_text("# Judul\n\nSatu **dua** tiga empat lima enam.", 20);
        assert_eq!(text, "Judul Satu dua tiga…");
        assert_eq!(to_plain_text("Pendek.", 20), "Pendek.");
        assert_eq!(to_plain_text("Kopi **enak**, sekali.", 60), "Kopi enak, sekali.");
    }
}
