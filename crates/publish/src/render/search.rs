//! Render: the search index (docs/architecture.md, “Search”; the format
//! in `docs/search.md`).
//!
//! Articles are numbered from the oldest, so a new one takes the next
//! number. The index is two segments: the base holds every article up to
//! the last multiple of [`TAIL_DOCS`], the tail the newest ones past it.
//! Both are functions of the articles alone, so a build into a fresh
//! folder writes what an append would: a new article rewrites the tail's
//! few shards and the newest row file, and every [`TAIL_DOCS`]th one the
//! base. Each term keeps at most
//! [`POSTINGS_MAX`](bantin_model::search::POSTINGS_MAX) postings
//! ([`PAIR_POSTINGS_MAX`](bantin_model::search::PAIR_POSTINGS_MAX) for a
//! pair) per segment, the best ones (title, then lead, then body; newer
//! first). The tail is built knowing the base ([`against_base`]): a term's
//! written forms begin with the base's, and where the two lists pass the
//! cap the tail keeps its best and names a cut below which the base's
//! postings are dropped, so the app, filtering and appending, has what one
//! index would keep. Terms are spread over a segment's shard files by a
//! hash. Result rows live in small files by doc number, outside the
//! segments.

use anyhow::{ensure, Result};
use bantin_model::search::{
    article_fields, cap_key, cap_of, each_term, Posting, Postings, SearchIndex, SearchRow, Segment,
    FORMS_MAX, ROWS_PER_FILE, TAIL_DOCS,
};
use bantin_model::{date_short, Article};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::output::sink::Sink;
use bantin_model::fnv::{fnv1a_64_from, OFFSET_64};

/// Largest shard file, raw bytes.
pub const SHARD_MAX: usize = 64 * 1024;
/// What a base shard is sized for on average: a query fetches up to seven.
const SHARD_TARGET: usize = 12 * 1024;
/// What a tail shard is sized for: larger, so that a new article rewrites
/// few files. Its terms are spread by their first syllable, so a query
/// reads no more of them than it has words, however many there are.
const TAIL_SHARD_TARGET: usize = 48 * 1024;
/// Articles per run indexed on its own. Fixed, not by the machine's
/// cores: a run's table keeps at most [`FORMS_MAX`] written forms per
/// term, so where runs start decides which forms a term learns, and the
/// output must not depend on the machine.
const RUN: usize = 8_192;
/// Characters of the lead in a result row.
const EXCERPT_CHARS: usize = 160;

/// A term while the index is built: its forms and postings, with counts by
/// weight so that a posting that can never be among the best is dropped at
/// once (memory stays bounded by the cap, not the archive).
#[derive(Default)]
struct Growing {
    postings: Postings,
    by_weight: [usize; 4],
    cap: usize,
}

impl Growing {
    fn new(term: &str) -> Growing {
        Growing {
            postings: Postings::default(),
            by_weight: [0; 4],
            cap: cap_of(term),
        }
    }

    #[cfg(test)]
    fn add(&mut self, doc: u32, term: bantin_model::search::DocTerm) {
        self.add_forms(doc, term.fields, &term.forms);
    }

    /// An article's share of the term: its fields and written forms.
    fn add_forms(&mut self, doc: u32, fields: u8, written: &[String]) {
        if !self.keeps(fields) {
            return;
        }
        let mut forms = 0u8;
        for form in written {
            if let Some(i) = self.postings.form_index(form) {
                forms |= 1 << i;
            }
        }
        self.postings.list.push(Posting { doc, fields, forms });
    }

    /// Whether a posting of these fields, after all kept so far, can still
    /// be among the best; counted as kept if so. Docs come newest first:
    /// one of at most this weight after `cap` at least as good ones cannot
    /// make the cut.
    fn keeps(&mut self, fields: u8) -> bool {
        let w = usize::from(bantin_model::search::weight(fields));
        if self.by_weight[w..].iter().sum::<usize>() >= self.cap {
            return false;
        }
        self.by_weight[w] += 1;
        true
    }

    /// Takes in a later run's postings (its docs all older), its forms
    /// renumbered into ours. The same rule as [`Growing::add`] applies, so
    /// the result is what one run over both would have kept, and a common
    /// term holds at most `cap` postings per weight however many runs
    /// join (not `cap` per run).
    fn absorb(&mut self, later: Growing) {
        // Later's forms join ours only when a posting kept uses them, as
        // one run over both would have learned them.
        let mut map: [Option<Option<usize>>; FORMS_MAX] = [None; FORMS_MAX];
        for mut posting in later.postings.list {
            if !self.keeps(posting.fields) {
                continue;
            }
            let mut forms = 0u8;
            for (i, form) in later.postings.forms.iter().enumerate() {
                if posting.forms & (1 << i) == 0 {
                    continue;
                }
                let to = *map[i].get_or_insert_with(|| self.postings.form_index(form));
                if let Some(j) = to {
                    forms |= 1 << j;
                }
            }
            posting.forms = forms;
            self.postings.list.push(posting);
        }
    }

    /// The best postings, in doc order.
    fn finish(mut self) -> Postings {
        self.postings.cap(self.cap);
        self.postings
    }
}

/// Terms and their postings: an id per term, the postings by id (a run
/// looks a term up once per occurrence and allocates it once).
#[derive(Default)]
struct Terms {
    ids: FxHashMap<String, u32>,
    growing: Vec<Growing>,
}

impl Terms {
    /// Each term with its postings, the tables consumed.
    fn into_pairs(self) -> Vec<(String, Growing)> {
        let mut growing = self.growing;
        self.ids
            .into_iter()
            .map(|(term, id)| (term, std::mem::take(&mut growing[id as usize])))
            .collect()
    }
}

/// Two runs' terms, `later`'s articles all older than `earlier`'s.
fn join(mut earlier: Terms, later: Terms) -> Terms {
    for (term, growing) in later.into_pairs() {
        match earlier.ids.get(&term) {
            Some(&id) => earlier.growing[id as usize].absorb(growing),
            None => {
                earlier.ids.insert(term, earlier.growing.len() as u32);
                earlier.growing.push(growing);
            }
        }
    }
    earlier
}

/// What an article has of one term while it is read.
struct Touched {
    id: u32,
    fields: u8,
    /// `forms[..n]` are the article's; the buffers are reused.
    forms: Vec<String>,
    n: usize,
}

/// A run's tables: every term met gets an id once; per article only the
/// terms it touches are visited, and no string is allocated for a term
/// or form the run has already seen.
#[derive(Default)]
struct Run {
    terms: Terms,
    /// Per id: its place in `touched` during the current article.
    slot: Vec<Option<u32>>,
    touched: Vec<Touched>,
    len: usize,
}

impl Run {
    fn found(&mut self, term: &str, form: &str, field: u8) {
        let id = match self.terms.ids.get(term) {
            Some(&id) => id,
            None => {
                let id = self.terms.growing.len() as u32;
                self.terms.ids.insert(term.to_owned(), id);
                self.terms.growing.push(Growing::new(term));
                self.slot.push(None);
                id
            }
        };
        let place = match self.slot[id as usize] {
            Some(place) => place as usize,
            None => {
                let place = self.len;
                self.slot[id as usize] = Some(place as u32);
                if place == self.touched.len() {
                    self.touched.push(Touched {
                        id,
                        fields: 0,
                        forms: Vec::new(),
                        n: 0,
                    });
                }
                let touched = &mut self.touched[place];
                (touched.id, touched.fields, touched.n) = (id, 0, 0);
                self.len += 1;
                place
            }
        };
        let touched = &mut self.touched[place];
        touched.fields |= field;
        if touched.forms[..touched.n].iter().any(|f| f == form) {
            return;
        }
        match touched.forms.get_mut(touched.n) {
            Some(buffer) => {
                buffer.clear();
                buffer.push_str(form);
            }
            None => touched.forms.push(form.to_owned()),
        }
        touched.n += 1;
    }

    /// The current article, numbered `doc`, is read: its terms join.
    fn end_article(&mut self, doc: u32) {
        for touched in &self.touched[..self.len] {
            self.terms.growing[touched.id as usize].add_forms(
                doc,
                touched.fields,
                &touched.forms[..touched.n],
            );
            self.slot[touched.id as usize] = None;
        }
        self.len = 0;
    }
}

/// The terms of a run of articles (newest first), the first numbered
/// `newest`, the next one less.
fn index_run(articles: &[Article], newest: u32) -> Terms {
    let mut run = Run::default();
    for (i, article) in articles.iter().enumerate() {
        each_term(&article_fields(article), |term, form, field| {
            run.found(term, form, field);
        });
        run.end_article(newest - i as u32);
    }
    run.terms
}

/// The index's files, ready to write.
pub struct SearchFiles {
    pub meta: SearchIndex,
    /// Each segment's shards, as `meta.segments` (newest first).
    shards: Vec<Vec<Vec<u8>>>,
    rows: Vec<Vec<u8>>,
    /// What the base segment was made from ([`base_recipe`]), and whether
    /// it was taken from the last build rather than made.
    base_recipe: u64,
    pub base_reused: bool,
    /// Whether the last of `meta.segments` is the base.
    has_base: bool,
}

/// The base segment a build wrote, as the next build may take it back
/// instead of indexing the same articles again: what it was made from,
/// its entry in `search.json`, and its shard files (read back from the
/// output, so checked against the segment's version, their hash).
pub struct PriorBase {
    pub recipe: u64,
    pub segment: Segment,
    pub shards: Vec<Vec<u8>>,
}

/// The first line of the record of a base segment ([`PriorBase::record`]).
const BASE_RECORD: &str = "bantin-search-base v1";

impl PriorBase {
    /// The record a build keeps of its base segment (its files stay in
    /// the output): recipe, version, shard count, spread.
    pub fn record(recipe: u64, segment: &Segment) -> String {
        format!(
            "{BASE_RECORD}\n{recipe:016x}\n{}\n{}\n{}\n",
            segment.version,
            segment.shards,
            u8::from(segment.by_syllable)
        )
    }

    /// A record read back: the recipe and segment, if it is one (a version
    /// that is not 16 hex digits, which names a folder, is refused).
    pub fn parse_record(text: &str) -> Option<(u64, Segment)> {
        let mut lines = text.lines();
        (lines.next()? == BASE_RECORD).then_some(())?;
        let recipe = u64::from_str_radix(lines.next()?, 16).ok()?;
        let version = lines.next()?;
        let hex = version.len() == 16 && version.bytes().all(|b| b.is_ascii_hexdigit());
        let shards: u32 = lines.next()?.parse().ok()?;
        let by_syllable = match lines.next()? {
            "0" => false,
            "1" => true,
            _ => return None,
        };
        (hex && shards > 0 && lines.next().is_none()).then(|| {
            let segment = Segment {
                version: version.to_owned(),
                shards,
                by_syllable,
            };
            (recipe, segment)
        })
    }
}

/// What the base segment of `articles` (newest first) is made from: this
/// program, and the indexed fields of each of its articles, oldest first
/// (their doc numbers).
pub fn base_recipe(articles: &[Article]) -> u64 {
    let docs = articles.len() as u32;
    let tail = (docs - base_docs(docs)) as usize;
    let mut recipe = crate::render::recipe::Recipe::new("search base");
    for article in articles[tail..].iter().rev() {
        for (field, text) in article_fields(article) {
            recipe.add(&[field]).add(text.as_bytes());
        }
        recipe.add(b"");
    }
    recipe.finish()
}

/// A segment's version: the hash of its shard files.
fn version_of(files: &[Vec<u8>]) -> String {
    let mut hash = OFFSET_64;
    for file in files {
        hash = fnv1a_64_from(hash, file);
        hash = fnv1a_64_from(hash, &[0xff]);
    }
    format!("{hash:016x}")
}

/// The prior base's terms, sorted, when it is the base these articles
/// make (same recipe) and its files are the ones its version names.
fn taken_back(prior: &PriorBase, recipe: u64) -> Option<Vec<(String, Postings)>> {
    let whole = prior.recipe == recipe
        && recipe != 0
        && prior.shards.len() == prior.segment.shards as usize
        && version_of(&prior.shards) == prior.segment.version;
    if !whole {
        return None;
    }
    let decoded: Option<Vec<Vec<(String, Postings)>>> = prior
        .shards
        .par_iter()
        .map(|file| {
            let terms: FxHashMap<String, bantin_model::search::TermEntry> =
                serde_json::from_slice(file).ok()?;
            Some(terms.into_iter().map(|(t, e)| (t, e.decode())).collect())
        })
        .collect();
    let mut terms: Vec<(String, Postings)> = decoded?.into_iter().flatten().collect();
    terms.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    Some(terms)
}

/// Where the base ends for `docs` articles: the last multiple of
/// [`TAIL_DOCS`]; the tail holds the rest.
pub fn base_docs(docs: u32) -> u32 {
    docs - docs % TAIL_DOCS
}

/// Builds the index of `articles` (newest first): the tail's segment and
/// the base's (an empty one is left out), and the rows. The base is taken
/// from `prior` when that is the base these articles make.
pub fn index(articles: &[Article], prior: Option<PriorBase>) -> Result<SearchFiles> {
    ensure!(
        u32::try_from(articles.len()).is_ok(),
        "search index: more articles than it can number"
    );
    let docs = articles.len() as u32;
    let tail = (docs - base_docs(docs)) as usize;
    let mut meta = SearchIndex {
        docs,
        segments: Vec::new(),
    };
    let base = base_docs(docs);
    let base_recipe = base_recipe(articles);
    let mut tail_terms = postings_of(&articles[..tail], docs.wrapping_sub(1));
    let taken = prior.and_then(|prior| Some((taken_back(&prior, base_recipe)?, prior)));
    let base_reused = taken.is_some();
    let (base_terms, base_files) = match taken {
        Some((terms, prior)) => (terms, Some((prior.segment, prior.shards))),
        None => (postings_of(&articles[tail..], base.wrapping_sub(1)), None),
    };
    against_base(&mut tail_terms, &base_terms);
    let tail_made = if tail_terms.is_empty() {
        None
    } else {
        Some(shard_segment(tail_terms, true)?)
    };
    let base_made = match base_files {
        Some(taken) => Some(taken),
        None if base_terms.is_empty() => None,
        None => Some(shard_segment(base_terms, false)?),
    };
    let has_base = base_made.is_some();
    let mut shards: Vec<Vec<Vec<u8>>> = Vec::new();
    for (mut segment, files) in [tail_made, base_made].into_iter().flatten() {
        segment.version = version_of(&files);
        meta.segments.push(segment);
        shards.push(files);
    }
    let oldest_first: Vec<&Article> = articles.iter().rev().collect();
    let rows: Vec<Vec<u8>> = oldest_first
        .chunks(ROWS_PER_FILE)
        .map(|chunk| serde_json::to_vec(&chunk.iter().map(|a| row(a)).collect::<Vec<_>>()))
        .collect::<Result<_, _>>()?;
    Ok(SearchFiles {
        meta,
        shards,
        rows,
        base_recipe,
        base_reused,
        has_base,
    })
}

/// A segment's terms with their best postings, sorted by term:
/// `articles` newest first, the first numbered `newest`.
fn postings_of(articles: &[Article], newest: u32) -> Vec<(String, Postings)> {
    // Runs of articles indexed in parallel, as many at a time as there are
    // threads, each into its own tables, then joined into the whole one
    // after another in doc order: the same joins on any machine (a
    // parallel reduction's tree follows its work stealing, and joins
    // differ once a term has more than FORMS_MAX forms), and only the
    // batch's runs in memory beside the whole (less peak memory, no
    // slower: docs/benchmarks.md).
    let threads = rayon::current_num_threads().max(1);
    let mut terms = Terms::default();
    for (b, batch) in articles.chunks(RUN * threads).enumerate() {
        let runs: Vec<Terms> = batch
            .par_chunks(RUN)
            .enumerate()
            .map(|(k, chunk)| index_run(chunk, newest - ((b * threads + k) * RUN) as u32))
            .collect();
        for run in runs {
            terms = join(terms, run);
        }
    }
    let mut terms: Vec<(String, Postings)> = terms
        .into_pairs()
        .into_par_iter()
        .map(|(term, growing)| (term, growing.finish()))
        .collect();
    terms.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    terms
}

/// Makes the tail's terms read with the base's as one index does: each
/// term's written forms begin with the base's (so the base's form bits
/// hold), and where the two lists together pass the term's cap, the tail
/// keeps only its postings among the best and cuts the base's below them.
fn against_base(tail: &mut Vec<(String, Postings)>, base: &[(String, Postings)]) {
    tail.par_iter_mut().for_each(|(term, postings)| {
        let Ok(i) = base.binary_search_by(|(t, _)| t.as_str().cmp(term)) else {
            return;
        };
        let older = &base[i].1;
        let mut joined = Postings {
            forms: older.forms.clone(),
            ..Postings::default()
        };
        let map: Vec<Option<usize>> = postings
            .forms
            .iter()
            .map(|f| joined.form_index(f))
            .collect();
        for p in &mut postings.list {
            let mut forms = 0u8;
            for (i, to) in map.iter().enumerate() {
                if let Some(j) = to.filter(|_| p.forms & (1 << i) != 0) {
                    forms |= 1 << j;
                }
            }
            p.forms = forms;
        }
        postings.forms = joined.forms;
        let cap = cap_of(term);
        if older.list.len() + postings.list.len() > cap {
            let mut keys: Vec<u64> = older
                .list
                .iter()
                .chain(&postings.list)
                .map(cap_key)
                .collect();
            keys.sort_unstable_by(|a, b| b.cmp(a));
            let worst_kept = keys[cap - 1];
            postings.list.retain(|p| cap_key(p) >= worst_kept);
            if older.list.iter().any(|p| cap_key(p) < worst_kept) {
                postings.cut = worst_kept;
            }
        }
    });
    // A term whose tail postings are all below the base's best is the
    // base's alone.
    tail.retain(|(_, postings)| !postings.list.is_empty());
}

/// A segment's shard files (its version left to the caller).
fn shard_segment(
    terms: Vec<(String, Postings)>,
    by_syllable: bool,
) -> Result<(Segment, Vec<Vec<u8>>)> {
    let entries: Vec<(String, String)> = terms
        .into_par_iter()
        .map(|(term, postings)| {
            let json =
                serde_json::to_string(&postings.encode()).expect("a term entry is plain data");
            (term, json)
        })
        .collect();
    let target = if by_syllable {
        TAIL_SHARD_TARGET
    } else {
        SHARD_TARGET
    };
    shard(entries, target, by_syllable)
}

/// Spreads the terms (sorted) over as few shards as keep the average near
/// the target and every one within [`SHARD_MAX`].
fn shard(
    entries: Vec<(String, String)>,
    target: usize,
    by_syllable: bool,
) -> Result<(Segment, Vec<Vec<u8>>)> {
    // `"term":{…},` per entry, plus the braces.
    let size = |(term, json): &(String, String)| term.len() + json.len() + 4;
    let total: usize = entries.iter().map(size).sum();
    let first = total.div_ceil(target).max(1) as u32;
    let mut segment = Segment {
        version: String::new(),
        shards: first,
        by_syllable,
    };
    loop {
        let count = segment.shards;
        let mut sizes = vec![2usize; count as usize];
        for entry in &entries {
            sizes[segment.shard_of(&entry.0) as usize] += size(entry);
        }
        if sizes.iter().all(|&s| s <= SHARD_MAX) {
            break;
        }
        if segment.by_syllable && count >= 1 << 10 {
            // One syllable's terms do not fit in a file: spread by term.
            (segment.by_syllable, segment.shards) = (false, first);
            continue;
        }
        if segment.by_syllable {
            // The tail's files are rewritten by every publish: one more
            // at a time, not twice as many.
            segment.shards += 1;
            continue;
        }
        ensure!(
            count < 1 << 24,
            "search index: a term does not fit in {SHARD_MAX} bytes"
        );
        segment.shards *= 2;
    }
    let mut shards = vec![String::from("{"); segment.shards as usize];
    // Each entry is dropped once copied: one copy of the index in memory.
    for (term, json) in entries {
        let shard = &mut shards[segment.shard_of(&term) as usize];
        if shard.len() > 1 {
            shard.push(',');
        }
        shard.push_str(&serde_json::to_string(&term)?);
        shard.push(':');
        shard.push_str(&json);
    }
    let shards = shards
        .into_iter()
        .map(|mut s| {
            s.push('}');
            s.into_bytes()
        })
        .collect();
    Ok((segment, shards))
}

fn row(article: &Article) -> SearchRow {
    let date = date_short(&article.published);
    SearchRow {
        title: article.title.clone(),
        path: article.path.clone(),
        category: article.category.name.clone(),
        date: date.split(' ').next().unwrap_or_default().to_owned(),
        excerpt: bantin_views::excerpt(&article.lead, EXCERPT_CHARS),
    }
}

/// Writes each segment's shards under its version, and the rows.
pub fn write(files: &SearchFiles, sink: &dyn Sink) -> Result<()> {
    use bantin_model::paths;
    let keep: Vec<String> = files
        .meta
        .segments
        .iter()
        .map(|s| {
            paths::search_folder(&s.version)
                .trim_start_matches('/')
                .to_owned()
        })
        .chain([paths::search_rows(0)
            .trim_start_matches('/')
            .trim_end_matches("/0.json")
            .to_owned()])
        .collect();
    for (segment, shards) in files.meta.segments.iter().zip(&files.shards) {
        // A segment this build no longer has, renamed: its files rewritten
        // in place (the old tail, or the base a merge replaces).
        sink.reuse_folder(
            paths::search_folder(&segment.version).trim_start_matches('/'),
            &keep,
        );
        shards.par_iter().enumerate().try_for_each(|(n, bytes)| {
            sink.put(
                paths::search_shard(&segment.version, n as u32).trim_start_matches('/'),
                bytes,
            )
        })?;
    }
    files
        .rows
        .par_iter()
        .enumerate()
        .try_for_each(|(n, bytes)| {
            sink.put(paths::search_rows(n as u32).trim_start_matches('/'), bytes)
        })
}

impl SearchFiles {
    /// What `site.json` says of the index; the files are dropped.
    /// The record of the base segment, for the next build to take it
    /// back ([`PriorBase`]); none without a base.
    pub fn base_record(&self) -> Option<String> {
        let base = self.meta.segments.last().filter(|_| self.has_base)?;
        Some(PriorBase::record(self.base_recipe, base))
    }

    pub fn into_meta(self) -> SearchIndex {
        self.meta
    }

    /// Every file's bytes together.
    pub fn bytes(&self) -> usize {
        self.shards
            .iter()
            .flatten()
            .chain(&self.rows)
            .map(Vec::len)
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use bantin_model::search::{DocTerm, BODY, LEAD, POSTINGS_MAX, TITLE};

    use super::*;

    #[test]
    fn growing_keeps_the_best_postings() {
        let mut g = Growing::new("x");
        let term = |fields| DocTerm {
            fields,
            forms: vec!["x".into()],
        };
        // Newest first: many body postings, then a title one (older).
        for k in 0..POSTINGS_MAX as u32 + 10 {
            g.add(6_000 - k, term(BODY));
        }
        g.add(10, term(TITLE));
        let done = g.finish();
        assert_eq!(done.list.len(), POSTINGS_MAX);
        assert_eq!(done.list[0].doc, 10);
        // The newest bodies, the oldest of them left out.
        assert_eq!(done.list[1].doc, 6_000 - (POSTINGS_MAX as u32 - 2));
        assert_eq!(done.list.last().expect("postings").doc, 6_000);
        assert!(done.list.windows(2).all(|w| w[0].doc < w[1].doc));
    }

    #[test]
    fn joined_runs_keep_what_one_run_keeps_and_no_more() {
        // Fields vary by doc so every weight competes; forms vary so the
        // renumbering is exercised.
        let term = |doc: u32| DocTerm {
            fields: [BODY, BODY, LEAD, BODY, TITLE | BODY, BODY, LEAD][doc as usize % 7],
            forms: vec![["x", "X", "ẋ"][doc as usize % 3].into()],
        };
        // Newest first, as the indexer reads.
        let docs = (0..3 * POSTINGS_MAX as u32).rev();
        let mut one = Growing::new("x");
        for doc in docs.clone() {
            one.add(doc, term(doc));
        }
        let runs: Vec<Growing> = docs
            .collect::<Vec<_>>()
            .chunks(700)
            .map(|chunk| {
                let mut run = Growing::new("x");
                for &doc in chunk {
                    run.add(doc, term(doc));
                }
                run
            })
            .collect();
        let joined = runs
            .into_iter()
            .reduce(|mut earlier, later| {
                earlier.absorb(later);
                earlier
            })
            .expect("runs");
        assert_eq!(joined.postings.list.len(), one.postings.list.len());
        assert_eq!(joined.by_weight, one.by_weight);
        assert_eq!(joined.finish(), one.finish());
    }

    #[test]
    fn shards_stay_within_the_limit() {
        let entries: Vec<(String, String)> = (0..2_000)
            .map(|i| {
                (
                    format!("term{i}"),
                    format!("{{\"v\":[],\"p\":[{}]}}", "1,".repeat(200) + "1"),
                )
            })
            .collect();
        let (_, shards) = shard(entries.clone(), SHARD_TARGET, false).expect("shards");
        assert!(shards.len() > 1);
        assert!(shards.iter().all(|s| s.len() <= SHARD_MAX));
        let parsed: usize = shards
            .iter()
            .map(|s| {
                serde_json::from_slice::<BTreeMap<String, serde_json::Value>>(s)
                    .expect("a shard is JSON")
                    .len()
            })
            .sum();
        assert_eq!(parsed, entries.len());
    }

    /// `n` articles newest first, their words drawn from a small
    /// vocabulary so that common terms pass their caps.
    fn archive(n: u32) -> Vec<Article> {
        let fixture = crate::testing::Fixture::small();
        let template = &fixture.newsroom.articles[0];
        let vocabulary = [
            "bóng", "đá", "bông", "thị", "xã", "Duy", "Tiên", "người", "dân", "hội", "nghị", "y",
            "tế", "khu", "công", "nghiệp", "an", "ninh", "trật", "tự",
        ];
        let mut seed = 7u32;
        let mut text = |words: usize| {
            (0..words)
                .map(|_| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    vocabulary[(seed >> 16) as usize % vocabulary.len()]
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        (0..n)
            .map(|id| Article {
                id,
                title: text(4),
                lead: text(8),
                body: vec![text(30)],
                ..template.clone()
            })
            .collect()
    }

    /// A segment's terms, decoded.
    fn terms_of(shards: &[Vec<u8>]) -> FxHashMap<String, Postings> {
        let mut terms = FxHashMap::default();
        for shard in shards {
            let entries: BTreeMap<String, bantin_model::search::TermEntry> =
                serde_json::from_slice(shard).expect("a shard is JSON");
            terms.extend(entries.into_iter().map(|(t, e)| (t, e.decode())));
        }
        terms
    }

    #[test]
    fn segments_joined_are_one_index() {
        let articles = archive(1_300);
        let files = index(&articles, None).expect("the index");
        assert_eq!(files.meta.docs, 1_300);
        assert_eq!(files.meta.segments.len(), 2);
        let one: FxHashMap<String, Postings> = postings_of(&articles, 1_299).into_iter().collect();
        let mut joined = terms_of(&files.shards[0]);
        for (term, older) in terms_of(&files.shards[1]) {
            match joined.get_mut(&term) {
                Some(newer) => newer.join_older(older),
                None => {
                    joined.insert(term, older);
                }
            }
        }
        for postings in joined.values_mut() {
            postings.list.sort_by_key(|p| p.doc);
        }
        // Some terms needed a cut, and some of the base's forms came after
        // the tail's: the test covers both.
        let tail = terms_of(&files.shards[0]);
        assert!(tail.values().any(|p| p.cut > 0));
        assert_eq!(joined.len(), one.len());
        // Common terms were cut: the test covers the caps.
        assert!(one.values().any(|p| p.list.len() == POSTINGS_MAX));
        for (term, postings) in &one {
            let got = &joined[term];
            let named = |p: &Postings| {
                p.list
                    .iter()
                    .map(|q| {
                        let mut forms: Vec<String> = (0..FORMS_MAX)
                            .filter(|i| q.forms & (1 << i) != 0)
                            .map(|i| p.forms[i].clone())
                            .collect();
                        // A set: the segments number a term's forms apart.
                        forms.sort();
                        (q.doc, q.fields, forms)
                    })
                    .collect::<Vec<_>>()
            };
            assert_eq!(named(got), named(postings), "{term}");
        }
    }

    #[test]
    fn a_new_article_changes_the_tail_and_the_newest_rows() {
        let articles = archive(300);
        let before = index(&articles[1..], None).expect("the index");
        let after = index(&articles, None).expect("the index");
        assert_eq!(base_docs(299), 256);
        // The base is the same segment; the tail is new.
        assert_eq!(before.meta.segments[1], after.meta.segments[1]);
        assert_ne!(before.meta.segments[0], after.meta.segments[0]);
        // Every row file but the newest is unchanged, and row 8n + k is the
        // (8n + k)th oldest article.
        let last = after.rows.len() - 1;
        assert_eq!(before.rows[..last], after.rows[..last]);
        let rows: Vec<SearchRow> = serde_json::from_slice(&after.rows[last]).expect("rows");
        assert_eq!(rows.last().expect("a row").title, articles[0].title);
        // At a multiple of TAIL_DOCS the tail joins the base: one segment.
        let merged = index(&articles[300 - 256..], None).expect("the index");
        assert_eq!(merged.meta.segments.len(), 1);
        assert!(index(&[], None)
            .expect("the index")
            .meta
            .segments
            .is_empty());
    }

    /// The base of the last build (its record and files), against these
    /// articles' own.
    fn prior_of(files: &SearchFiles) -> PriorBase {
        let record = files.base_record().expect("a base");
        let (recipe, segment) = PriorBase::parse_record(&record).expect("a record");
        let shards = files.shards.last().expect("the base's files").clone();
        PriorBase {
            recipe,
            segment,
            shards,
        }
    }

    #[test]
    fn the_last_base_is_taken_back_only_when_it_is_this_one() {
        let articles = archive(300);
        let before = index(&articles[1..], None).expect("the index");
        let made = index(&articles, None).expect("the index");
        let taken = index(&articles, Some(prior_of(&before))).expect("the index");
        assert!(taken.base_reused && !made.base_reused);
        assert_eq!(taken.meta, made.meta);
        assert_eq!((taken.shards, taken.rows), (made.shards.clone(), made.rows));
        // An edited old article: another base, indexed again.
        let mut edited = articles.clone();
        edited[299].title = "bóng đá hội nghị".into();
        let again = index(&edited, Some(prior_of(&before))).expect("the index");
        assert!(!again.base_reused);
        assert_eq!(again.meta, index(&edited, None).expect("the index").meta);
        // A file changed behind the record, or a record of another shape.
        let mut tampered = prior_of(&before);
        tampered.shards[0][1] ^= 1;
        let checked = index(&articles, Some(tampered)).expect("the index");
        assert!(!checked.base_reused);
        assert_eq!(checked.shards, made.shards);
        let record = before.base_record().expect("a base");
        for bad in [
            record.replace("v1", "v0"),
            record.replacen('\n', "\n../", 2),
            format!("{record}more\n"),
            String::new(),
        ] {
            assert!(PriorBase::parse_record(&bad).is_none(), "{bad:?}");
        }
        // Fewer articles than TAIL_DOCS: no base to keep.
        let few = &articles[..TAIL_DOCS as usize - 1];
        assert!(index(few, None).expect("the index").base_record().is_none());
    }
}
