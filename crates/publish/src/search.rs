//! Stage 3b: the search index (design §10, format in `docs/search.md`).
//!
//! Articles are numbered newest first (their order in the newsroom). Each
//! term keeps at most [`POSTINGS_MAX`] postings ([`PAIR_POSTINGS_MAX`] for
//! a pair), the best ones (title, then lead, then body; newer first), so
//! no file grows with the archive; terms
//! are spread over shard files by a hash, as many shards as keep each at
//! most [`SHARD_MAX`] bytes. Result rows live in small files by doc number.

use anyhow::{ensure, Result};
use bantin_model::search::{
    article_fields, doc_terms, shard_of, DocTerm, Postings, SearchIndex, SearchRow, FORMS_MAX,
    ROWS_PER_FILE,
};
use bantin_model::{date_short, Article};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::digest::fnv1a_from;
use crate::write::Sink;

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
/// cores: a run's caps decide which written forms a term learns, and the
/// output must not depend on the machine.
const RUN: usize = 8_192;
/// Characters of the lead in a result row.
const EXCERPT_CHARS: usize = 160;

/// A term while the index is built: its forms and postings, with counts by
/// weight so that a posting that can never be among the best is dropped at
/// once (memory stays bounded by the cap, not the archive).
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

    fn add(&mut self, doc: u32, term: DocTerm) {
        let w = usize::from(bantin_model::search::weight(term.fields));
        // Docs come newest first: one of at most this weight after
        // `cap` at least as good ones cannot make the cut.
        if self.by_weight[w..].iter().sum::<usize>() >= self.cap {
            return;
        }
        self.by_weight[w] += 1;
        self.postings.add(doc, term);
    }

    /// Takes in a later run's postings (its docs all after ours), its forms
    /// renumbered into ours.
    fn absorb(&mut self, later: Growing) {
        let mut map = [None; FORMS_MAX];
        for (i, form) in later.postings.forms.into_iter().enumerate() {
            map[i] = self.postings.form_index(form);
        }
        for mut posting in later.postings.list {
            let mut forms = 0u8;
            for (i, to) in map.iter().enumerate() {
                if let Some(j) = to.filter(|_| posting.forms & (1 << i) != 0) {
                    forms |= 1 << j;
                }
            }
            posting.forms = forms;
            self.postings.list.push(posting);
        }
        for (w, n) in later.by_weight.iter().enumerate() {
            self.by_weight[w] += n;
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

type Terms = FxHashMap<String, Growing>;

/// Two runs' terms, `later`'s articles all after `earlier`'s.
fn join(mut earlier: Terms, later: Terms) -> Terms {
    for (term, growing) in later {
        match earlier.get_mut(&term) {
            Some(all) => all.absorb(growing),
            None => {
                earlier.insert(term, growing);
            }
        }
    }
    earlier
}

/// The terms of a run of articles, the first numbered `first`.
fn index_run(articles: &[Article], first: u32) -> Terms {
    let mut terms = Terms::default();
    let mut article_terms: FxHashMap<String, DocTerm> = FxHashMap::default();
    for (i, article) in articles.iter().enumerate() {
        article_terms.clear();
        doc_terms(&article_fields(article), &mut article_terms);
        let doc = first + i as u32;
        for (term, doc_term) in article_terms.drain() {
            match terms.get_mut(&term) {
                Some(growing) => growing.add(doc, doc_term),
                None => {
                    let mut growing = Growing::new(&term);
                    growing.add(doc, doc_term);
                    terms.insert(term, growing);
                }
            }
        }
    }
    terms
}

/// The index's files, ready to write.
pub struct SearchFiles {
    pub meta: SearchIndex,
    shards: Vec<Vec<u8>>,
    rows: Vec<Vec<u8>>,
}

/// Builds the index of `articles` (newest first).
pub fn index(articles: &[Article]) -> Result<SearchFiles> {
    // Runs of articles indexed in parallel, each into its own map, then
    // joined pairwise in doc order (rayon keeps the order of an indexed
    // reduction), also in parallel.
    let terms = articles
        .par_chunks(RUN)
        .enumerate()
        .map(|(k, chunk)| index_run(chunk, (k * RUN) as u32))
        .reduce_with(join)
        .unwrap_or_default();
    let mut entries: Vec<(String, String)> = terms
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
    let mut hash = 0xcbf2_9ce4_8422_2325;
    for file in shards.iter().chain(&rows) {
        hash = fnv1a_from(hash, file);
        hash = fnv1a_from(hash, &[0xff]);
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

    use bantin_model::search::{BODY, TITLE};

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
