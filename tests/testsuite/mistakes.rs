//! The editor-mistakes corpus: what people who write records in a text editor get wrong,
//! each with the exact message, the place (file, line, column; 0 where the error is about a
//! whole file or folder) and a hint that names the fix. Each mistake is made alone in a copy
//! of the basic fixture, so it must be the only error `katalog check` reports.

use crate::common::{Site, katalog};

struct Mistake {
    what: &'static str,
    /// Files written over the fixture (path, text).
    files: &'static [(&'static str, &'static str)],
    /// File, line and column of the one error.
    at: (&'static str, usize, usize),
    message: &'static str,
    hint: &'static str,
}

const MISTAKES: &[Mistake] = &[
    Mistake {
        what: "a Tab indents a list item",
        files: &[(
            "content/vendors/toko-baru/index.md",
            "---\nname: Toko Baru\ncategory: kopi\nregion: jakarta-selatan\ncertifications:\n\t- halal\n---\nTeks.\n",
        )],
        at: ("content/vendors/toko-baru/index.md", 6, 1),
        message: "a Tab character indents this line",
        hint: "YAML indents with spaces only: replace the Tab with spaces (two per level)",
    },
    Mistake {
        what: "a Tab indents a key",
        files: &[(
            "content/vendors/toko-baru/index.md",
            "---\nname: Toko Baru\n\tcategory: kopi\nregion: jakarta-selatan\n---\nTeks.\n",
        )],
        at: ("content/vendors/toko-baru/index.md", 3, 1),
        message: "a Tab character indents this line",
        hint: "YAML indents with spaces only: replace the Tab with spaces (two per level)",
    },
    Mistake {
        what: "no space after a colon",
        files: &[(
            "content/vendors/toko-baru/index.md",
            "---\nname:Toko Baru\ncategory: kopi\nregion: jakarta-selatan\n---\nTeks.\n",
        )],
        at: ("content/vendors/toko-baru/index.md", 2, 6),
        message: "no space after `name:`",
        hint: "write `name: Toko Baru`: YAML needs a space after the colon",
    },
    Mistake {
        what: "a handle starts with @",
        files: &[(
            "content/vendors/toko-baru/index.md",
            "---\nname: Toko Baru\ncategory: kopi\nregion: jakarta-selatan\ninstagram: @tokobaru\n---\nTeks.\n",
        )],
        at: ("content/vendors/toko-baru/index.md", 5, 12),
        message: "a value cannot start with `@` unless it is in quotes",
        hint: "put the value in double quotes: `instagram: \"@tokobaru\"`",
    },
    Mistake {
        what: "a value holds `: `",
        files: &[(
            "content/vendors/toko-baru/index.md",
            "---\nname: Toko Baru\ncategory: kopi\nregion: jakarta-selatan\naddress: Jl. Tebet: No. 5\n---\nTeks.\n",
        )],
        at: ("content/vendors/toko-baru/index.md", 5, 19),
        message: "this value contains `: `, which YAML reads as the start of another field",
        hint: "put the whole value in double quotes: `address: \"Jl. Tebet: No. 5\"`",
    },
    Mistake {
        what: "curly quotes around a handle",
        files: &[(
            "content/vendors/toko-baru/index.md",
            "---\nname: Toko Baru\ncategory: kopi\nregion: jakarta-selatan\ninstagram: “@tokobaru”\n---\nTeks.\n",
        )],
        at: ("content/vendors/toko-baru/index.md", 5, 12),
        message: "`“@tokobaru”` is not an Instagram account",
        hint: "use straight quotes, not curly ones: `instagram: \"@tokobaru\"`",
    },
    Mistake {
        what: "Rp in a price",
        files: &[("content/vendors/kopi-tebet/kopi-susu.md", "---\nname: Kopi Susu\nprice: Rp 18.000\n---\nTeks.\n")],
        at: ("content/vendors/kopi-tebet/kopi-susu.md", 3, 8),
        message: "a price must be a number, not the text `Rp 18.000`",
        hint: "write only the number: `price: 18000`",
    },
    Mistake {
        what: "a thousands point in a price",
        files: &[("content/vendors/kopi-tebet/kopi-susu.md", "---\nname: Kopi Susu\nprice: 18.000\n---\nTeks.\n")],
        at: ("content/vendors/kopi-tebet/kopi-susu.md", 3, 8),
        message: "a price must be a whole number of rupiah",
        hint: "write thousands without a separator: `18000`",
    },
    Mistake {
        what: "a comma decimal in a price",
        files: &[("content/vendors/kopi-tebet/kopi-susu.md", "---\nname: Kopi Susu\nprice: 18000,50\n---\nTeks.\n")],
        at: ("content/vendors/kopi-tebet/kopi-susu.md", 3, 8),
        message: "a price must be a number, not the text `18000,50`",
        hint: "write only the number: `price: 18000`",
    },
    Mistake {
        what: "a decimal price",
        files: &[("content/vendors/kopi-tebet/kopi-susu.md", "---\nname: Kopi Susu\nprice: 18000.5\n---\nTeks.\n")],
        at: ("content/vendors/kopi-tebet/kopi-susu.md", 3, 8),
        message: "a price must be a whole number of rupiah",
        hint: "rupiah have no decimals here: write `18000`",
    },
    Mistake {
        what: "a price range with a dash",
        files: &[("content/vendors/kopi-tebet/kopi-susu.md", "---\nname: Kopi Susu\nprice: 15000-25000\n---\nTeks.\n")],
        at: ("content/vendors/kopi-tebet/kopi-susu.md", 3, 8),
        message: "a price must be a number, not the text `15000-25000`",
        hint: "write a range as `price: { min: 15000, max: 25000 }`",
    },
    Mistake {
        what: "a date as day/month/year",
        files: &[(
            "content/vendors/toko-baru/index.md",
            "---\nname: Toko Baru\ncategory: kopi\nregion: jakarta-selatan\njoined: 24/05/2022\n---\nTeks.\n",
        )],
        at: ("content/vendors/toko-baru/index.md", 5, 9),
        message: "`24/05/2022` is not a date",
        hint: "write dates as year-month-day: `2022-05-24`",
    },
    Mistake {
        what: "an event time with a point",
        files: &[(
            "content/events/bazar-baru.md",
            "---\ntitle: Bazar Baru\nvenue: Lapangan\nstart: 29/08/2023 09.00\n---\nTeks.\n",
        )],
        at: ("content/events/bazar-baru.md", 4, 8),
        message: "`29/08/2023 09.00` is not a date or a local date-time",
        hint: "write `2023-08-29T09:00` (year-month-day, and `T` before a time)",
    },
    Mistake {
        what: "a region's name for its slug",
        files: &[(
            "content/vendors/toko-baru/index.md",
            "---\nname: Toko Baru\ncategory: kopi\nregion: Jakarta Selatan\n---\nTeks.\n",
        )],
        at: ("content/vendors/toko-baru/index.md", 4, 9),
        message: "unknown region `Jakarta Selatan`",
        hint: "write the slug of `Jakarta Selatan`: `region: jakarta-selatan`",
    },
    Mistake {
        what: "a kecamatan of another kota",
        files: &[(
            "content/vendors/toko-baru/index.md",
            "---\nname: Toko Baru\ncategory: kopi\nregion: jakarta-selatan\ndistrict: gambir\n---\nTeks.\n",
        )],
        at: ("content/vendors/toko-baru/index.md", 5, 11),
        message: "kecamatan `gambir` is not in `jakarta-selatan`",
        hint: "`gambir` is in `jakarta-pusat`; correct the region or the district",
    },
    Mistake {
        what: "a kecamatan as the region",
        files: &[(
            "content/vendors/toko-baru/index.md",
            "---\nname: Toko Baru\ncategory: kopi\nregion: tebet\n---\nTeks.\n",
        )],
        at: ("content/vendors/toko-baru/index.md", 4, 9),
        message: "`tebet` is a kecamatan, not a kota/kabupaten",
        hint: "write `region: jakarta-selatan` and `district: tebet`",
    },
    Mistake {
        what: "a category's name for its slug",
        files: &[(
            "content/vendors/toko-baru/index.md",
            "---\nname: Toko Baru\ncategory: Kopi\nregion: jakarta-selatan\n---\nTeks.\n",
        )],
        at: ("content/vendors/toko-baru/index.md", 3, 11),
        message: "unknown category `Kopi`",
        hint: "write the slug of `Kopi`: `category: kopi`",
    },
    Mistake {
        what: "a record saved as .md.txt",
        files: &[("content/vendors/kopi-tebet/es-kopi.md.txt", "---\nname: Kopi Susu\nprice: 18000\n---\nTeks.\n")],
        at: ("content/vendors/kopi-tebet/es-kopi.md.txt", 0, 0),
        message: "`es-kopi.md.txt` is not read: a record is a `.md` text file",
        hint: "save it as plain text named `es-kopi.md` (in Notepad, choose \"All files\" so no `.txt` is added)",
    },
    Mistake {
        what: "products.yml for products.yaml",
        files: &[("content/vendors/kopi-tebet/products.yml", "- name: Es Kopi\n  price: 15000\n")],
        at: ("content/vendors/kopi-tebet/products.yml", 0, 0),
        message: "unexpected YAML file `products.yml` in a vendor folder",
        hint: "rename it to `products.yaml` (small letters, `.yaml`)",
    },
    Mistake {
        what: "a product outside a vendor folder",
        files: &[("content/vendors/es-kopi.md", "---\nname: Kopi Susu\nprice: 18000\n---\nTeks.\n")],
        at: ("content/vendors/es-kopi.md", 0, 0),
        message: "`es-kopi.md` is not in a vendor folder, so it is not read",
        hint: "a vendor is a folder `content/vendors/<vendor>/` with an `index.md`; move a product to `content/vendors/<vendor>/es-kopi.md`",
    },
    Mistake {
        what: "Index.md with a capital",
        files: &[(
            "content/vendors/toko-baru/Index.md",
            "---\nname: Toko Baru\ncategory: kopi\nregion: jakarta-selatan\n---\nTeks.\n",
        )],
        at: ("content/vendors/toko-baru", 0, 0),
        message: "vendor folder has no index.md",
        hint: "rename `Index.md` to `index.md` (small letters, no `.txt`)",
    },
    Mistake {
        what: "a vendor folder named with spaces",
        files: &[(
            "content/vendors/Toko Baru/index.md",
            "---\nname: Toko Baru\ncategory: kopi\nregion: jakarta-selatan\n---\nTeks.\n",
        )],
        at: ("content/vendors/Toko Baru", 0, 0),
        message: "vendor folder name `Toko Baru` is not a valid slug (lowercase letters, digits and dashes)",
        hint: "rename it to `toko-baru`",
    },
    Mistake {
        what: "a folder content/event",
        files: &[(
            "content/event/bazar.md",
            "---\ntitle: Bazar Baru\nvenue: Lapangan\nstart: 2023-08-29\n---\nTeks.\n",
        )],
        at: ("content/event", 0, 0),
        message: "`content/event` is not read",
        hint: "did you mean `events`?",
    },
    Mistake {
        what: "a missing name",
        files: &[(
            "content/vendors/toko-baru/index.md",
            "---\ncategory: kopi\nregion: jakarta-selatan\njoined: 2022-01-01\n---\nTeks.\n",
        )],
        at: ("content/vendors/toko-baru/index.md", 1, 1),
        message: "missing required field `name`",
        hint: "add a line `name: …` between the two `---` lines",
    },
    Mistake {
        what: "a missing name in products.yaml",
        files: &[(
            "content/vendors/kopi-tebet/products.yaml",
            "- name: Es Kopi\n  price: 15000\n- price: 20000\n  tags: [kopi]\n",
        )],
        at: ("content/vendors/kopi-tebet/products.yaml", 3, 1),
        message: "missing required field `name`",
        hint: "add a line `name: …` to this record",
    },
    Mistake {
        what: "a field named in Indonesian",
        files: &[("content/vendors/kopi-tebet/kopi-susu.md", "---\nname: Kopi Susu\nharga: 18000\n---\nTeks.\n")],
        at: ("content/vendors/kopi-tebet/kopi-susu.md", 3, 1),
        message: "unknown field `harga`",
        hint: "did you mean `price`? (field names are in English)",
    },
    Mistake {
        what: "a misspelt field",
        files: &[("content/vendors/kopi-tebet/kopi-susu.md", "---\nname: Kopi Susu\nprise: 18000\n---\nTeks.\n")],
        at: ("content/vendors/kopi-tebet/kopi-susu.md", 3, 1),
        message: "unknown field `prise`",
        hint: "did you mean `price`?",
    },
    Mistake {
        what: "tidak for false",
        files: &[(
            "content/vendors/kopi-tebet/kopi-susu.md",
            "---\nname: Kopi Susu\nprice: 18000\navailable: tidak\n---\nTeks.\n",
        )],
        at: ("content/vendors/kopi-tebet/kopi-susu.md", 4, 12),
        message: "wrong type: expected `true` or `false`",
        hint: "write `true` or `false` (`yes`, `no`, `ya` and `tidak` are not booleans)",
    },
    Mistake {
        what: "a list written as text",
        files: &[(
            "content/vendors/kopi-tebet/kopi-susu.md",
            "---\nname: Kopi Susu\nprice: 18000\ntags: kopi, susu\n---\nTeks.\n",
        )],
        at: ("content/vendors/kopi-tebet/kopi-susu.md", 4, 7),
        message: "expected a list here",
        hint: "write a list in square brackets, `tags: [kopi, susu]`, or one `- ` item per line",
    },
    Mistake {
        what: "a field written twice",
        files: &[(
            "content/vendors/kopi-tebet/kopi-susu.md",
            "---\nname: Kopi Susu\nprice: 18000\nprice: 20000\n---\nTeks.\n",
        )],
        at: ("content/vendors/kopi-tebet/kopi-susu.md", 4, 1),
        message: "`price` is written twice in this record",
        hint: "keep one of the two lines and delete the other",
    },
    Mistake {
        what: "a .yaml event between --- lines",
        files: &[(
            "content/events/bazar-baru.yaml",
            "---\ntitle: Bazar Baru\nstart: 2023-08-29\nvenue: Lapangan\n---\n",
        )],
        at: ("content/events/bazar-baru.yaml", 5, 1),
        message: "a second YAML document starts at this `---` line",
        hint: "a `.yaml` record has no `---` lines around its fields (only `.md` files do): delete this line",
    },
    Mistake {
        what: "front matter not closed",
        files: &[(
            "content/vendors/kopi-tebet/kopi-susu.md",
            "---\nname: Kopi Susu\nprice: 18000\nKopi susu gula aren.\n",
        )],
        at: ("content/vendors/kopi-tebet/kopi-susu.md", 1, 1),
        message: "front matter is not closed: no second line `---` was found",
        hint: "add a line `---` after the last field (the file has 4 lines)",
    },
    Mistake {
        what: "no front matter",
        files: &[("content/vendors/kopi-tebet/kopi-susu.md", "name: Kopi Susu\nprice: 18000\n")],
        at: ("content/vendors/kopi-tebet/kopi-susu.md", 1, 1),
        message: "expected front matter: the file must start with a line `---`",
        hint: "put the fields between two lines `---` at the top of the file",
    },
    Mistake {
        what: "an image named with the wrong case",
        files: &[(
            "content/vendors/kopi-tebet/kopi-susu.md",
            "---\nname: Kopi Susu\nprice: 18000\nimages: [Kopi-Susu.PNG]\n---\nTeks.\n",
        )],
        at: ("content/vendors/kopi-tebet/kopi-susu.md", 4, 10),
        message: "image `Kopi-Susu.PNG` not found (content/vendors/kopi-tebet/Kopi-Susu.PNG)",
        hint: "the file is named `kopi-susu.png`: write the name exactly, small and capital letters too",
    },
    Mistake {
        what: "an image in { src } that is missing",
        files: &[(
            "content/vendors/kopi-tebet/kopi-susu.md",
            "---\nname: Kopi Susu\nprice: 18000\nimages:\n  - { src: kopi-dingin.png, alt: Kopi dingin }\n---\nTeks.\n",
        )],
        at: ("content/vendors/kopi-tebet/kopi-susu.md", 5, 12),
        message: "image `kopi-dingin.png` not found (content/vendors/kopi-tebet/kopi-dingin.png)",
        hint: "put the file in content/vendors/kopi-tebet",
    },
    Mistake {
        what: "a landline for WhatsApp",
        files: &[(
            "content/vendors/toko-baru/index.md",
            "---\nname: Toko Baru\ncategory: kopi\nregion: jakarta-selatan\nwhatsapp: 021-7890123\n---\nTeks.\n",
        )],
        at: ("content/vendors/toko-baru/index.md", 5, 11),
        message: "`021-7890123` is not an Indonesian mobile number",
        hint: "write an Indonesian mobile number such as `0812-3456-7890` or `+62 812 3456 7890`",
    },
    Mistake {
        what: "a misspelt vendor at an event",
        files: &[(
            "content/events/bazar-baru.md",
            "---\ntitle: Bazar Baru\nvenue: Lapangan\nstart: 2023-08-29\nvendors: [kopi-tebett]\n---\nTeks.\n",
        )],
        at: ("content/events/bazar-baru.md", 5, 11),
        message: "unknown vendor `kopi-tebett`",
        hint: "did you mean `kopi-tebet`?",
    },
    Mistake {
        what: "an event that ends before it starts",
        files: &[(
            "content/events/bazar-baru.md",
            "---\ntitle: Bazar Baru\nvenue: Lapangan\nstart: 2023-08-29T10:00\nend: 2023-08-28T16:00\n---\nTeks.\n",
        )],
        at: ("content/events/bazar-baru.md", 5, 6),
        message: "the event ends (2023-08-28T16:00) before it starts (2023-08-29T10:00)",
        hint: "check the dates; `end` must be the same as or after `start`",
    },
    Mistake {
        what: "a list left open",
        files: &[(
            "content/vendors/kopi-tebet/kopi-susu.md",
            "---\nname: Kopi Susu\ntags: [kopi, susu\nprice: 18000\n---\nTeks.\n",
        )],
        at: ("content/vendors/kopi-tebet/kopi-susu.md", 3, 7),
        message: "`[` is not closed on this line",
        hint: "close it where the list ends: `tags: [kopi, susu]`",
    },
    Mistake {
        what: "a vendor folder named halaman",
        files: &[(
            "content/vendors/halaman/index.md",
            "---\nname: Toko Baru\ncategory: kopi\nregion: jakarta-selatan\n---\nTeks.\n",
        )],
        at: ("content/vendors/halaman", 0, 0),
        message: "`halaman` is reserved for page numbers and cannot be a vendor folder",
        hint: "rename the folder",
    },
    Mistake {
        what: "a placeholder left from katalog new",
        files: &[(
            "content/vendors/toko-baru/index.md",
            "---\nname: Toko Baru\ncategory: kopi\nregion: jakarta-selatan\naddress: Jl. …                   # GANTI (optional)\n---\nTeks.\n",
        )],
        at: ("content/vendors/toko-baru/index.md", 5, 34),
        message: "`address: Jl. …` is a placeholder from `katalog new`",
        hint: "write the real value and delete the `GANTI` comment (in the text, the whole `<!-- GANTI … -->` line)",
    },
    Mistake {
        what: "Windows line ends and a byte-order mark",
        files: &[(
            "content/vendors/kopi-tebet/kopi-susu.md",
            "\u{feff}---\r\nname: Kopi Susu\r\nprice: Rp18.000\r\n---\r\n",
        )],
        at: ("content/vendors/kopi-tebet/kopi-susu.md", 3, 8),
        message: "a price must be a number, not the text `Rp18.000`",
        hint: "write only the number: `price: 18000`",
    },
    Mistake {
        what: "an unknown region at an event",
        files: &[(
            "content/events/bazar-baru.md",
            "---\ntitle: Bazar Baru\nvenue: Lapangan\nstart: 2023-08-29\nregion: jakarta-tengah\n---\nTeks.\n",
        )],
        at: ("content/events/bazar-baru.md", 5, 9),
        message: "unknown region `jakarta-tengah`",
        hint: "did you mean `jakarta-selatan`?",
    },
    Mistake {
        what: "a negative price",
        files: &[("content/vendors/kopi-tebet/kopi-susu.md", "---\nname: Kopi Susu\nprice: -18000\n---\nTeks.\n")],
        at: ("content/vendors/kopi-tebet/kopi-susu.md", 3, 8),
        message: "a price cannot be negative (-18000)",
        hint: "an amount in rupiah such as `15000`, or a range `{ min: 10000, max: 25000 }`",
    },
];

#[test]
fn every_editor_mistake_gets_its_own_message_at_its_place() {
    assert!(MISTAKES.len() >= 30);
    let mut wrong = Vec::new();
    for mistake in MISTAKES {
        let site = Site::new("basic");
        for (path, text) in mistake.files {
            site.write(path, *text);
        }
        let output = katalog().arg("check").arg(site.root()).args(["--format", "json"]).output().unwrap();
        let reported: Vec<serde_json::Value> =
            String::from_utf8_lossy(&output.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        let got: Vec<(String, usize, usize, String, String)> = reported
            .iter()
            .map(|d| {
                (
                    d["file"].as_str().unwrap_or_default().to_string(),
                    d["line"].as_u64().unwrap_or(0) as usize,
                    d["column"].as_u64().unwrap_or(0) as usize,
                    d["message"].as_str().unwrap_or_default().to_string(),
                    d["hint"].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect();
        let (file, line, column) = mistake.at;
        let expected = vec![(file.to_string(), line, column, mistake.message.to_string(), mistake.hint.to_string())];
        if output.status.code() != Some(1) || got != expected {
            wrong.push(format!("{}:\n  expected {expected:?}\n  got      {got:?}", mistake.what));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} mistakes reported differently:\n{}",
        wrong.len(),
        MISTAKES.len(),
        wrong.join("\n")
    );
}

#[test]
fn check_outside_a_site_is_a_usage_error_like_new() {
    let folder = tempfile::tempdir().unwrap();
    for command in ["check", "build"] {
        let assert = katalog().arg(command).arg(folder.path()).assert().code(2);
        let report = crate::common::stderr(&assert);
        assert!(report.contains("is not a katalog site (no site.yaml)"), "{command}: {report}");
    }
}
