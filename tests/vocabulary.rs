//! One word, one home: the shell's vocabulary is generated from the core,
//! and no JS file, stylesheet or type declaration keeps a copy that could
//! drift.
//!
//! `www/bridge-map-vocabulary.js` is written from
//! [`Vocabulary::current`] (`src/paint/vocabulary.rs`); when the core changes, refresh it with
//! `UPDATE_VOCABULARY=1 cargo test --test vocabulary`.

use bridge_map::paint::display_list::DrawOp;
use bridge_map::paint::vocabulary::Vocabulary;
use std::fs;
use std::path::{Path, PathBuf};

const GENERATED: &str = "www/bridge-map-vocabulary.js";
/// The display list's op codes, for the canvas path helper and the raster
/// worker, are written into the path helper between two markers:
/// wasm-bindgen copies that file alone (a snippet), so it cannot import
/// them, and the worker would not want the palette with them.
const OPS_FILE: &str = "www/bridge-map-path.js";
const OPS_BEGIN: &str =
    "// BEGIN DRAW_OPS (generated from src/paint/display_list.rs: do not edit)\n";
const OPS_END: &str = "// END DRAW_OPS\n";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The generated module's text.
fn module() -> String {
    let json = serde_json::to_string_pretty(&Vocabulary::current()).expect("serialisable");
    format!(
        "// Generated from the Rust core (src/paint/vocabulary.rs): do not edit.\n\
         // Refresh with `UPDATE_VOCABULARY=1 cargo test --test vocabulary`;\n\
         // `cargo test` fails while this file differs from the core.\n\
         export const VOCABULARY = Object.freeze({json});\n"
    )
}

/// The generated part of the path helper: the op codes and their operand
/// counts.
fn ops_block() -> String {
    let entries: Vec<String> = DrawOp::ALL
        .iter()
        .map(|op| format!("  {}: {},", op.name(), op.code()))
        .collect();
    let sizes: Vec<String> = DrawOp::ALL
        .iter()
        .map(|op| op.operands().to_string())
        .collect();
    format!(
        "export const DRAW_OPS = Object.freeze({{\n{}\n}});\n\
         /** How many numbers follow each op code, by code. */\n\
         export const DRAW_OP_SIZES = Object.freeze([{}]);\n",
        entries.join("\n"),
        sizes.join(", ")
    )
}

/// `text` with the part between the draw-op markers replaced by `block`.
fn with_ops_block(text: &str, block: &str) -> String {
    let start = text
        .find(OPS_BEGIN)
        .expect("the path helper has the BEGIN DRAW_OPS marker")
        + OPS_BEGIN.len();
    let end = text[start..]
        .find(OPS_END)
        .expect("the path helper has the END DRAW_OPS marker")
        + start;
    format!("{}{block}{}", &text[..start], &text[end..])
}

/// The shell's JS modules and stylesheets other than the generated ones.
/// `demo-host.*` is left out: it plays a foreign host site, whose design is
/// its own.
fn shell_sources() -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut dirs = vec![root().join("www")];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).expect("www/ is readable").flatten() {
            let p = entry.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|e| e == "js" || e == "css")
                && !p.ends_with(GENERATED)
                && !p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("demo-host"))
            {
                let text = fs::read_to_string(&p).expect("readable");
                out.push((p, text));
            }
        }
    }
    out
}

#[test]
fn the_generated_code_matches_the_core() {
    let ops_file = read(OPS_FILE);
    for (path, want) in [
        (GENERATED, module()),
        (OPS_FILE, with_ops_block(&ops_file, &ops_block())),
    ] {
        if std::env::var_os("UPDATE_VOCABULARY").is_some() {
            fs::write(root().join(path), &want).expect("writable");
        }
        assert!(
            read(path) == want,
            "{path} is stale: run `UPDATE_VOCABULARY=1 cargo test --test vocabulary`"
        );
    }
}

/// No JS file writes a draw op's code as a number of its own: each reads
/// `DRAW_OPS` (a `case 3:` or `const CIRCLE = 3` would drift silently).
#[test]
fn no_shell_file_keeps_its_own_draw_op_codes() {
    let mut copies = Vec::new();
    for (path, text) in shell_sources() {
        for op in DrawOp::ALL {
            let upper = op.name().to_uppercase();
            for pattern in [
                format!("const {upper} = {};", op.code()),
                format!("{upper}: {},", op.code()),
            ] {
                if text.contains(&pattern) {
                    copies.push(format!("{}: {pattern}", path.display()));
                }
            }
        }
    }
    assert!(
        copies.is_empty(),
        "draw op codes copied in the shell (import DRAW_OPS):\n{}",
        copies.join("\n")
    );
}

/// `#rgb` / `#rrggbb` literals, expanded to `#rrggbb`.
fn hex_colours(text: &str) -> Vec<String> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    for (i, _) in text.match_indices('#') {
        let digits: String = b[i + 1..]
            .iter()
            .take_while(|c| c.is_ascii_hexdigit())
            .map(|&c| (c as char).to_ascii_lowercase())
            .collect();
        let next = b.get(i + 1 + digits.len()).copied().unwrap_or(b' ');
        if next.is_ascii_alphanumeric() || next == b'_' || next == b'-' {
            continue;
        }
        match digits.len() {
            6 => out.push(format!("#{digits}")),
            3 => out.push(digits.chars().fold(String::from("#"), |mut s, c| {
                s.push(c);
                s.push(c);
                s
            })),
            _ => {}
        }
    }
    out
}

#[test]
fn no_shell_file_repeats_a_palette_colour() {
    // Pure white and black are everyday UI colours (panel backgrounds, text),
    // not the map's palette choices; every other palette colour has one home.
    let v = Vocabulary::current();
    let palette: Vec<&String> = v
        .palette
        .values()
        .flat_map(|p| p.values())
        .filter(|c| c.starts_with('#') && *c != "#ffffff" && *c != "#000000")
        .collect();
    let mut copies = Vec::new();
    for (path, text) in shell_sources() {
        for c in hex_colours(&text) {
            if palette.contains(&&c) {
                copies.push(format!("{}: {c}", path.display()));
            }
        }
    }
    assert!(
        copies.is_empty(),
        "palette colours repeated in the shell (read them from VOCABULARY.palette):\n{}",
        copies.join("\n")
    );
}

#[test]
fn the_colour_scanner_finds_colours() {
    assert_eq!(
        hex_colours("a { color: #F5C94C; b: #fff; } #id-1 url(#x) &#x27;"),
        ["#f5c94c", "#ffffff"]
    );
}

/// A quoted list of the words, as a JS copy would write it.
fn quoted_list(words: &[&str], sep: &str) -> String {
    words
        .iter()
        .map(|w| format!("\"{w}\""))
        .collect::<Vec<_>>()
        .join(sep)
}

#[test]
fn no_shell_file_keeps_its_own_list_of_words() {
    let v = Vocabulary::current();
    let lists: [(&str, &[&str]); 4] = [
        ("layers", v.layers),
        ("languages", &v.languages),
        ("themes", v.themes),
        ("events", v.events),
    ];
    let mut copies = Vec::new();
    for (path, text) in shell_sources() {
        for (name, words) in &lists {
            // As a JS array (`"a", "b"`) or as one comma-separated string (`"a,b"`).
            let joined = format!("\"{}\"", words.join(","));
            if text.contains(&quoted_list(words, ", "))
                || text.contains(&quoted_list(words, ","))
                || text.contains(&joined)
            {
                copies.push(format!("{}: the {name} list", path.display()));
            }
        }
        if text.contains("\"Noto Sans\", \"DejaVu Sans\"") {
            copies.push(format!("{}: the font stack", path.display()));
        }
    }
    assert!(
        copies.is_empty(),
        "vocabulary copied in the shell (import VOCABULARY instead):\n{}",
        copies.join("\n")
    );
}

/// The members of a string-literal union type in the declarations, e.g.
/// `export type Layer = "trade" | "energy";`.
fn union(dts: &str, name: &str) -> Vec<String> {
    let start = format!("export type {name} =");
    let line = dts
        .lines()
        .find(|l| l.trim_start().starts_with(&start))
        .unwrap_or_else(|| panic!("tools/bridge-map.d.ts declares no type {name}"));
    line[line.find('=').map_or(0, |i| i + 1)..]
        .split('|')
        .map(|w| w.trim().trim_end_matches(';').trim_matches('"').to_owned())
        .collect()
}

#[test]
fn the_type_declarations_agree_with_the_vocabulary() {
    let v = Vocabulary::current();
    let dts = read("tools/bridge-map.d.ts");
    assert_eq!(union(&dts, "Layer"), v.layers);
    assert_eq!(union(&dts, "Lang"), v.languages);
    assert_eq!(union(&dts, "DataLang"), v.data_languages);
    assert_eq!(union(&dts, "OverlayKind"), v.kinds);
    assert_eq!(union(&dts, "Theme"), v.themes);
    assert_eq!(union(&dts, "FlowState"), v.flow_states);
    let mut kinds = vec!["country"];
    kinds.extend(v.kinds);
    assert_eq!(union(&dts, "FeatureKind"), kinds);
}

/// The widths of every `@media`/`@container (max-width: Npx)` query.
fn breakpoints(css: &str) -> Vec<String> {
    css.lines()
        .filter(|l| {
            let l = l.trim_start();
            l.starts_with("@media") || l.starts_with("@container")
        })
        .filter_map(|l| {
            let i = l.find("max-width:")?;
            Some(
                l[i + "max-width:".len()..]
                    .split(')')
                    .next()?
                    .trim()
                    .to_owned(),
            )
        })
        .collect()
}

#[test]
fn the_page_stylesheets_break_where_the_core_does() {
    // A static stylesheet cannot import the vocabulary, so its breakpoint is
    // checked here instead.
    let narrow = format!("{}px", Vocabulary::current().narrow_px);
    let text = read("www/index.css");
    let found = breakpoints(&text);
    assert!(!found.is_empty(), "www/index.css has a narrow layout");
    for f in found {
        assert_eq!(
            f, narrow,
            "www/index.css: breakpoint {f} differs from the core's"
        );
    }
    assert_eq!(
        breakpoints("@media (max-width: 620px) {\n.a { max-width: 3px; }"),
        ["620px"]
    );
}

/// Every event name the web layer sends to the shell is one of the
/// vocabulary's: the public events or the shell's own.
#[test]
fn the_web_layer_sends_only_events_of_the_vocabulary() {
    let v = Vocabulary::current();
    // rustfmt may break `(\n "name",` across lines: fold the space away.
    let raw = read("src/web/mod.rs");
    let mut web = String::with_capacity(raw.len());
    let mut after_paren = false;
    for c in raw.chars() {
        if after_paren && c.is_whitespace() {
            continue;
        }
        after_paren = c == '(';
        web.push(c);
    }
    let mut sent = Vec::new();
    for (i, _) in web.match_indices("(\"") {
        let rest = &web[i + 2..];
        let Some(end) = rest.find('"') else { continue };
        let name = &rest[..end];
        // Outbox entries are `("name", detail)` pairs.
        if rest[end + 1..].trim_start().starts_with(',')
            && !name.is_empty()
            && name.chars().all(|c| c.is_ascii_lowercase())
        {
            sent.push(name.to_owned());
        }
    }
    for must in [
        "ready",
        "viewchange",
        "select",
        "hover",
        "hint",
        "tourstep",
        "layerschange",
        "error",
    ] {
        assert!(sent.iter().any(|s| s == must), "the scan finds {must}");
    }
    for name in &sent {
        assert!(
            v.events.contains(&name.as_str()) || v.shell_events.contains(&name.as_str()),
            "src/web/mod.rs sends {name:?}, which the vocabulary does not know"
        );
    }
}
