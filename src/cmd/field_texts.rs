//! The label and hint an editor sees for each field of a record, in Bahasa Indonesia: one
//! table read by `katalog schema` (a property's `title` and `description`) and by
//! `katalog cms-config` (a Decap field's `label` and `hint`), so the two never disagree.

/// The record kinds an editor writes by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordKind {
    Vendor,
    Product,
    Event,
    Page,
}

/// What an editor is told about one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldText {
    pub label: &'static str,
    /// Below the field in the CMS; the property's description in the schema. Empty: none.
    pub hint: &'static str,
}

const fn text(label: &'static str, hint: &'static str) -> FieldText {
    FieldText { label, hint }
}

const VENDOR: &[(&str, FieldText)] = &[
    ("name", text("Nama usaha", "")),
    ("owner", text("Pemilik", "")),
    ("category", text("Kategori", "")),
    ("region", text("Kota/kabupaten", "")),
    ("district", text("Kecamatan", "Harus berada di kota/kabupaten yang dipilih.")),
    ("address", text("Alamat", "")),
    ("whatsapp", text("WhatsApp", "Contoh: 0812-3456-7890")),
    ("instagram", text("Instagram", "@nama atau tautan https://")),
    ("website", text("Situs web", "Awali dengan https://")),
    ("logo", text("Logo", "Berkas .jpg, .jpeg, .png atau .webp.")),
    ("logo_alt", text("Teks alternatif logo", "Kosongkan: nama usaha.")),
    ("jakpreneur_id", text("Nomor registrasi Jakpreneur", "")),
    ("certifications", text("Sertifikasi", "")),
    ("qris", text("QRIS (payload statis)", "Tempel teks QRIS statis persis seperti dari penyedia (000201…).")),
    ("joined", text("Bergabung", "")),
    ("draft", text("Draf (belum terbit)", "")),
];

const PRODUCT: &[(&str, FieldText)] = &[
    ("name", text("Nama produk", "")),
    ("price", text("Harga (rupiah, tanpa titik)", "Contoh: 15000.")),
    ("category", text("Kategori", "Kosongkan: kategori UMKM.")),
    ("images", text("Foto", "Foto pertama menjadi sampul. Berkas .jpg, .jpeg, .png atau .webp.")),
    ("tags", text("Tag", "Dipisah koma; ikut dicari.")),
    ("variants", text("Varian", "")),
    ("available", text("Tersedia", "Matikan bila sedang habis.")),
    ("draft", text("Draf (belum terbit)", "")),
];

const EVENT: &[(&str, FieldText)] = &[
    ("title", text("Judul", "")),
    ("start", text("Mulai (WIB)", "")),
    ("end", text("Selesai (WIB)", "Tidak boleh sebelum waktu mulai.")),
    ("venue", text("Tempat", "")),
    ("address", text("Alamat", "")),
    ("region", text("Kota/kabupaten", "")),
    ("district", text("Kecamatan", "")),
    ("organizer", text("Penyelenggara", "")),
    ("vendors", text("UMKM peserta", "")),
    ("recurrence", text("Pengulangan", "Contoh: FREQ=WEEKLY;BYDAY=FR;UNTIL=20251231")),
    ("cancelled", text("Dibatalkan", "")),
    ("draft", text("Draf (belum terbit)", "")),
];

const PAGE: &[(&str, FieldText)] = &[
    ("title", text("Judul", "")),
    ("description", text("Deskripsi singkat", "")),
    ("draft", text("Draf (belum terbit)", "")),
];

/// The fields of `kind` an editor fills in, in the order a form shows them.
pub fn fields(kind: RecordKind) -> &'static [(&'static str, FieldText)] {
    match kind {
        RecordKind::Vendor => VENDOR,
        RecordKind::Product => PRODUCT,
        RecordKind::Event => EVENT,
        RecordKind::Page => PAGE,
    }
}

/// The text of one field; panics on a field the table does not know (a programming error).
pub fn field(kind: RecordKind, name: &str) -> FieldText {
    fields(kind)
        .iter()
        .find(|(field, _)| *field == name)
        .map(|(_, text)| *text)
        .unwrap_or_else(|| panic!("no label for the {kind:?} field `{name}`"))
}
