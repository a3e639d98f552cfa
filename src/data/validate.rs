//! Validating overlay data: a walk over the [`Json`] tree that builds the
//! typed [`Overlay`] and collects every problem with its path.
//!
//! Problems do not stop the walk; references between features are checked
//! against every *declared* id, so one broken feature is reported once and
//! not again by everything that points at it.

use crate::data::json::Json;
use crate::data::overlay::*;
use crate::data::topology::{Lang, Names};
use crate::geo::coords::LonLat;
use crate::geo::view::ZOOMS;

/// A set of ids: a sorted vector, searched by bisection. Overlays hold tens
/// to hundreds of ids, and the wasm carries no hash table's code for it.
#[derive(Default)]
struct IdSet(Vec<String>);

impl IdSet {
    /// Adds `id`; false if it was already there.
    fn insert(&mut self, id: &str) -> bool {
        match self.0.binary_search_by(|s| s.as_str().cmp(id)) {
            Ok(_) => false,
            Err(at) => {
                self.0.insert(at, id.to_owned());
                true
            }
        }
    }

    /// Whether `id` is in the set.
    fn contains(&self, id: &str) -> bool {
        self.0.binary_search_by(|s| s.as_str().cmp(id)).is_ok()
    }
}

impl<'a> FromIterator<&'a str> for IdSet {
    fn from_iter<I: IntoIterator<Item = &'a str>>(ids: I) -> IdSet {
        let mut set = IdSet::default();
        for id in ids {
            set.insert(id);
        }
        set
    }
}

impl Overlay {
    /// Validates a JSON tree: the typed overlay, or every problem found.
    ///
    /// Lives here, not beside the model, so the model does not import its
    /// validator (the validator imports the model).
    ///
    /// ```
    /// use bridge_map::data::overlay::{Overlay, Reason};
    /// let bad: bridge_map::data::json::Json = serde_json::from_str(r#"{"format": "bridge-map/overlay", "version": 2}"#).unwrap();
    /// let err = Overlay::from_json(&bad).unwrap_err();
    /// assert_eq!(err.0[0].path, "version");
    /// assert_eq!(err.0[0].reason, Reason::UnsupportedVersion);
    /// ```
    pub fn from_json(root: &Json) -> Result<Overlay, OverlayError> {
        validate(root)
    }
}

/// Validates a JSON tree into an [`Overlay`], or every problem found.
fn validate(root: &Json) -> Result<Overlay, OverlayError> {
    let mut v = Validator::default();
    let overlay = v.overlay(root);
    match overlay {
        Some(o) if v.problems.is_empty() => Ok(o),
        _ => Err(OverlayError(v.problems)),
    }
}

fn valid_id(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A figure's period, in a form the element can format per language:
/// alternatives joined by `" / "`, each a year (`2024`), a span of years
/// (`2022–2024`, en dash), a month (`2024-03`), a month range
/// (`2024-01/2024-11`) or a day (`2024-03-18`).
fn valid_period(s: &str) -> bool {
    alternatives(s).all(|alt| {
        if let Some((a, b)) = alt.split_once('–') {
            valid_date(a) && valid_date(b) && a.len() == 4 && b.len() == 4 && a < b
        } else if let Some((a, b)) = alt.split_once('/') {
            valid_date(a) && valid_date(b) && a.len() == 7 && b.len() == 7 && a < b
        } else {
            valid_date(alt)
        }
    })
}

/// Where `pat` first occurs in `s`: `s.find(pat)` without core's substring
/// searcher. That searcher was the wasm's last path to a panic that prints
/// a `char` with `{:?}`, which keeps Unicode's printability tables in the
/// file (about 4 KB gzipped); the patterns here are a few ASCII bytes.
fn find(s: &str, pat: &str) -> Option<usize> {
    s.as_bytes()
        .windows(pat.len())
        .position(|w| w == pat.as_bytes())
}

/// `s.split(" / ")`, with [`find`].
fn alternatives(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let r = rest?;
        match find(r, " / ") {
            Some(i) => {
                rest = r.get(i + 3..);
                r.get(..i)
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

fn valid_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, len: usize, lo: u32, hi: u32| {
        p.len() == len
            && p.bytes().all(|b| b.is_ascii_digit())
            && p.parse::<u32>().is_ok_and(|n| (lo..=hi).contains(&n))
    };
    match parts.as_slice() {
        [y] => num(y, 4, 1900, 2100),
        [y, m] => num(y, 4, 1900, 2100) && num(m, 2, 1, 12),
        [y, m, d] => num(y, 4, 1900, 2100) && num(m, 2, 1, 12) && num(d, 2, 1, 31),
        _ => false,
    }
}

#[derive(Default)]
struct Validator {
    problems: Vec<Problem>,
    /// The languages every text must have (the data's `languages`).
    langs: Vec<Lang>,
    /// The data is an outline (`"outline": true`): features may leave out
    /// their summaries, figures and sources, tour steps their texts, and
    /// the file its sources.
    outline: bool,
    /// Route points read so far, against [`MAX_POINTS`].
    points: usize,
}

impl Validator {
    fn problem(&mut self, path: impl Into<String>, reason: Reason) {
        self.problems.push(Problem {
            path: path.into(),
            reason,
        });
    }

    fn field<'a>(&mut self, obj: &'a Json, path: &str, key: &str) -> Option<&'a Json> {
        let v = obj.get(key);
        if v.is_none() {
            self.problem(join(path, key), Reason::Missing);
        }
        v
    }

    fn typed<'a, T>(
        &mut self,
        v: &'a Json,
        path: &str,
        expected: &'static str,
        get: impl Fn(&'a Json) -> Option<T>,
    ) -> Option<T> {
        let out = get(v);
        if out.is_none() {
            self.problem(
                path,
                Reason::WrongType {
                    expected,
                    found: v.type_name(),
                },
            );
        }
        out
    }

    /// The items of a list at `path`, if it is one of at most
    /// [`MAX_ITEMS`]: a longer one is refused unread.
    fn list<'a>(&mut self, v: &'a Json, path: &str, expected: &'static str) -> Option<&'a [Json]> {
        let items = self.typed(v, path, expected, Json::as_array)?;
        if items.len() > MAX_ITEMS {
            self.problem(path, Reason::TooMany);
            return None;
        }
        Some(items)
    }

    fn string(&mut self, obj: &Json, path: &str, key: &str) -> Option<String> {
        let p = join(path, key);
        let v = self.field(obj, path, key)?;
        let s = self.typed(v, &p, "a string", Json::as_str)?;
        let reason = if s.trim().is_empty() {
            Reason::Empty
        } else if s.len() > MAX_TEXT {
            Reason::TooLong
        } else if s.chars().any(hidden) {
            Reason::ControlCharacter
        } else {
            return Some(s.to_owned());
        };
        self.problem(p, reason);
        None
    }

    fn opt_string(&mut self, obj: &Json, path: &str, key: &str) -> Option<String> {
        obj.get(key)
            .is_some()
            .then(|| self.string(obj, path, key))
            .flatten()
    }

    fn number(&mut self, obj: &Json, path: &str, key: &str) -> Option<f64> {
        let p = join(path, key);
        let v = self.field(obj, path, key)?;
        let n = self.typed(v, &p, "a number", Json::as_f64)?;
        if !n.is_finite() {
            self.problem(p, Reason::NotFinite);
            return None;
        }
        Some(n)
    }

    fn word<T>(
        &mut self,
        obj: &Json,
        path: &str,
        key: &str,
        words: &'static [&'static str],
        parse: fn(&str) -> Option<T>,
    ) -> Option<T> {
        let s = self.string(obj, path, key)?;
        let out = parse(&s);
        if out.is_none() {
            self.problem(join(path, key), Reason::NotOneOf(words));
        }
        out
    }

    fn array<'a>(&mut self, obj: &'a Json, path: &str, key: &str) -> Option<&'a [Json]> {
        let p = join(path, key);
        let v = self.field(obj, path, key)?;
        self.list(v, &p, "an array")
    }

    /// A text per language: each language the data carries is required; a
    /// language it does not carry (a one-language pack) reads the first
    /// carried language's text, so every lookup still finds words.
    fn names(&mut self, obj: &Json, path: &str, key: &str) -> Option<Names> {
        let p = join(path, key);
        let v = self.field(obj, path, key)?;
        self.typed(v, &p, "an object with a text per language", Json::as_object)?;
        let mut texts: [Option<String>; 3] = [None, None, None];
        let mut complete = true;
        for (text, lang) in texts.iter_mut().zip(Lang::STORED) {
            if self.langs.contains(&lang) {
                *text = self.string(v, &p, lang.as_str());
                complete &= text.is_some();
            }
        }
        // `texts` is in the order of `Lang::STORED`.
        let first = *self.langs.first()?;
        let first = Lang::STORED.iter().position(|&l| l == first)?;
        let stand_in = texts[first].clone().filter(|_| complete)?;
        let [en, kk, ru] = texts.map(|t| t.unwrap_or_else(|| stand_in.clone()));
        Some(Names { en, kk, ru })
    }

    /// The data's `languages`: a list of distinct language tags, the first
    /// standing in for the others; absent means all three. Only the stored
    /// languages: Latin Kazakh is read from the Kazakh, never stored.
    fn languages(&mut self, root: &Json) -> Vec<Lang> {
        let Some(v) = root.get("languages") else {
            return Lang::STORED.to_vec();
        };
        let mut langs = Vec::new();
        for (i, item) in self
            .list(v, "languages", "an array")
            .unwrap_or(&[])
            .iter()
            .enumerate()
        {
            let p = format!("languages[{i}]");
            match self
                .typed(item, &p, "a string", Json::as_str)
                .map(Lang::stored_from_word)
            {
                Some(Some(l)) if langs.contains(&l) => self.problem(p, Reason::Languages),
                Some(Some(l)) => langs.push(l),
                Some(None) => self.problem(p, Reason::NotOneOf(Lang::STORED_WORDS)),
                None => {}
            }
        }
        if langs.is_empty() {
            if v.as_array().is_some_and(|a| a.is_empty()) {
                self.problem("languages", Reason::Languages);
            }
            // Go on checking as if all were there: every problem is reported.
            return Lang::STORED.to_vec();
        }
        langs
    }

    fn lonlat(&mut self, obj: &Json, path: &str) -> Option<LonLat> {
        let lon = self.number(obj, path, "lon");
        let lat = self.number(obj, path, "lat");
        if lon.is_some_and(|l| !(-180.0..=180.0).contains(&l)) {
            self.problem(join(path, "lon"), Reason::LonOutOfRange);
            return None;
        }
        if lat.is_some_and(|l| !(-90.0..=90.0).contains(&l)) {
            self.problem(join(path, "lat"), Reason::LatOutOfRange);
            return None;
        }
        Some(LonLat::new(lon?, lat?))
    }

    fn overlay(&mut self, root: &Json) -> Option<Overlay> {
        self.typed(root, "(root)", "an object", Json::as_object)?;
        if let Some(f) = self.string(root, "", "format") {
            if f != FORMAT {
                self.problem("format", Reason::UnknownFormat);
            }
        }
        if let Some(v) = self.number(root, "", "version") {
            if v != VERSION {
                self.problem("version", Reason::UnsupportedVersion);
                return None;
            }
        }
        self.langs = self.languages(root);
        self.outline = root
            .get("outline")
            .and_then(|v| self.typed(v, "outline", "a boolean", Json::as_bool))
            .unwrap_or(false);
        let sources = self.sources(root);
        let source_ids: IdSet = sources.iter().map(|s| s.id.as_str()).collect();
        let mut features = Vec::new();
        let mut ids = IdSet::default();
        if let Some(list) = self.array(root, "", "features") {
            for (i, f) in list.iter().enumerate() {
                let path = format!("features[{i}]");
                if let Some(feature) = self.feature(f, &path, &source_ids) {
                    if !ids.insert(&feature.id) {
                        self.problem(join(&path, "id"), Reason::DuplicateId);
                    }
                    features.push(feature);
                }
            }
        }
        // References resolve against every *declared* id, so one broken
        // feature is reported once, not again by everything that points at it.
        let declared: Vec<(&str, Option<&str>)> = root
            .get("features")
            .and_then(Json::as_array)
            .unwrap_or(&[])
            .iter()
            .filter_map(|f| Some((f.get("id")?.as_str()?, f.get("kind").and_then(Json::as_str))))
            .collect();
        let node_ids: IdSet = declared
            .iter()
            .filter(|(_, k)| *k == Some("node"))
            .map(|(id, _)| *id)
            .collect();
        let all_ids: IdSet = declared.iter().map(|(id, _)| *id).collect();
        let mut late = Vec::new();
        for (i, f) in features.iter().enumerate() {
            if let Body::Corridor { paths, .. } = &f.body {
                for (pi, path) in paths.iter().enumerate() {
                    for (k, pt) in path.iter().enumerate() {
                        if pt.node.as_deref().is_some_and(|n| !node_ids.contains(n)) {
                            late.push((
                                format!("features[{i}].paths[{pi}][{k}].node"),
                                Reason::UnknownFeature,
                            ));
                        }
                    }
                }
            }
        }
        for (p, r) in late {
            self.problem(p, r);
        }
        let tour = self.tour(root, &all_ids);
        Some(Overlay {
            languages: self.langs.clone(),
            outline: self.outline,
            sources,
            features,
            tour,
        })
    }

    fn sources(&mut self, root: &Json) -> Vec<Source> {
        let mut out = Vec::new();
        if self.outline && root.get("sources").is_none() {
            return out;
        }
        let Some(v) = self.field(root, "", "sources") else {
            return out;
        };
        let Some(entries) = self.typed(v, "sources", "an object of sources by id", Json::as_object)
        else {
            return out;
        };
        if entries.len() > MAX_ITEMS {
            self.problem("sources", Reason::TooMany);
            return out;
        }
        for (id, s) in entries {
            let path = format!("sources.{id}");
            if id.is_empty()
                || !id
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            {
                self.problem(&path, Reason::BadId);
                continue;
            }
            let title = self.string(s, &path, "title");
            let url = self.string(s, &path, "url");
            if url
                .as_deref()
                .is_some_and(|u| !(u.starts_with("https://") || u.starts_with("http://")))
            {
                self.problem(join(&path, "url"), Reason::BadUrl);
            } else if url.as_deref().is_some_and(suspect_url) {
                self.problem(join(&path, "url"), Reason::SuspectUrl);
            }
            let year = self.number(s, &path, "year");
            if year.is_some_and(|y| !(1900.0..=2100.0).contains(&y) || y.fract() != 0.0) {
                self.problem(join(&path, "year"), Reason::BadYear);
            }
            if let (Some(title), Some(url), Some(year)) = (title, url, year) {
                out.push(Source {
                    id: id.clone(),
                    title,
                    url,
                    year: year as i32,
                });
            }
        }
        out
    }

    fn source_refs(&mut self, obj: &Json, path: &str, known: &IdSet) -> Vec<String> {
        let p = join(path, "sources");
        let Some(list) = self.array(obj, path, "sources") else {
            return vec![];
        };
        if list.is_empty() {
            self.problem(&p, Reason::NoSources);
        }
        let mut out = Vec::new();
        for (i, s) in list.iter().enumerate() {
            let sp = format!("{p}[{i}]");
            if let Some(id) = self.typed(s, &sp, "a source id", Json::as_str) {
                if known.contains(id) {
                    out.push(id.to_owned());
                } else {
                    self.problem(sp, Reason::UnknownSource);
                }
            }
        }
        out
    }

    fn figures(&mut self, obj: &Json, path: &str, known: &IdSet) -> Vec<Figure> {
        if obj.get("figures").is_none() {
            return vec![];
        }
        let Some(list) = self.array(obj, path, "figures") else {
            return vec![];
        };
        let mut out = Vec::new();
        for (i, f) in list.iter().enumerate() {
            let fp = format!("{}[{i}]", join(path, "figures"));
            let label = self.names(f, &fp, "label");
            let value = self.names(f, &fp, "value");
            let year = self.string(f, &fp, "year");
            if year
                .as_deref()
                .is_some_and(|y| y != "—" && !valid_period(y))
            {
                self.problem(join(&fp, "year"), Reason::BadYear);
            }
            let sources = self.source_refs(f, &fp, known);
            if let (Some(label), Some(value), Some(year)) = (label, value, year) {
                out.push(Figure {
                    label,
                    value,
                    year,
                    sources,
                });
            }
        }
        out
    }

    fn feature(&mut self, f: &Json, path: &str, known: &IdSet) -> Option<Feature> {
        self.typed(f, path, "an object", Json::as_object)?;
        let id = self.string(f, path, "id");
        if id.as_deref().is_some_and(|i| !valid_id(i)) {
            self.problem(join(path, "id"), Reason::BadId);
        }
        let kind = self.word(f, path, "kind", Kind::WORDS, Kind::parse);
        let layer = self.word(f, path, "layer", Layer::WORDS, Layer::parse);
        let name = self.names(f, path, "name");
        // An outline may leave out what only an open feature shows.
        let summary = if self.outline && f.get("summary").is_none() {
            Some(Names::default())
        } else {
            self.names(f, path, "summary")
        };
        let sources = if self.outline && f.get("sources").is_none() {
            Vec::new()
        } else {
            self.source_refs(f, path, known)
        };
        let figures = self.figures(f, path, known);
        let body = match kind? {
            Kind::Corridor => self.corridor(f, path),
            Kind::Node => self.node(f, path),
            Kind::Event => self.event(f, path),
        };
        Some(Feature {
            id: id?,
            kind: kind?,
            layer: layer?,
            name: name?,
            summary: summary?,
            sources,
            figures,
            body: body?,
        })
    }

    fn corridor(&mut self, f: &Json, path: &str) -> Option<Body> {
        let status = self.word(f, path, "status", Status::WORDS, Status::parse);
        let mode = self.word(f, path, "mode", MainMode::WORDS, MainMode::parse);
        let length_km = match self.field(f, path, "length_km") {
            Some(Json::Null) | None => None,
            Some(_) => match self.number(f, path, "length_km") {
                Some(n) if n <= 0.0 => {
                    self.problem(join(path, "length_km"), Reason::NotPositive);
                    None
                }
                n => n,
            },
        };
        let mut countries = Vec::new();
        if let Some(list) = self.array(f, path, "countries") {
            if list.is_empty() {
                self.problem(join(path, "countries"), Reason::NoCountries);
            }
            for (i, c) in list.iter().enumerate() {
                match c.as_str().filter(|c| valid_country(c)) {
                    Some(c) => countries.push(c.to_owned()),
                    None => self.problem(format!("{path}.countries[{i}]"), Reason::BadCountry),
                }
            }
        }
        let mut paths = Vec::new();
        let list = self.array(f, path, "paths")?;
        if list.is_empty() {
            self.problem(join(path, "paths"), Reason::TooFewPoints);
        }
        for (pi, pts) in list.iter().enumerate() {
            let pp = format!("{path}.paths[{pi}]");
            let Some(pts) = self.list(pts, &pp, "an array of points") else {
                continue;
            };
            if pts.len() < 2 {
                self.problem(&pp, Reason::TooFewPoints);
                continue;
            }
            // Counted before the points are read: past the budget, the
            // rest of the routes are refused unread.
            let before = self.points;
            self.points += pts.len();
            if self.points > MAX_POINTS {
                // Once, where the count passes the budget.
                if before <= MAX_POINTS {
                    self.problem(&pp, Reason::TooManyPoints);
                }
                return None;
            }
            let mut out = Vec::new();
            for (k, pt) in pts.iter().enumerate() {
                let kp = format!("{pp}[{k}]");
                let at = self.lonlat(pt, &kp);
                let quality = self.word(pt, &kp, "q", Quality::WORDS, Quality::parse);
                let routing = self.word(pt, &kp, "r", Routing::WORDS, Routing::parse);
                let label = self.opt_string(pt, &kp, "label");
                let node = self.opt_string(pt, &kp, "node");
                let last = k + 1 == pts.len();
                let mode = match (pt.get("mode"), last) {
                    (None, false) => {
                        self.problem(join(&kp, "mode"), Reason::MissingLegMode);
                        None
                    }
                    (Some(_), true) => {
                        self.problem(join(&kp, "mode"), Reason::ModeOnLastPoint);
                        None
                    }
                    (Some(_), false) => self.word(pt, &kp, "mode", Mode::WORDS, Mode::parse),
                    (None, true) => None,
                };
                let surface = match (pt.get("surface"), mode) {
                    (_, None) => None,
                    (None, Some(Mode::Sea)) => Some(LegSurface::Sea),
                    (None, Some(_)) => Some(LegSurface::Land),
                    (Some(_), Some(m)) => {
                        let s = self.word(pt, &kp, "surface", LegSurface::WORDS, LegSurface::parse);
                        if m == Mode::Sea && s == Some(LegSurface::Land) {
                            self.problem(join(&kp, "surface"), Reason::SeaLegOnLand);
                        }
                        s
                    }
                };
                if let (Some(at), Some(quality), Some(routing)) = (at, quality, routing) {
                    out.push(PathPoint {
                        at,
                        quality,
                        routing,
                        label,
                        node,
                        mode,
                        surface,
                    });
                }
            }
            paths.push(out);
        }
        Some(Body::Corridor {
            status: status?,
            mode: mode?,
            length_km,
            countries,
            paths,
        })
    }

    fn node(&mut self, f: &Json, path: &str) -> Option<Body> {
        let at = self.lonlat(f, path);
        let quality = self.word(f, path, "q", Quality::WORDS, Quality::parse);
        let node_type = self.word(f, path, "type", NodeType::WORDS, NodeType::parse);
        let country = self.string(f, path, "country");
        if country.as_deref().is_some_and(|c| !valid_country(c)) {
            self.problem(join(path, "country"), Reason::BadCountry);
        }
        Some(Body::Node {
            at: at?,
            quality: quality?,
            node_type: node_type?,
            country: country?,
        })
    }

    fn event(&mut self, f: &Json, path: &str) -> Option<Body> {
        let at = self.lonlat(f, path);
        let quality = self.word(f, path, "q", Quality::WORDS, Quality::parse);
        let event_type = self.word(f, path, "type", EventType::WORDS, EventType::parse);
        let date = self.string(f, path, "date");
        if date.as_deref().is_some_and(|d| !valid_date(d)) {
            self.problem(join(path, "date"), Reason::BadDate);
        }
        let date_end = self.opt_string(f, path, "date_end");
        if date_end.as_deref().is_some_and(|d| !valid_date(d)) {
            self.problem(join(path, "date_end"), Reason::BadDate);
        }
        let arc_from = match f.get("arc") {
            None => None,
            Some(arc) => {
                let ap = join(path, "arc");
                let from = self.field(arc, &ap, "from")?;
                let fp = join(&ap, "from");
                let at = self.lonlat(from, &fp);
                let label = self.opt_string(from, &fp, "label");
                Some((at?, label))
            }
        };
        Some(Body::Event {
            at: at?,
            quality: quality?,
            date: date?,
            date_end,
            event_type: event_type?,
            arc_from,
        })
    }

    fn tour(&mut self, root: &Json, feature_ids: &IdSet) -> Vec<TourStep> {
        let Some(list) = self.array(root, "", "tour") else {
            return vec![];
        };
        if !(6..=10).contains(&list.len()) {
            self.problem("tour", Reason::TourLength);
        }
        let mut out = Vec::new();
        let mut ids = IdSet::default();
        for (i, s) in list.iter().enumerate() {
            let path = format!("tour[{i}]");
            let id = self.string(s, &path, "id");
            if let Some(id) = &id {
                if !valid_id(id) {
                    self.problem(join(&path, "id"), Reason::BadId);
                } else if !ids.insert(id) {
                    self.problem(join(&path, "id"), Reason::DuplicateId);
                }
            }
            let title = self.names(s, &path, "title");
            // An outline may leave out what only an open tour card shows.
            let text = if self.outline && s.get("text").is_none() {
                Some(Names::default())
            } else {
                self.names(s, &path, "text")
            };
            let vp = join(&path, "view");
            let view = self.field(s, &path, "view");
            let (center, zoom) = match view {
                Some(v) => {
                    let c = self.lonlat(v, &vp);
                    let z = self.number(v, &vp, "zoom");
                    if z.is_some_and(|z| !ZOOMS.contains(&z)) {
                        self.problem(join(&vp, "zoom"), Reason::BadZoom);
                    }
                    (c, z)
                }
                None => (None, None),
            };
            let mut layers = Vec::new();
            for (k, l) in self
                .array(s, &path, "layers")
                .unwrap_or(&[])
                .iter()
                .enumerate()
            {
                match l.as_str().and_then(Layer::parse) {
                    Some(layer) => layers.push(layer),
                    None => self.problem(
                        format!("{path}.layers[{k}]"),
                        Reason::NotOneOf(Layer::WORDS),
                    ),
                }
            }
            let mut highlights = Vec::new();
            if s.get("focus").is_some() {
                for (k, fid) in self
                    .array(s, &path, "focus")
                    .unwrap_or(&[])
                    .iter()
                    .enumerate()
                {
                    match fid.as_str().filter(|f| feature_ids.contains(*f)) {
                        Some(f) => highlights.push(f.to_owned()),
                        None => self.problem(format!("{path}.focus[{k}]"), Reason::UnknownFeature),
                    }
                }
            }
            if let (Some(id), Some(title), Some(text), Some(center), Some(zoom)) =
                (id, title, text, center, zoom)
            {
                out.push(TourStep {
                    id,
                    title,
                    text,
                    center,
                    zoom,
                    layers,
                    highlights,
                });
            }
        }
        out
    }
}

/// A character no text of the map may hold: a control character (C0,
/// DEL, C1: a line break or a NUL would break a label), or a bidirectional
/// formatting one, which could make a name show reversed or hide a part of
/// it (the map's languages are all written left to right).
fn hidden(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{61C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// An ISO 3166-1 alpha-3 code's shape: three capital letters.
fn valid_country(c: &str) -> bool {
    c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase())
}

/// Publishers whose own addresses end mid-word: KazTAG cuts every slug at
/// 100 characters, so its real pages can end in `-`.
const SLUG_CUTTING_HOSTS: &[&str] = &["kaztag.info"];

/// A source URL that cannot be the publisher's real page: a staging host,
/// or a link cut off mid-slug (ending in `-`, `_`, `%` or an ellipsis, unless
/// the publisher itself cuts slugs).
fn suspect_url(url: &str) -> bool {
    let rest = find(url, "://")
        .and_then(|i| url.get(i + 3..))
        .unwrap_or(url);
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let staging = host
        .split('.')
        .any(|label| label.eq_ignore_ascii_case("staging") || label.starts_with("staging-"));
    let cuts_slugs = SLUG_CUTTING_HOSTS
        .iter()
        .any(|h| host == *h || host.ends_with(&format!(".{h}")));
    let ellipsis = url.ends_with('…') || url.ends_with("...");
    let cut = (!cuts_slugs && url.ends_with(['-', '_', '%'])) || ellipsis;
    staging || cut || url.contains(char::is_whitespace)
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}
