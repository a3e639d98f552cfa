//! The overlay written out for people who want the data itself: GeoJSON
//! (RFC 7946) with every feature, and CSV (RFC 4180) with every figure, each
//! in all the languages the data carries, with a licence line and named
//! after the format version and the day of export.
//!
//! Written by hand rather than with serde_json: the wasm carries no float
//! printing (see `web::value`), and these writers print coordinates and
//! lengths with integer arithmetic, to six decimals (0.1 m; the data's
//! coordinates have four).

use crate::data::overlay::{Body, Feature, Overlay, VERSION};
use crate::data::topology::{Lang, Names};
use std::borrow::Cow;

/// The terms the exported data comes under, one line (no comma or quote,
/// so it stays a single unquoted CSV field): the overlay is Bridge Map's own
/// work, its coordinates are GeoNames', and nothing from Natural Earth or
/// CLDR (the basemap's sources) is in it. `NOTICE` has the full terms.
pub const LICENCE: &str = "Bridge Map overlay data. Licence: MIT OR Apache-2.0 as Bridge Map's own work; place coordinates from GeoNames under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/); facts paraphrased from the sources cited with each item. No Natural Earth boundaries or Unicode CLDR names are included. Full terms: NOTICE in the bridge-map package.";

/// A file format the data can be exported in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// GeoJSON (RFC 7946): one feature per corridor, place and event.
    GeoJson,
    /// CSV (RFC 4180), UTF-8 with a byte-order mark: one row per figure.
    Csv,
}

impl Format {
    /// Every format's word, as `el.exportData` takes it.
    pub const WORDS: &'static [&'static str] = &["geojson", "csv"];

    /// The format a word names; `None` for any other word.
    pub fn parse(word: &str) -> Option<Format> {
        match word {
            "geojson" => Some(Format::GeoJson),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }

    /// The file's media type.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::GeoJson => "application/geo+json",
            Format::Csv => "text/csv;charset=utf-8",
        }
    }

    /// The file name for data exported on `date` (`YYYY-MM-DD`), e.g.
    /// `bridge-map-data-v1-2026-12-05.geojson`.
    pub fn file_name(self, date: &str) -> String {
        let ext = match self {
            Format::GeoJson => "geojson",
            Format::Csv => "csv",
        };
        format!("bridge-map-data-v{}-{date}.{ext}", VERSION as u32)
    }

    /// The file's text.
    pub fn write(self, overlay: &Overlay, date: &str) -> String {
        match self {
            Format::GeoJson => geojson(overlay, date),
            Format::Csv => csv(overlay, date),
        }
    }
}

/// `x` to six decimals, without float printing: `71.4306`, `-0.5`, `2228`.
fn num(out: &mut String, x: f64) {
    let n = (x * 1e6 + if x < 0.0 { -0.5 } else { 0.5 }) as i64;
    if n < 0 {
        out.push('-');
    }
    let a = n.unsigned_abs();
    out.push_str(&(a / 1_000_000).to_string());
    let mut frac = a % 1_000_000;
    if frac != 0 {
        let mut digits = 6;
        while frac.is_multiple_of(10) {
            frac /= 10;
            digits -= 1;
        }
        let s = frac.to_string();
        out.push('.');
        for _ in s.len()..digits {
            out.push('0');
        }
        out.push_str(&s);
    }
}

/// A JSON string literal (RFC 8259 escapes).
fn string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                out.push_str("\\u00");
                out.push(char::from(b"0123456789abcdef"[(c as usize) >> 4]));
                out.push(char::from(b"0123456789abcdef"[(c as usize) & 15]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// `"key":` after a comma unless it opens its object.
fn key(out: &mut String, k: &str) {
    if !out.ends_with('{') {
        out.push(',');
    }
    string(out, k);
    out.push(':');
}

/// `"key":"value"`.
fn field(out: &mut String, k: &str, v: &str) {
    key(out, k);
    string(out, v);
}

/// `"key":"value"` or `"key":null`.
fn opt_field(out: &mut String, k: &str, v: Option<&str>) {
    match v {
        Some(v) => field(out, k, v),
        None => {
            key(out, k);
            out.push_str("null");
        }
    }
}

/// `[lon,lat]`: RFC 7946's order.
fn position(out: &mut String, lon: f64, lat: f64) {
    out.push('[');
    num(out, lon);
    out.push(',');
    num(out, lat);
    out.push(']');
}

/// A JSON array of `items`, each written by `each`.
fn array<T>(out: &mut String, items: &[T], mut each: impl FnMut(&mut String, &T)) {
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        each(out, item);
    }
    out.push(']');
}

/// `{"en":…,"kk":…}`: a text in each language the data carries.
fn names(out: &mut String, langs: &[Lang], n: &Names) {
    out.push('{');
    for l in langs {
        field(out, l.as_str(), &n.get(*l));
    }
    out.push('}');
}

/// The overlay as a GeoJSON FeatureCollection. Corridors are LineStrings
/// (MultiLineStrings when they branch) with a `legs` list per branch saying
/// each leg's mode, surface and whether a source documents it; places and
/// events are Points. Names and summaries are flat properties per language
/// (`name_en`, `name_kk`, …), which GIS tools show as columns; figures and
/// sources are nested. The licence, version and date are top-level
/// foreign members.
pub fn geojson(o: &Overlay, date: &str) -> String {
    let langs = &o.languages;
    let mut out = String::with_capacity(256 * 1024);
    out.push('{');
    field(&mut out, "type", "FeatureCollection");
    field(&mut out, "name", "bridge-map-data");
    key(&mut out, "version");
    out.push_str(&(VERSION as u32).to_string());
    field(&mut out, "date", date);
    field(&mut out, "license", LICENCE);
    key(&mut out, "languages");
    array(&mut out, langs, |out, l| string(out, l.as_str()));
    key(&mut out, "features");
    array(&mut out, &o.features, |out, f| feature(out, o, f));
    out.push_str("}\n");
    out
}

/// One GeoJSON Feature.
fn feature(out: &mut String, o: &Overlay, f: &Feature) {
    let langs = &o.languages;
    out.push('{');
    field(out, "type", "Feature");
    field(out, "id", &f.id);
    key(out, "geometry");
    out.push('{');
    match &f.body {
        Body::Corridor { paths, .. } => {
            let line = |out: &mut String, p: &Vec<crate::data::overlay::PathPoint>| {
                array(out, p, |out, pt| position(out, pt.at.lon, pt.at.lat))
            };
            if let [only] = paths.as_slice() {
                field(out, "type", "LineString");
                key(out, "coordinates");
                line(out, only);
            } else {
                field(out, "type", "MultiLineString");
                key(out, "coordinates");
                array(out, paths, line);
            }
        }
        Body::Node { at, .. } | Body::Event { at, .. } => {
            field(out, "type", "Point");
            key(out, "coordinates");
            position(out, at.lon, at.lat);
        }
    }
    out.push('}');
    key(out, "properties");
    out.push('{');
    field(out, "id", &f.id);
    field(out, "kind", f.kind.as_str());
    field(out, "layer", f.layer.as_str());
    for l in langs {
        field(out, &format!("name_{}", l.as_str()), &f.name.get(*l));
    }
    for l in langs {
        field(out, &format!("summary_{}", l.as_str()), &f.summary.get(*l));
    }
    match &f.body {
        Body::Corridor {
            status,
            mode,
            length_km,
            countries,
            paths,
        } => {
            field(out, "status", status.as_str());
            field(out, "mode", mode.as_str());
            key(out, "length_km");
            match length_km {
                Some(km) => num(out, *km),
                None => out.push_str("null"),
            }
            key(out, "countries");
            array(out, countries, |out, c| string(out, c));
            key(out, "legs");
            array(out, paths, |out, p| {
                array(out, &p.windows(2).collect::<Vec<_>>(), |out, w| {
                    out.push('{');
                    opt_field(out, "from", w[0].label.as_deref());
                    opt_field(out, "to", w[1].label.as_deref());
                    opt_field(out, "mode", w[0].mode.map(|m| m.as_str()));
                    opt_field(out, "surface", w[0].surface.map(|s| s.as_str()));
                    let documented = !w[0].indicative_leg(&w[1]);
                    field(
                        out,
                        "routing",
                        if documented {
                            "documented"
                        } else {
                            "indicative"
                        },
                    );
                    out.push('}');
                })
            });
        }
        Body::Node {
            quality,
            node_type,
            country,
            ..
        } => {
            field(out, "type", node_type.as_str());
            field(out, "country", country);
            field(out, "quality", quality.as_str());
        }
        Body::Event {
            quality,
            date,
            date_end,
            event_type,
            arc_from,
            ..
        } => {
            field(out, "type", event_type.as_str());
            field(out, "date", date);
            opt_field(out, "date_end", date_end.as_deref());
            field(out, "quality", quality.as_str());
            key(out, "arc_from");
            match arc_from {
                Some((at, _)) => position(out, at.lon, at.lat),
                None => out.push_str("null"),
            }
        }
    }
    key(out, "figures");
    array(out, &f.figures, |out, fig| {
        out.push('{');
        key(out, "label");
        names(out, langs, &fig.label);
        key(out, "value");
        names(out, langs, &fig.value);
        field(out, "year", &fig.year);
        key(out, "sources");
        array(out, &fig.sources, |out, s| string(out, s));
        out.push('}');
    });
    key(out, "sources");
    array(out, &f.sources, |out, id| {
        out.push('{');
        field(out, "id", id);
        if let Some(s) = o.source(id) {
            field(out, "title", &s.title);
            field(out, "url", &s.url);
            key(out, "year");
            out.push_str(&s.year.to_string());
        }
        out.push('}');
    });
    out.push_str("}}");
}

/// One CSV field, quoted when it holds a comma, a quote or a line break.
fn cell(out: &mut String, s: &str) {
    if s.contains([',', '"', '\r', '\n']) {
        out.push('"');
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

/// One CSV record, CRLF-terminated.
fn record<S: AsRef<str>>(out: &mut String, fields: &[S]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        cell(out, f.as_ref());
    }
    out.push_str("\r\n");
}

/// The figures as CSV: UTF-8 with a byte-order mark (so spreadsheets read
/// Kazakh and Russian right), CRLF line ends. The first record is
/// `# bridge-map-data v1 <date>: <licence>` padded with empty fields to the
/// header's width (every record has the same number of fields, as RFC 4180
/// asks; a spreadsheet shows it in the first cell); then the header, then one
/// row per figure: its feature, the feature's name, the figure's label and
/// value in each language, its period, and its sources' ids, titles and
/// URLs (several joined by ` | `).
pub fn csv(o: &Overlay, date: &str) -> String {
    let langs = &o.languages;
    let mut header: Vec<String> = vec!["feature_id".into(), "kind".into(), "layer".into()];
    for part in ["name", "label", "value"] {
        for l in langs {
            header.push(format!("{part}_{}", l.as_str()));
        }
    }
    for h in ["year", "source_ids", "source_titles", "source_urls"] {
        header.push(h.into());
    }
    let mut out = String::from("\u{feff}");
    let mut preamble = vec![String::new(); header.len()];
    preamble[0] = format!("# bridge-map-data v{} {date}: {LICENCE}", VERSION as u32);
    record(&mut out, &preamble);
    record(&mut out, &header);
    for f in &o.features {
        for fig in &f.figures {
            let mut row: Vec<Cow<'_, str>> = vec![
                Cow::Borrowed(f.id.as_str()),
                Cow::Borrowed(f.kind.as_str()),
                Cow::Borrowed(f.layer.as_str()),
            ];
            for n in [&f.name, &fig.label, &fig.value] {
                row.extend(langs.iter().map(|l| n.get(*l)));
            }
            row.push(Cow::Borrowed(fig.year.as_str()));
            let sources: Vec<_> = fig.sources.iter().filter_map(|id| o.source(id)).collect();
            let ids = fig.sources.join(" | ");
            let titles = sources
                .iter()
                .map(|s| s.title.as_str())
                .collect::<Vec<_>>()
                .join(" | ");
            let urls = sources
                .iter()
                .map(|s| s.url.as_str())
                .collect::<Vec<_>>()
                .join(" | ");
            row.extend([ids, titles, urls].map(Cow::Owned));
            record(&mut out, &row);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(x: f64) -> String {
        let mut s = String::new();
        num(&mut s, x);
        s
    }

    #[test]
    fn numbers_without_float_printing() {
        assert_eq!(n(71.4306), "71.4306");
        assert_eq!(n(-0.5), "-0.5");
        assert_eq!(n(2228.0), "2228");
        assert_eq!(n(0.000001), "0.000001");
        assert_eq!(n(-179.999999), "-179.999999");
        assert_eq!(n(0.0000004), "0");
        assert_eq!(n(-0.0000004), "0");
        assert_eq!(n(44.05), "44.05");
        assert_eq!(n(-12.0001), "-12.0001");
    }

    #[test]
    fn json_strings_escape_quotes_backslashes_and_controls() {
        let mut s = String::new();
        string(&mut s, "a\"b\\c\nd\u{1}«ә»");
        assert_eq!(s, r#""a\"b\\c\u000ad\u0001«ә»""#);
    }

    #[test]
    fn csv_cells_are_quoted_only_when_needed() {
        let mut s = String::new();
        record(
            &mut s,
            &["plain", "a,b", "say \"hi\"", "two\nlines", "Қазақстан"],
        );
        assert_eq!(
            s,
            "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",Қазақстан\r\n"
        );
    }

    #[test]
    fn the_licence_stays_one_unquoted_csv_field() {
        assert!(!LICENCE.contains([',', '"', '\r', '\n']));
    }
}
