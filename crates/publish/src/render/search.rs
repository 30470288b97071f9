//! Render: the search index (docs/architecture.md, “Search”; the format
//! in `docs/search.md`).
//!
//! Articles are numbered newest first (their order in the newsroom). Each
//! term keeps at most [`POSTINGS_MAX`] postings ([`PAIR_POSTINGS_MAX`] for
//! a pair), the best ones (title, then lead, then body; newer first), so
//! no file grows with the archive; terms
//! are spread over shard files by a hash, as many shards as keep each at
//! most [`SHARD_MAX`] bytes. Result rows live in small files by doc number.

use anyhow::{ensure, Result};
use bantin_model::search::{
    article_fields, each_term, shard_of, Posting, Postings, SearchIndex, SearchRow, FORMS_MAX,
    ROWS_PER_FILE,
};
use bantin_model::{date_short, Article};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::output::sink::Sink;
use bantin_model::fnv::{fnv1a_64_from, OFFSET_64};

/// Postings kept per syllable.
pub const POSTINGS_MAX: usize = 1_000;
/// Postings kept per pair. More than a syllable's: a pair is what tells a
/// phrase's articles apart, and an article a query needs is lost when a
/// list it is on was cut. Pairs are also fewer per article than their
/// syllables' articles, so the files stay small.
pub const PAIR_POSTINGS_MAX: usize = 4_000;
/// Largest shard file, raw bytes.
pub const SHARD_MAX: usize = 64 * 1024;
/// What a shard is sized for on average: a query fetches up to seven.
const SHARD_TARGET: usize = 12 * 1024;
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
            cap: if term.contains(' ') {
                PAIR_POSTINGS_MAX
            } else {
                POSTINGS_MAX
            },
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

    /// Takes in a later run's postings (its docs all after ours), its forms
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
        let list = &mut self.postings.list;
        list.sort_by_key(|p| {
            (
                std::cmp::Reverse(bantin_model::search::weight(p.fields)),
                p.doc,
            )
        });
        list.truncate(self.cap);
        list.sort_by_key(|p| p.doc);
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

/// Two runs' terms, `later`'s articles all after `earlier`'s.
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

/// The terms of a run of articles, the first numbered `first`.
fn index_run(articles: &[Article], first: u32) -> Terms {
    let mut run = Run::default();
    for (i, article) in articles.iter().enumerate() {
        each_term(&article_fields(article), |term, form, field| {
            run.found(term, form, field);
        });
        run.end_article(first + i as u32);
    }
    run.terms
}

/// The index's files, ready to write.
pub struct SearchFiles {
    pub meta: SearchIndex,
    shards: Vec<Vec<u8>>,
    rows: Vec<Vec<u8>>,
}

/// Builds the index of `articles` (newest first).
pub fn index(articles: &[Article]) -> Result<SearchFiles> {
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
            .map(|(k, chunk)| index_run(chunk, ((b * threads + k) * RUN) as u32))
            .collect();
        for run in runs {
            terms = join(terms, run);
        }
    }
    let mut entries: Vec<(String, String)> = terms
        .into_pairs()
        .into_par_iter()
        .map(|(term, growing)| {
            let json = serde_json::to_string(&growing.finish().encode())
                .expect("a term entry is plain data");
            (term, json)
        })
        .collect();
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let shards = shard(entries)?;
    let rows: Vec<Vec<u8>> = articles
        .chunks(ROWS_PER_FILE)
        .map(|chunk| serde_json::to_vec(&chunk.iter().map(row).collect::<Vec<_>>()))
        .collect::<Result<_, _>>()?;
    let mut hash = OFFSET_64;
    for file in shards.iter().chain(&rows) {
        hash = fnv1a_64_from(hash, file);
        hash = fnv1a_64_from(hash, &[0xff]);
    }
    Ok(SearchFiles {
        meta: SearchIndex {
            version: format!("{hash:016x}"),
            shards: shards.len() as u32,
            docs: articles.len() as u32,
        },
        shards,
        rows,
    })
}

/// Spreads the terms (sorted) over as few shards as keep the average near
/// the target and every one within [`SHARD_MAX`].
fn shard(entries: Vec<(String, String)>) -> Result<Vec<Vec<u8>>> {
    // `"term":{…},` per entry, plus the braces.
    let size = |(term, json): &(String, String)| term.len() + json.len() + 4;
    let total: usize = entries.iter().map(size).sum();
    let mut count = total.div_ceil(SHARD_TARGET).max(1) as u32;
    loop {
        let mut sizes = vec![2usize; count as usize];
        for entry in &entries {
            sizes[shard_of(&entry.0, count) as usize] += size(entry);
        }
        if sizes.iter().all(|&s| s <= SHARD_MAX) {
            break;
        }
        ensure!(
            count < 1 << 24,
            "search index: a term does not fit in {SHARD_MAX} bytes"
        );
        count *= 2;
    }
    let mut shards = vec![String::from("{"); count as usize];
    // Each entry is dropped once copied: one copy of the index in memory.
    for (term, json) in entries {
        let shard = &mut shards[shard_of(&term, count) as usize];
        if shard.len() > 1 {
            shard.push(',');
        }
        shard.push_str(&serde_json::to_string(&term)?);
        shard.push(':');
        shard.push_str(&json);
    }
    Ok(shards
        .into_iter()
        .map(|mut s| {
            s.push('}');
            s.into_bytes()
        })
        .collect())
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

/// Writes the shards and rows under the index's version.
pub fn write(files: &SearchFiles, sink: &dyn Sink) -> Result<()> {
    use bantin_model::paths;
    let version = &files.meta.version;
    // The last index's folder, renamed: its files rewritten in place.
    sink.reuse_folder(paths::search_folder(version).trim_start_matches('/'));
    let put_all = |numbered: &[Vec<u8>], path: fn(&str, u32) -> String| {
        numbered.par_iter().enumerate().try_for_each(|(n, bytes)| {
            sink.put(path(version, n as u32).trim_start_matches('/'), bytes)
        })
    };
    put_all(&files.shards, paths::search_shard)?;
    put_all(&files.rows, paths::search_rows)
}

impl SearchFiles {
    /// What `site.json` says of the index; the files are dropped.
    pub fn into_meta(self) -> SearchIndex {
        self.meta
    }

    /// Every file's bytes together.
    pub fn bytes(&self) -> usize {
        self.shards.iter().chain(&self.rows).map(Vec::len).sum()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use bantin_model::search::{DocTerm, BODY, LEAD, TITLE};

    use super::*;

    #[test]
    fn growing_keeps_the_best_postings() {
        let mut g = Growing::new("x");
        let term = |fields| DocTerm {
            fields,
            forms: vec!["x".into()],
        };
        // Newest first: many body postings, then a title one (older).
        for doc in 0..POSTINGS_MAX as u32 + 10 {
            g.add(doc, term(BODY));
        }
        g.add(5_000, term(TITLE));
        let done = g.finish();
        assert_eq!(done.list.len(), POSTINGS_MAX);
        assert_eq!(done.list.last().expect("postings").doc, 5_000);
        assert_eq!(done.list[0].doc, 0);
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
        let docs = 0..3 * POSTINGS_MAX as u32;
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
        let shards = shard(entries.clone()).expect("shards");
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
}
