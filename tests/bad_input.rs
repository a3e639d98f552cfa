//! The corpus of bad input (`tests/bad-input/cases.json`), natively: every
//! overlay case a JSON reader can make goes through the validator, every
//! geometry case through the decoder, and each must give the error the
//! manifest names, at its path. The browser runs the whole corpus through
//! the element (`tools/e2e/bad-input.test.mjs`); the manifest says what each
//! case is and why its answer is the right one.

use bridge_map::data::error::DataError;
use bridge_map::data::json::Json;
use bridge_map::data::overlay::{Overlay, Problem};
use bridge_map::data::topology::{decode, decode_detail, Topology};
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad-input")
}

fn manifest() -> Value {
    let text = fs::read_to_string(dir().join("cases.json")).expect("tests/bad-input/cases.json");
    serde_json::from_str(&text).expect("the manifest is JSON")
}

fn read(rel: &str) -> Vec<u8> {
    fs::read(dir().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn s<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

/// One step of a path as the validator writes it.
#[derive(Debug)]
enum Step {
    Key(String),
    Index(usize),
}

/// `features[0].paths[0][1].lon` → its steps; "" is the whole file.
fn steps(path: &str) -> Vec<Step> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let mut pieces = part.split('[');
        let key = pieces.next().unwrap_or_default();
        if !key.is_empty() {
            out.push(Step::Key(key.to_owned()));
        }
        for index in pieces {
            let n = index.trim_end_matches(']').parse().expect("an index");
            out.push(Step::Index(n));
        }
    }
    out
}

/// A generated value: a JSON tree, or (for nesting deeper than any JSON
/// reader goes) only its text.
enum Made {
    Tree(Json),
    Nest(usize),
}

fn json(v: &Value) -> Json {
    serde_json::from_value(v.clone()).expect("manifest values are JSON")
}

/// The value a manifest `set` describes (see the manifest's `about`).
fn make(v: &Value, base: &Json) -> Made {
    let Some(obj) = v
        .as_object()
        .filter(|o| o.keys().any(|k| k.starts_with('$')))
    else {
        return match v {
            Value::Array(items) => {
                let mut out = Vec::new();
                for item in items {
                    match make(item, base) {
                        Made::Tree(j) => out.push(j),
                        Made::Nest(_) => panic!("nesting only at the top of a `set`"),
                    }
                }
                Made::Tree(Json::Arr(out))
            }
            _ => Made::Tree(json(v)),
        };
    };
    if let Some(n) = obj.get("$number").and_then(Value::as_str) {
        return Made::Tree(Json::Num(match n {
            "NaN" => f64::NAN,
            "Infinity" => f64::INFINITY,
            "-Infinity" => f64::NEG_INFINITY,
            other => panic!("$number {other}"),
        }));
    }
    if let Some(t) = obj.get("$text").and_then(Value::as_str) {
        let bytes = obj["bytes"].as_u64().expect("bytes") as usize;
        return Made::Tree(Json::Str(t.repeat(bytes.div_ceil(t.len()))));
    }
    if let Some(n) = obj.get("$route").and_then(Value::as_u64) {
        return Made::Tree(Json::Arr(
            (0..n as usize).map(|i| point(i, n as usize)).collect(),
        ));
    }
    if let Some(n) = obj.get("$nodes").and_then(Value::as_u64) {
        let node = match base.get("features").and_then(Json::as_array) {
            Some([_, node, ..]) => node.clone(),
            _ => panic!("the base's second feature is a node"),
        };
        let nodes = (0..n as usize)
            .map(|i| {
                let mut f = node.clone();
                set(&mut f, &steps("id"), Json::Str(format!("node-{i}")));
                set(
                    &mut f,
                    &steps("lon"),
                    Json::Num(40.0 + (i % 100) as f64 * 0.5),
                );
                set(
                    &mut f,
                    &steps("lat"),
                    Json::Num(35.0 + (i / 100) as f64 * 0.2),
                );
                f
            })
            .collect();
        return Made::Tree(Json::Arr(nodes));
    }
    if let Some(n) = obj.get("$nest").and_then(Value::as_u64) {
        return Made::Nest(n as usize);
    }
    panic!("a generator only a page can make: {v}");
}

/// Point `i` of a generated route of `n` (the browser test makes the same).
fn point(i: usize, n: usize) -> Json {
    let mut fields = vec![
        (
            "lon".to_owned(),
            Json::Num(50.0 + 30.0 * i as f64 / (n - 1) as f64),
        ),
        ("lat".to_owned(), Json::Num(45.0)),
        ("q".to_owned(), Json::Str("V".into())),
        ("r".to_owned(), Json::Str("doc".into())),
    ];
    if i + 1 < n {
        fields.push(("mode".to_owned(), Json::Str("rail".into())));
    }
    Json::Obj(fields)
}

/// Where `path` leads in `root`, made on the way if missing.
fn slot<'a>(root: &'a mut Json, path: &[Step]) -> &'a mut Json {
    let mut at = root;
    for step in path {
        at = match (step, at) {
            (Step::Key(k), Json::Obj(fields)) => {
                let i = match fields.iter().position(|(f, _)| f == k) {
                    Some(i) => i,
                    None => {
                        fields.push((k.clone(), Json::Null));
                        fields.len() - 1
                    }
                };
                &mut fields[i].1
            }
            (Step::Index(i), Json::Arr(items)) => &mut items[*i],
            (step, other) => panic!("{step:?} into {}", other.type_name()),
        };
    }
    at
}

fn set(root: &mut Json, path: &[Step], value: Json) {
    *slot(root, path) = value;
}

fn delete(root: &mut Json, path: &[Step]) {
    let (last, parent) = path.split_last().expect("not the whole file");
    match (last, slot(root, parent)) {
        (Step::Key(k), Json::Obj(fields)) => fields.retain(|(f, _)| f != k),
        (step, _) => panic!("cannot delete {step:?}"),
    }
}

/// JSON text of a tree (the corpus's trees are shallow), with `nest`
/// arrays nested `depth` deep where the placeholder string is.
fn text(v: &Json, out: &mut String) {
    match v {
        Json::Null => out.push_str("null"),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Num(n) => out.push_str(&n.to_string()),
        Json::Str(s) => out.push_str(&serde_json::to_string(s).expect("a string")),
        Json::Arr(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                text(item, out);
            }
            out.push(']');
        }
        Json::Obj(fields) => {
            out.push('{');
            for (i, (k, item)) in fields.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&serde_json::to_string(k).expect("a key"));
                out.push(':');
                text(item, out);
            }
            out.push('}');
        }
    }
}

const NEST: &str = "\u{1}nest\u{1}";

/// What a native run of an overlay case produces: the validator's problems
/// (empty when it accepts the data), or the JSON reader's refusal.
enum Outcome {
    Problems(Vec<Problem>),
    NotJson(String),
}

fn validate(json: &Json) -> Outcome {
    Outcome::Problems(match Overlay::from_json(json) {
        Ok(_) => Vec::new(),
        Err(e) => e.0,
    })
}

fn parse(text: &str) -> Outcome {
    match serde_json::from_str::<Json>(text) {
        Ok(j) => validate(&j),
        Err(e) => Outcome::NotJson(e.to_string()),
    }
}

fn run_overlay(case: &Value, base: &Json) -> Outcome {
    if let Some(file) = s(case, "file") {
        return parse(&String::from_utf8_lossy(&read(file)));
    }
    let mut root = base.clone();
    let mut nest = None;
    for edit in case["patch"].as_array().expect("patch") {
        let path = steps(s(edit, "at").expect("at"));
        if edit.get("delete").is_some() {
            delete(&mut root, &path);
            continue;
        }
        match make(&edit["set"], base) {
            Made::Tree(j) if path.is_empty() => root = j,
            Made::Tree(j) => set(&mut root, &path, j),
            Made::Nest(n) => {
                set(&mut root, &path, Json::Str(NEST.into()));
                nest = Some(n);
            }
        }
    }
    match nest {
        None => validate(&root),
        Some(n) => {
            let mut t = String::new();
            text(&root, &mut t);
            let placeholder = serde_json::to_string(NEST).expect("a string");
            parse(&t.replace(&placeholder, &format!("{}{}", "[".repeat(n), "]".repeat(n))))
        }
    }
}

#[test]
fn every_overlay_case_gives_its_error_at_its_path() {
    let m = manifest();
    let base_text = String::from_utf8(read(s(&m, "base").expect("base"))).expect("UTF-8");
    let base: Json = serde_json::from_str(&base_text).expect("the base is JSON");
    assert!(
        Overlay::from_json(&base).is_ok(),
        "the base itself is valid"
    );
    let mut ran = 0;
    for case in m["overlay"].as_array().expect("overlay cases") {
        let name = s(case, "name").expect("name");
        let native = case.get("native");
        if native == Some(&Value::Bool(false)) {
            continue;
        }
        ran += 1;
        let expect = &case["expect"];
        let outcome = run_overlay(case, &base);
        if native.and_then(Value::as_str) == Some("parse-error") {
            assert!(
                matches!(outcome, Outcome::NotJson(_)),
                "{name}: the JSON reader must refuse it"
            );
            continue;
        }
        let problems = match outcome {
            Outcome::Problems(p) => p,
            Outcome::NotJson(e) => {
                panic!("{name}: not JSON natively ({e}); mark it native: \"parse-error\"")
            }
        };
        if expect.get("accepted").is_some() {
            assert!(
                problems.is_empty(),
                "{name}: must be accepted, got {problems:?}"
            );
            continue;
        }
        let reason = s(expect, "reason").expect("reason");
        let at = |p: &Problem| match (s(expect, "path"), s(expect, "pathPrefix")) {
            (Some(path), _) => p.path == path,
            (None, Some(prefix)) => p.path.starts_with(prefix),
            (None, None) => panic!("{name}: an expected path"),
        };
        assert!(
            problems
                .iter()
                .any(|p| at(p) && p.reason.to_string().contains(reason)),
            "{name}: expected {:?}: …{reason}…, got {:?}",
            s(expect, "path"),
            problems
                .iter()
                .map(|p| format!("{}: {}", p.path, p.reason))
                .collect::<Vec<_>>()
        );
    }
    assert!(ran >= 40, "{ran} overlay cases ran natively");
}

/// Where each section of a v4 base file ends (data/SOURCE.md), read with
/// the format's own counts. The browser test has the same walker.
fn sections(b: &[u8]) -> Vec<(&'static str, usize)> {
    let mut at = 40;
    let varint = |at: &mut usize| {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = b[*at];
            *at += 1;
            v |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                break;
            }
        }
        v as usize
    };
    let mut out = vec![("header", at)];
    for name in ["detail-name", "fine-name"] {
        let n = varint(&mut at);
        at += n;
        out.push((name, at));
    }
    let keep = varint(&mut at);
    at += 32 * keep;
    out.push(("keep", at));
    let arcs = varint(&mut at);
    out.push(("arc-count", at));
    let points: usize = (0..arcs).map(|_| varint(&mut at)).sum();
    out.push(("point-counts", at));
    for name in ["x-deltas", "y-deltas"] {
        (0..points).for_each(|_| {
            varint(&mut at);
        });
        out.push((name, at));
    }
    let countries = varint(&mut at);
    out.push(("country-count", at));
    at += 3 * countries;
    out.push(("ids", at));
    for name in ["names-en", "names-kk", "names-ru"] {
        for _ in 0..countries {
            let n = varint(&mut at);
            at += n;
        }
        out.push((name, at));
    }
    let mut refs = 0;
    for _ in 0..countries {
        for _ in 0..varint(&mut at) {
            for _ in 0..varint(&mut at) {
                refs += varint(&mut at);
            }
        }
    }
    out.push(("shapes", at));
    (0..refs).for_each(|_| {
        varint(&mut at);
    });
    out.push(("references", at));
    let lakes = varint(&mut at);
    out.push(("lake-count", at));
    for _ in 0..lakes {
        for _ in 0..varint(&mut at) {
            varint(&mut at);
        }
    }
    out.push(("lakes", at));
    assert_eq!(at, b.len() - 4, "the walker reads the whole base file");
    out
}

fn end_of(sections: &[(&str, usize)], name: &str) -> usize {
    sections
        .iter()
        .find(|(n, _)| *n == name)
        .unwrap_or_else(|| panic!("no section {name}"))
        .1
}

fn reseal(mut body: Vec<u8>) -> Vec<u8> {
    let crc = crc32fast::hash(&body);
    body.extend_from_slice(&crc.to_le_bytes());
    body
}

fn varint(mut v: u64) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return out;
        }
        out.push(b | 0x80);
    }
}

/// The bytes a basemap case describes (see the manifest's `about`).
fn basemap_bytes(make: &Value, base: &[u8], detail: &[u8]) -> Vec<u8> {
    if make.get("empty").is_some() {
        return Vec::new();
    }
    if let Some(t) = s(make, "bytes") {
        return t.as_bytes().to_vec();
    }
    let mut b = if s(make, "file") == Some("detail") {
        detail.to_vec()
    } else {
        base.to_vec()
    };
    let secs = sections(base);
    if let Some(at) = make.get("set") {
        let bytes: Vec<u8> = at["bytes"]
            .as_array()
            .expect("bytes")
            .iter()
            .map(|v| v.as_u64().expect("a byte") as u8)
            .collect();
        let offset = match &at["at"] {
            Value::String(w) if w == "middle" => b.len() / 2,
            Value::String(w) if w == "trailer" => b.len() - 4,
            v => v.as_u64().expect("an offset") as usize,
        };
        b[offset..offset + bytes.len()].copy_from_slice(&bytes);
    }
    if let Some(cut) = make.get("cut") {
        let len = match cut {
            Value::String(w) if w == "half" => b.len() / 2,
            Value::String(section) => end_of(&secs, section),
            v => v.as_u64().expect("a length") as usize,
        };
        b.truncate(len);
        if make.get("reseal").is_some() {
            return reseal(b);
        }
        return b;
    }
    if let Some(section) = s(make, "count") {
        let value = make["value"].as_u64().expect("value");
        let i = secs
            .iter()
            .position(|(n, _)| *n == section)
            .expect("a section");
        // The count is the varint that opens the section: it starts where
        // the section before ends.
        let start = secs[i - 1].1;
        let mut rest = &b[start..];
        while rest[0] & 0x80 != 0 {
            rest = &rest[1..];
        }
        let after = b.len() - rest.len() + 1;
        let mut out = b[..start].to_vec();
        out.extend(varint(value));
        out.extend_from_slice(&b[after..b.len() - 4]);
        return reseal(out);
    }
    if make.get("append").is_some() {
        let mut body = b[..b.len() - 4].to_vec();
        body.push(0);
        return reseal(body);
    }
    if make.get("reseal").is_some() {
        b.truncate(b.len() - 4);
        return reseal(b);
    }
    b
}

#[test]
fn every_geometry_case_gives_its_error() {
    let m = manifest();
    let base = read(s(&m, "geometry").expect("geometry"));
    let detail = read(s(&m, "detail").expect("detail"));
    let good: Topology = decode(&base).expect("the shipped base decodes");
    let secs = sections(&base);
    let mut ran = 0;
    for case in m["basemap"].as_array().expect("basemap cases") {
        let name = s(case, "name").expect("name");
        let expect = &case["expect"];
        let bytes = basemap_bytes(&case["make"], &base, &detail);
        let err: DataError = if s(case, "as") == Some("detail") {
            decode_detail(&bytes, &good).expect_err(name)
        } else {
            decode(&bytes).expect_err(name)
        };
        let variant = s(expect, "variant").expect("variant");
        assert!(
            format!("{err:?}").starts_with(variant),
            "{name}: expected {variant}, got {err:?}"
        );
        let reason = s(expect, "reason").expect("reason");
        assert!(
            err.to_string().contains(reason),
            "{name}: \"{err}\" does not say \"{reason}\""
        );
        if let Some(offset) = expect.get("offset") {
            let offset = match offset {
                Value::String(section) => end_of(&secs, section),
                v => v.as_u64().expect("an offset") as usize,
            };
            assert_eq!(err, DataError::Truncated { offset }, "{name}");
            assert!(
                err.to_string().contains(&format!("at byte {offset}")),
                "{name}"
            );
        }
        ran += 1;
    }
    assert!(ran >= 25, "{ran} geometry cases");
}

#[test]
fn every_case_has_a_unique_name_and_the_corpus_is_whole() {
    let m = manifest();
    let mut names: Vec<&str> = ["overlay", "basemap", "pages"]
        .iter()
        .flat_map(|k| m[*k].as_array().expect("a list").iter())
        .map(|c| s(c, "name").expect("every case is named"))
        .collect();
    let n = names.len();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), n, "case names are unique");
    assert!(n >= 40, "{n} cases");
    for page in m["pages"].as_array().expect("pages") {
        let file = s(page, "page").expect("page");
        assert!(dir().join(file).is_file(), "{file} exists");
    }
}
