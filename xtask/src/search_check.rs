//! `cargo xtask search-check`, part of `cargo xtask test`: the search index
//! of a generated 19 967-article newsroom (its tail as full as it gets:
//! 127 articles past the base), built by the `bantin` CLI, read
//! as the app reads it. Deterministic, not timed:
//! - no shard file over 64 KB;
//! - each of 20 fixed queries needs at most 16 requests and 120 KB brotli
//!   (its shards in both segments, then the rows of the first screen);
//! - its top 10 are those of one whole index of the same articles (every
//!   posting, each term cut to its cap as the indexer cuts it): the base
//!   and the tail joined are that index;
//! - and they agree with a brute-force ranking (every posting kept):
//!   recall@10 ≥ 0.9 on average.
//!
//! The same measurement feeds the benchmark (`cargo xtask bench`).

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{ensure, Context, Result};
use bantin_model::search::{
    article_fields, cap_of, doc_terms, first_results, query_terms, rank, row_files, words,
    Postings, SearchIndex, TermEntry,
};
use bantin_model::Article;

use crate::util::{root, run};

/// The queries: 1–4 words a reader of this newsroom would type (phrases
/// of the sample articles, which the generated text draws on), with and
/// without diacritics.
pub const QUERIES: [&str; 20] = [
    "thị xã",
    "thi xa",
    "bóng đá",
    "bong da",
    "BÓNG ĐÁ",
    "duy tiên",
    "thị xã duy tiên",
    "khu công nghiệp",
    "khu cong nghiep",
    "tổ dân phố",
    "an ninh trật tự",
    "an ninh trat tu",
    "kỷ niệm",
    "y tế",
    "hội nghị",
    "người dân",
    "lãnh đạo",
    "tháng đầu năm",
    "tiêm chủng",
    "chat luong",
];

/// Articles of the checked newsroom: a base and the fullest tail.
pub const CORPUS: usize = 19_840 + bantin_model::search::TAIL_DOCS as usize - 1;
pub const MAX_SHARD: usize = 64 * 1024;
pub const MAX_REQUESTS: usize = bantin_model::search::REQUESTS_MAX;
pub const MAX_BROTLI: usize = 120 * 1024;
const MIN_RECALL: f64 = 0.9;

/// What one query costs and finds.
pub struct QueryCost {
    pub query: &'static str,
    pub requests: usize,
    pub brotli: usize,
    pub results: usize,
    pub recall: f64,
    /// The top 10 are one whole index's.
    pub same_as_one: bool,
}

/// The index of a built site, read back.
pub struct Index {
    site: PathBuf,
    meta: SearchIndex,
}

impl Index {
    pub fn open(site: &Path) -> Result<Index> {
        let path = site.join("api/v1/search.json");
        let text =
            fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
        Ok(Index {
            site: site.to_owned(),
            meta: serde_json::from_str(&text)
                .with_context(|| format!("{} is not a search index", path.display()))?,
        })
    }

    fn shard(&self, version: &str, n: u32) -> PathBuf {
        self.site
            .join(format!("api/v1/search/{version}/t/{n}.json"))
    }

    fn rows(&self, n: u32) -> PathBuf {
        self.site.join(format!("api/v1/search/r/{n}.json"))
    }

    /// Every shard file's size, in every segment.
    pub fn shard_sizes(&self) -> Result<Vec<usize>> {
        let mut sizes = Vec::new();
        for segment in &self.meta.segments {
            for n in 0..segment.shards {
                sizes.push(fs::metadata(self.shard(&segment.version, n))?.len() as usize);
            }
        }
        Ok(sizes)
    }

    /// Runs a query as the app does (`src/api.rs`, `search`): the
    /// ranking, and the files fetched.
    pub fn query(&self, query: &str) -> Result<(Vec<u32>, Vec<PathBuf>)> {
        let words = words(query);
        let terms = query_terms(&words);
        let mut postings: HashMap<String, Postings> = HashMap::new();
        let mut files = Vec::new();
        for segment in &self.meta.segments {
            for n in segment.shards_of(&terms) {
                let path = self.shard(&segment.version, n);
                let shard: HashMap<String, TermEntry> = serde_json::from_slice(&fs::read(&path)?)?;
                for term in terms.iter().filter(|t| segment.shard_of(t) == n) {
                    let Some(entry) = shard.get(term) else {
                        continue;
                    };
                    let older = entry.clone().decode();
                    match postings.get_mut(term) {
                        Some(newer) => newer.join_older(older),
                        None => {
                            postings.insert(term.clone(), older);
                        }
                    }
                }
                files.push(path);
            }
        }
        let ranking = rank(&words, |t| postings.get(t));
        let shown = first_results(files.len()).min(ranking.docs.len());
        let rows = row_files(&ranking.docs[..shown]);
        files.extend(rows.into_iter().map(|n| self.rows(n)));
        Ok((ranking.docs, files))
    }

    /// How many segments the index has.
    pub fn segments(&self) -> usize {
        self.meta.segments.len()
    }

    /// Requests and brotli bytes a query needs.
    pub fn cost(&self, query: &str) -> Result<(usize, usize)> {
        let (_, files) = self.query(query)?;
        Ok((files.len(), weigh(&files)?))
    }

    /// Doc numbers to article ids, from the row files (oldest first).
    fn article_ids(&self) -> Result<Vec<u32>> {
        let mut ids = Vec::new();
        for n in 0.. {
            let path = self.rows(n);
            if !path.exists() {
                break;
            }
            let rows: Vec<bantin_model::search::SearchRow> =
                serde_json::from_slice(&fs::read(&path)?)?;
            for row in rows {
                let id = row
                    .path
                    .split('/')
                    .nth(2)
                    .and_then(|id| id.parse().ok())
                    .with_context(|| format!("no id in {}", row.path))?;
                ids.push(id);
            }
        }
        Ok(ids)
    }

    /// Every posting of every article: the ranking without caps or shards.
    /// Read newest first, as the indexer reads (which written forms a term
    /// learns first).
    pub fn brute_force(&self) -> Result<HashMap<String, Postings>> {
        let mut index: HashMap<String, Postings> = HashMap::new();
        for (doc, id) in self.article_ids()?.into_iter().enumerate().rev() {
            let path = self.site.join(format!("api/v1/articles/{id}.json"));
            let article: Article = serde_json::from_slice(&fs::read(&path)?)?;
            let mut terms = HashMap::new();
            doc_terms(&article_fields(&article), &mut terms);
            for (term, dt) in terms {
                index.entry(term).or_default().add(doc as u32, dt);
            }
        }
        for postings in index.values_mut() {
            postings.list.reverse();
        }
        Ok(index)
    }
}

/// One whole index of the articles: every term's postings cut to its cap.
fn one_index(full: &HashMap<String, Postings>) -> HashMap<String, Postings> {
    full.iter()
        .map(|(term, postings)| {
            let mut postings = postings.clone();
            postings.cap(cap_of(term));
            (term.clone(), postings)
        })
        .collect()
}

/// Brotli bytes of files together.
fn weigh(files: &[PathBuf]) -> Result<usize> {
    files
        .iter()
        .map(|file| Ok(crate::sizes::measure(&fs::read(file)?)?.brotli))
        .sum()
}

/// Measures the queries on a built site.
pub fn measure(site: &Path) -> Result<(Index, Vec<QueryCost>)> {
    let index = Index::open(site)?;
    let full = index.brute_force()?;
    let one = one_index(&full);
    let mut costs = Vec::new();
    for query in QUERIES {
        let (docs, files) = index.query(query)?;
        let (requests, brotli) = (files.len(), weigh(&files)?);
        let whole = rank(&words(query), |t| one.get(t)).docs;
        let same_as_one = docs.iter().take(10).eq(whole.iter().take(10));
        let truth = rank(&words(query), |t| full.get(t)).docs;
        let top: Vec<u32> = truth.iter().copied().take(10).collect();
        let found = docs.iter().take(10).filter(|d| top.contains(d)).count();
        let recall = if top.is_empty() {
            1.0
        } else {
            found as f64 / top.len() as f64
        };
        costs.push(QueryCost {
            query,
            requests,
            brotli,
            results: docs.len(),
            recall,
            same_as_one,
        });
    }
    Ok((index, costs))
}

/// A generated newsroom of `count` articles, built (data only) by the CLI.
pub fn build_corpus(count: usize, dir: &Path) -> Result<PathBuf> {
    let content = dir.join("content");
    let site = dir.join("site");
    crate::gen::write(count, &content, None)?;
    run(crate::util::bantin_build(&content, &site, true))?;
    Ok(site)
}

pub fn command() -> Result<()> {
    let site = build_corpus(CORPUS, &root().join("target/search-check"))?;
    let (index, costs) = measure(&site)?;
    let sizes = index.shard_sizes()?;
    let largest = sizes.iter().copied().max().unwrap_or(0);
    println!(
        "{} shards, largest {} bytes (limit {MAX_SHARD})",
        sizes.len(),
        largest
    );
    ensure!(
        largest <= MAX_SHARD,
        "a shard file has {largest} bytes, over {MAX_SHARD}"
    );
    println!(
        "{} segments\n| query | requests | brotli | results | top 10 = one index | recall@10 |\n|---|---:|---:|---:|---|---:|",
        index.segments()
    );
    let mut failures = Vec::new();
    for c in &costs {
        println!(
            "| {} | {} | {:.1} KB | {} | {} | {:.2} |",
            c.query,
            c.requests,
            c.brotli as f64 / 1024.0,
            c.results,
            if c.same_as_one { "yes" } else { "no" },
            c.recall
        );
        if !c.same_as_one {
            failures.push(format!("{:?}: not the top 10 of one index", c.query));
        }
        if c.requests > MAX_REQUESTS || c.brotli > MAX_BROTLI {
            failures.push(format!(
                "{:?}: {} requests, {} bytes",
                c.query, c.requests, c.brotli
            ));
        }
        if c.results == 0 {
            failures.push(format!("{:?} finds nothing", c.query));
        }
    }
    let recall = costs.iter().map(|c| c.recall).sum::<f64>() / costs.len() as f64;
    println!("mean recall@10 against the brute force: {recall:.3}");
    ensure!(
        failures.is_empty(),
        "search budget broken:\n{}",
        failures.join("\n")
    );
    ensure!(recall >= MIN_RECALL, "recall@10 {recall:.3} < {MIN_RECALL}");
    Ok(())
}
