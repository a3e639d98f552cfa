//! "Download data": the shipped overlay written as GeoJSON and CSV, read
//! back with independent parsers (serde_json; a small RFC 4180 reader below)
//! and compared with `data/bridge.json` itself.

use bridge_map::data::export::{Format, LICENCE};
use bridge_map::data::json::Json;
use bridge_map::data::overlay::Overlay;
use serde_json::Value;

const SHIPPED: &str = include_str!("../data/bridge.json");
const KK_PACK: &str = include_str!("../data/bridge.kk.json");
const DATE: &str = "2026-12-05";

fn overlay(text: &str) -> Overlay {
    let json: Json = serde_json::from_str(text).expect("the shipped file is JSON");
    Overlay::from_json(&json).expect("the shipped file is valid")
}

fn raw() -> Value {
    serde_json::from_str(SHIPPED).unwrap()
}

fn geojson() -> Value {
    let text = Format::GeoJson.write(&overlay(SHIPPED), DATE);
    serde_json::from_str(&text).expect("the export is JSON")
}

/// Records of an RFC 4180 text: fields split at commas outside quotes,
/// `""` inside quotes is a quote, records end with CRLF. Panics on a bare
/// quote inside an unquoted field or a bare LF, which RFC 4180 does not allow.
fn read_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    let mut was_quoted = false;
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' => {
                assert!(
                    field.is_empty() && !was_quoted,
                    "a quote inside an unquoted field: {field}"
                );
                quoted = true;
                was_quoted = true;
            }
            ',' => {
                record.push(std::mem::take(&mut field));
                was_quoted = false;
            }
            '\r' => {
                assert_eq!(chars.next(), Some('\n'), "CR without LF");
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
                was_quoted = false;
            }
            '\n' => panic!("a bare LF ends a record"),
            c => field.push(c),
        }
    }
    assert!(!quoted, "an unterminated quoted field");
    assert!(
        field.is_empty() && record.is_empty(),
        "the last record has no CRLF"
    );
    records
}

#[test]
fn formats_and_file_names() {
    assert_eq!(Format::parse("geojson"), Some(Format::GeoJson));
    assert_eq!(Format::parse("csv"), Some(Format::Csv));
    assert_eq!(Format::parse("xml"), None);
    assert_eq!(Format::parse("GeoJSON"), None);
    assert_eq!(
        Format::GeoJson.file_name(DATE),
        "bridge-map-data-v1-2026-12-05.geojson"
    );
    assert_eq!(
        Format::Csv.file_name(DATE),
        "bridge-map-data-v1-2026-12-05.csv"
    );
    assert_eq!(Format::GeoJson.media_type(), "application/geo+json");
}

#[test]
fn geojson_is_a_feature_collection_with_licence_version_and_date() {
    let g = geojson();
    assert_eq!(g["type"], "FeatureCollection");
    assert_eq!(g["version"], 1);
    assert_eq!(g["date"], DATE);
    assert_eq!(g["license"], LICENCE);
    assert!(LICENCE.contains("GeoNames") && LICENCE.contains("CC BY 4.0"));
    assert_eq!(g["languages"], serde_json::json!(["en", "kk", "ru"]));
    let features = g["features"].as_array().unwrap();
    assert_eq!(features.len(), raw()["features"].as_array().unwrap().len());
    for f in features {
        assert_eq!(f["type"], "Feature");
        let kind = f["properties"]["kind"].as_str().unwrap();
        let gtype = f["geometry"]["type"].as_str().unwrap();
        match kind {
            "corridor" => assert!(
                gtype == "LineString" || gtype == "MultiLineString",
                "{gtype}"
            ),
            _ => assert_eq!(gtype, "Point"),
        }
    }
}

#[test]
fn positions_are_longitude_then_latitude() {
    let g = geojson();
    let find = |id: &str| {
        g["features"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["id"] == id)
            .cloned()
            .unwrap()
    };
    // Khorgos, the dry port on the Chinese border: 80.3°E, 44.16°N.
    let khorgos = find("khorgos");
    let c = khorgos["geometry"]["coordinates"].as_array().unwrap();
    approx::assert_abs_diff_eq!(c[0].as_f64().unwrap(), 80.3, epsilon = 1e-9);
    approx::assert_abs_diff_eq!(c[1].as_f64().unwrap(), 44.16, epsilon = 1e-9);
    // The Middle Corridor branches: every point of every branch, in order.
    let titr = find("titr");
    assert_eq!(titr["geometry"]["type"], "MultiLineString");
    let data = raw();
    let paths = data["features"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "titr")
        .unwrap()["paths"]
        .clone();
    let lines = titr["geometry"]["coordinates"].as_array().unwrap();
    assert_eq!(lines.len(), paths.as_array().unwrap().len());
    for (line, path) in lines.iter().zip(paths.as_array().unwrap()) {
        for (pos, pt) in line
            .as_array()
            .unwrap()
            .iter()
            .zip(path.as_array().unwrap())
        {
            approx::assert_abs_diff_eq!(
                pos[0].as_f64().unwrap(),
                pt["lon"].as_f64().unwrap(),
                epsilon = 1e-6
            );
            approx::assert_abs_diff_eq!(
                pos[1].as_f64().unwrap(),
                pt["lat"].as_f64().unwrap(),
                epsilon = 1e-6
            );
        }
    }
}

#[test]
fn names_figures_and_legs_match_the_data() {
    let g = geojson();
    let data = raw();
    for (out, src) in g["features"]
        .as_array()
        .unwrap()
        .iter()
        .zip(data["features"].as_array().unwrap())
    {
        let p = &out["properties"];
        assert_eq!(p["id"], src["id"]);
        for lang in ["en", "kk", "ru"] {
            assert_eq!(
                p[format!("name_{lang}")],
                src["name"][lang],
                "{} name_{lang}",
                src["id"]
            );
            assert_eq!(p[format!("summary_{lang}")], src["summary"][lang]);
        }
        let figures = src["figures"].as_array().cloned().unwrap_or_default();
        assert_eq!(p["figures"].as_array().unwrap().len(), figures.len());
        for (a, b) in p["figures"].as_array().unwrap().iter().zip(&figures) {
            assert_eq!(a["year"], b["year"]);
            assert_eq!(a["sources"], b["sources"]);
            assert_eq!(a["value"], b["value"]);
            assert_eq!(a["label"], b["label"]);
        }
        for s in p["sources"].as_array().unwrap() {
            let id = s["id"].as_str().unwrap();
            assert_eq!(s["url"], data["sources"][id]["url"]);
            assert_eq!(s["year"], data["sources"][id]["year"]);
        }
        if let Some(paths) = src["paths"].as_array() {
            let legs = p["legs"].as_array().unwrap();
            for (legs, path) in legs.iter().zip(paths) {
                let pts = path.as_array().unwrap();
                let legs = legs.as_array().unwrap();
                assert_eq!(legs.len(), pts.len() - 1);
                for (leg, w) in legs.iter().zip(pts.windows(2)) {
                    let ind = w[0]["r"] == "ind" || w[1]["r"] == "ind";
                    assert_eq!(
                        leg["routing"],
                        if ind { "indicative" } else { "documented" }
                    );
                    assert_eq!(leg["mode"], w[0]["mode"]);
                }
            }
        }
    }
    // The shipped data has both kinds of leg.
    let text = g.to_string();
    assert!(
        text.contains(r#""routing":"indicative""#) && text.contains(r#""routing":"documented""#)
    );
}

#[test]
fn csv_is_rfc_4180_with_a_bom_a_licence_row_and_one_row_per_figure() {
    let text = Format::Csv.write(&overlay(SHIPPED), DATE);
    let body = text
        .strip_prefix('\u{feff}')
        .expect("UTF-8 byte-order mark for spreadsheets");
    let records = read_csv(body);
    let width = records[1].len();
    assert!(
        records.iter().all(|r| r.len() == width),
        "every record has {width} fields"
    );
    assert!(records[0][0].starts_with("# bridge-map-data v1 2026-12-05: "));
    assert!(records[0][0].ends_with(LICENCE));
    assert!(records[0][1..].iter().all(String::is_empty));
    assert_eq!(records[1][..4], ["feature_id", "kind", "layer", "name_en"]);
    let data = raw();
    let figures: Vec<(&Value, &Value)> = data["features"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| {
            f["figures"]
                .as_array()
                .into_iter()
                .flatten()
                .map(move |x| (f, x))
        })
        .collect();
    assert_eq!(records.len() - 2, figures.len());
    let col = |name: &str| records[1].iter().position(|h| h == name).unwrap();
    for (row, (f, fig)) in records[2..].iter().zip(&figures) {
        assert_eq!(row[col("feature_id")], f["id"].as_str().unwrap());
        assert_eq!(row[col("name_kk")], f["name"]["kk"].as_str().unwrap());
        // Values with commas and quotes come back whole.
        for lang in ["en", "kk", "ru"] {
            assert_eq!(
                row[col(&format!("value_{lang}"))],
                fig["value"][lang].as_str().unwrap()
            );
            assert_eq!(
                row[col(&format!("label_{lang}"))],
                fig["label"][lang].as_str().unwrap()
            );
        }
        assert_eq!(row[col("year")], fig["year"].as_str().unwrap());
        let ids: Vec<&str> = fig["sources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap())
            .collect();
        assert_eq!(row[col("source_ids")], ids.join(" | "));
        let urls: Vec<&str> = ids
            .iter()
            .map(|id| data["sources"][id]["url"].as_str().unwrap())
            .collect();
        assert_eq!(row[col("source_urls")], urls.join(" | "));
    }
    // A value with a comma is quoted in the text, not only read back.
    assert!(body.contains("\"33,600 containers, not counting the Turkmen direction\""));
}

#[test]
fn a_pack_in_one_language_exports_that_language() {
    let o = overlay(KK_PACK);
    let g: Value = serde_json::from_str(&Format::GeoJson.write(&o, DATE)).unwrap();
    assert_eq!(g["languages"], serde_json::json!(["kk"]));
    let p = &g["features"][0]["properties"];
    assert!(p.get("name_kk").is_some() && p.get("name_en").is_none());
    let csv = Format::Csv.write(&o, DATE);
    let header = &read_csv(csv.trim_start_matches('\u{feff}'))[1];
    assert!(header.contains(&"value_kk".to_string()) && !header.contains(&"value_ru".to_string()));
}

#[test]
fn numbers_are_printed_exactly_enough() {
    // Through a pipeline length and a coordinate: the writer's integer
    // printing must agree with the float it stands for.
    let g = geojson();
    for f in g["features"].as_array().unwrap() {
        if let Some(km) = f["properties"]["length_km"].as_f64() {
            assert!(km > 0.0);
        }
    }
    let data = raw();
    for (out, src) in g["features"]
        .as_array()
        .unwrap()
        .iter()
        .zip(data["features"].as_array().unwrap())
    {
        if src["kind"] != "corridor" {
            let c = &out["geometry"]["coordinates"];
            approx::assert_abs_diff_eq!(
                c[0].as_f64().unwrap(),
                src["lon"].as_f64().unwrap(),
                epsilon = 1e-6
            );
            approx::assert_abs_diff_eq!(
                c[1].as_f64().unwrap(),
                src["lat"].as_f64().unwrap(),
                epsilon = 1e-6
            );
        } else {
            assert_eq!(out["properties"]["length_km"], src["length_km"]);
        }
    }
}
