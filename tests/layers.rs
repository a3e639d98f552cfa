//! The source tree's ladder, checked: every `crate::` path in `src/` points
//! at the importing module's own layer or a layer below it, and no modules
//! import each other in a cycle.
//!
//! The ladder itself is read from the table in `src/lib.rs`'s module doc,
//! so the documentation and this check cannot drift apart.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// One reference from a module to another: where it is written and what
/// module it names.
#[derive(Debug)]
struct Import {
    file: String,
    line: usize,
    from: String,
    to: String,
}

/// The layers, bottom first, from the rows `| N name | ...` of lib.rs's table.
fn ladder(lib_rs: &str) -> Vec<String> {
    let mut rows: Vec<(u32, String)> = lib_rs
        .lines()
        .filter_map(|l| l.strip_prefix("//! | "))
        .filter_map(|rest| {
            let cell = rest.split('|').next()?.trim();
            let (n, name) = cell.split_once(' ')?;
            Some((n.parse().ok()?, name.trim().to_owned()))
        })
        .collect();
    rows.sort();
    rows.into_iter().map(|(_, name)| name).collect()
}

/// The module a source file defines, as `layer::module` (or `layer` for a
/// folder's `mod.rs`), relative to `src/`.
fn module_of(rel: &Path) -> String {
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts.join("::")
}

/// Every module path named after `crate::` in one line of code, including
/// groups such as `crate::{geo::coords::World, data::json}`. Only the
/// leading lower-case segments count: they name modules.
fn crate_paths(code: &str) -> Vec<String> {
    fn module_prefix(path: &str) -> String {
        path.split("::")
            .map(str::trim)
            .take_while(|s| {
                !s.is_empty()
                    && s.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            })
            .collect::<Vec<_>>()
            .join("::")
    }
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        // After an identifier character or `::`, `crate` is part of some
        // other path, not the keyword.
        let before = rest[..i].chars().last();
        rest = &rest[i + "crate::".len()..];
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let mut end = group.len();
            for (k, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            end = k;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            let mut depth = 0;
            let mut item = String::new();
            for c in group[..end].chars().chain(std::iter::once(',')) {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        out.push(module_prefix(&item));
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                item.push(c);
            }
        } else {
            out.push(module_prefix(rest));
        }
    }
    out.retain(|p| !p.is_empty());
    out
}

/// The most specific module among `known` that `path` lies in.
fn resolve(path: &str, known: &BTreeSet<String>) -> Option<String> {
    let segs: Vec<&str> = path.split("::").collect();
    (1..=segs.len())
        .rev()
        .map(|n| segs[..n].join("::"))
        .find(|m| known.contains(m))
}

/// Every `crate::` reference in code (comments skipped), by module.
fn imports(files: &[(String, String)]) -> Vec<Import> {
    let known: BTreeSet<String> = files.iter().map(|(f, _)| module_of(Path::new(f))).collect();
    let mut out = Vec::new();
    for (file, text) in files {
        let from = module_of(Path::new(file));
        // A `use` may span lines: join each statement onto its first line.
        let mut pending: Option<(usize, String)> = None;
        for (n, raw) in text.lines().enumerate() {
            let line = raw.trim_start();
            if line.starts_with("//") {
                continue;
            }
            let (at, code) = match pending.take() {
                Some((at, mut acc)) => {
                    acc.push_str(line);
                    (at, acc)
                }
                None => (n + 1, line.to_owned()),
            };
            if code.contains("crate::{") && !code.contains(';') {
                pending = Some((at, code));
                continue;
            }
            for p in crate_paths(&code) {
                if let Some(to) = resolve(&p, &known) {
                    if to != from && !to.is_empty() {
                        out.push(Import {
                            file: file.clone(),
                            line: at,
                            from: from.clone(),
                            to,
                        });
                    }
                }
            }
        }
    }
    out
}

/// Every violation of the ladder, as `file:line: message`.
fn check(ladder: &[String], files: &[(String, String)]) -> Vec<String> {
    let rank = |module: &str| {
        let layer = module.split("::").next().unwrap_or("");
        ladder.iter().position(|l| l == layer)
    };
    let imports = imports(files);
    let mut problems = Vec::new();
    for i in &imports {
        match (rank(&i.from), rank(&i.to)) {
            (Some(a), Some(b)) if b > a => problems.push(format!(
                "{}:{}: {} (layer {}) imports {} from the higher layer {}",
                i.file, i.line, i.from, ladder[a], i.to, ladder[b]
            )),
            (None, _) if !i.from.is_empty() => problems.push(format!(
                "{}:{}: {} is in no layer of the ladder",
                i.file, i.line, i.from
            )),
            _ => {}
        }
    }
    // Cycles: any module that can reach itself through imports.
    let mut graph: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for i in &imports {
        graph.entry(&i.from).or_default().insert(&i.to);
    }
    let mut reported = BTreeSet::new();
    for &start in graph.keys() {
        // Breadth-first, remembering the way back, to name the cycle.
        let mut prev: BTreeMap<&str, &str> = BTreeMap::new();
        let mut queue = std::collections::VecDeque::from([start]);
        while let Some(m) = queue.pop_front() {
            for &next in graph.get(m).into_iter().flatten() {
                if next == start {
                    let mut cycle = vec![m];
                    while let Some(&p) = prev.get(cycle.last().unwrap_or(&start)) {
                        cycle.push(p);
                    }
                    cycle.reverse();
                    let key: BTreeSet<&str> = cycle.iter().copied().collect();
                    if reported.insert(key.into_iter().collect::<Vec<_>>()) {
                        let at = imports
                            .iter()
                            .find(|i| i.from == m && i.to == start)
                            .map(|i| format!("{}:{}", i.file, i.line))
                            .unwrap_or_default();
                        cycle.push(start);
                        problems.push(format!("{at}: import cycle {}", cycle.join(" -> ")));
                    }
                    continue;
                }
                if next != start && !prev.contains_key(next) {
                    prev.insert(next, m);
                    queue.push_back(next);
                }
            }
        }
    }
    problems
}

fn sources(dir: &Path, root: &Path, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .expect("src/ is readable")
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            sources(&p, root, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            let rel = p.strip_prefix(root).expect("under src/");
            out.push((
                rel.to_string_lossy().into_owned(),
                fs::read_to_string(&p).expect("source is UTF-8"),
            ));
        }
    }
}

#[test]
fn the_source_tree_follows_the_ladder_in_lib_rs() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let lib = fs::read_to_string(src.join("lib.rs")).expect("src/lib.rs");
    let ladder = ladder(&lib);
    assert_eq!(
        ladder,
        ["geo", "data", "paint", "scene", "render", "app", "web"],
        "the ladder table in src/lib.rs"
    );
    let mut files = Vec::new();
    sources(&src, &src, &mut files);
    // Every folder of src/ is a rung of the ladder, and no module sits
    // loose at the root beside lib.rs.
    for (f, _) in &files {
        let top = module_of(Path::new(f));
        let layer = top.split("::").next().unwrap_or("");
        assert!(
            f == "lib.rs" || ladder.iter().any(|l| l == layer),
            "{f} is outside every layer folder"
        );
    }
    let found = imports(&files);
    assert!(
        found.len() > 50,
        "the scan sees the crate's imports ({} found)",
        found.len()
    );
    let problems = check(&ladder, &files);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_check_names_upward_imports_and_cycles_with_file_and_line() {
    let ladder: Vec<String> = ["low", "high"].map(String::from).to_vec();
    let files: Vec<(String, String)> = [
        (
            "low/a.rs",
            "use crate::low::b::B;\n\nfn f() { crate::high::c::go(); }\n",
        ),
        (
            "low/b.rs",
            "//! docs naming crate::high::c are not imports\nuse crate::{\n    low::a::A,\n};\n",
        ),
        ("high/c.rs", "use crate::low::{a::A, b::B};\n"),
        ("high/mod.rs", "pub mod c;\n"),
        ("low/mod.rs", "pub mod a;\npub mod b;\n"),
    ]
    .map(|(f, t)| (f.to_owned(), t.to_owned()))
    .to_vec();
    let problems = check(&ladder, &files);
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(
        problems[0].starts_with("low/a.rs:3: low::a (layer low) imports high::c"),
        "{}",
        problems[0]
    );
    assert!(
        problems[1].contains("import cycle low::a -> low::b -> low::a")
            || problems[1].contains("import cycle low::b -> low::a -> low::b"),
        "{}",
        problems[1]
    );
    assert!(problems[1].starts_with("low/"), "{}", problems[1]);
    // The clean half of the same input passes.
    let clean: Vec<(String, String)> = files
        .iter()
        .filter(|(f, _)| f.starts_with("high/"))
        .cloned()
        .collect();
    assert_eq!(check(&ladder, &clean), Vec::<String>::new());
}

#[test]
fn grouped_and_inline_paths_are_all_seen() {
    assert_eq!(
        crate_paths("use crate::{geo::coords::{LonLat, World}, data::json::Json};"),
        ["geo::coords", "data::json"]
    );
    assert_eq!(
        crate_paths("let m = crate::data::overlay::MainMode::Road; bridge_map::crate::x"),
        ["data::overlay"]
    );
}
