//! Search (docs/architecture.md, “Search”): the terms of a text and of a query, the index's
//! file shapes, and the ranking — one copy for the indexer, the app and the
//! tests that compare the sharded index with a brute-force one.
//!
//! Terms are folded syllables (`bong`) and folded adjacent pairs
//! (`bong da`). A term's postings say in which fields of an article it is
//! (title, lead, body) and which written forms (`bóng`, `bông`) it has
//! there, so the typed diacritics can rank first.

mod fold;

use std::collections::HashMap;
use std::hash::BuildHasher;

use serde::{Deserialize, Serialize};

pub use fold::{fold, fold_into, lower, lower_into, syllables};

/// Longest query, in characters; the rest is cut.
pub const QUERY_MAX_CHARS: usize = 100;
/// Syllables of a query that count; more are ignored.
pub const QUERY_MAX_WORDS: usize = 8;
/// Results whose rows share one file (docs are numbered from the oldest,
/// so every file but the newest stays put).
pub const ROWS_PER_FILE: usize = 8;
/// Written forms remembered per term (the first seen, newest articles first).
pub const FORMS_MAX: usize = 8;
/// Postings kept per syllable.
pub const POSTINGS_MAX: usize = 1_000;
/// Postings kept per pair. More than a syllable's: a pair is what tells a
/// phrase's articles apart, and an article a query needs is lost when a
/// list it is on was cut. Pairs are also fewer per article than their
/// syllables' articles, so the files stay small.
pub const PAIR_POSTINGS_MAX: usize = 4_000;
/// The newest segment holds the articles past the last multiple of this
/// many; when the count reaches one, it joins the base (docs/search.md).
pub const TAIL_DOCS: u32 = 128;
/// Requests a query of up to four words makes: its shards in both
/// segments, then the rows of the first screen.
pub const REQUESTS_MAX: usize = 16;

/// How many postings a term keeps: the best ones ([`Postings::cap`]).
pub fn cap_of(term: &str) -> usize {
    if term.contains(' ') {
        PAIR_POSTINGS_MAX
    } else {
        POSTINGS_MAX
    }
}

/// Field bits of a posting.
pub const TITLE: u8 = 4;
pub const LEAD: u8 = 2;
pub const BODY: u8 = 1;

/// A field set's weight: its best field (title 3, lead 2, body 1).
pub fn weight(fields: u8) -> u8 {
    if fields & TITLE != 0 {
        3
    } else if fields & LEAD != 0 {
        2
    } else {
        u8::from(fields & BODY != 0)
    }
}

/// `search.json`: the current index, its segments newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchIndex {
    pub docs: u32,
    pub segments: Vec<Segment>,
}

/// One segment's shards, under its version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    /// Content hash of the segment's shards: its files live under it and
    /// never change, so a reader never mixes two builds' shards.
    pub version: String,
    pub shards: u32,
    /// Terms are spread by their first syllable, so a pair lives with it:
    /// a query needs no more of this segment's files than it has words
    /// (the tail; the base spreads by the whole term, which keeps its
    /// larger files even).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub by_syllable: bool,
}

impl Segment {
    /// The shard file that holds a term in this segment.
    pub fn shard_of(&self, term: &str) -> u32 {
        shard_of(self.key(term), self.shards)
    }

    /// What the term is spread by.
    pub fn key<'t>(&self, term: &'t str) -> &'t str {
        match term.split_once(' ') {
            Some((first, _)) if self.by_syllable => first,
            _ => term,
        }
    }

    /// The shard files a query's terms live in, each once, in the terms' order.
    pub fn shards_of(&self, terms: &[String]) -> Vec<u32> {
        let mut out = Vec::new();
        for term in terms {
            let n = self.shard_of(term);
            if !out.contains(&n) {
                out.push(n);
            }
        }
        out
    }
}

/// A result row as the results list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchRow {
    pub title: String,
    pub path: String,
    pub category: String,
    /// `05/07/2024`, Vietnam time.
    pub date: String,
    pub excerpt: String,
}

/// One term in a shard file: its written forms and its postings, as
/// pairs (doc − previous doc, fields | forms << 3), docs ascending.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermEntry {
    pub v: Vec<String>,
    pub p: Vec<u32>,
    /// In the tail: the base's postings of this term whose [`cap_key`] is
    /// below this are not among the term's best (the tail's displace
    /// them). Absent: all are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub c: Option<u64>,
}

/// An article's share of a term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    pub doc: u32,
    pub fields: u8,
    /// Bit i: the article has the term's written form i.
    pub forms: u8,
}

/// A decoded term.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Postings {
    pub forms: Vec<String>,
    pub list: Vec<Posting>,
    /// The older segment's postings below this [`cap_key`] are cut.
    pub cut: u64,
}

impl Postings {
    /// Adds an article's share of the term (docs in ascending order). Its
    /// written forms join the term's; those past [`FORMS_MAX`] are not
    /// told apart.
    pub fn add(&mut self, doc: u32, term: DocTerm) {
        let mut forms = 0u8;
        for form in &term.forms {
            if let Some(i) = self.form_index(form) {
                forms |= 1 << i;
            }
        }
        self.list.push(Posting {
            doc,
            fields: term.fields,
            forms,
        });
    }

    /// The index of a written form among the term's, added when new;
    /// `None` past [`FORMS_MAX`].
    pub fn form_index(&mut self, form: &str) -> Option<usize> {
        match self.forms.iter().position(|f| f == form) {
            Some(i) => Some(i),
            None if self.forms.len() < FORMS_MAX => {
                self.forms.push(form.to_owned());
                Some(self.forms.len() - 1)
            }
            None => None,
        }
    }

    /// Takes in the base's postings of the same term: those the tail's
    /// cut leaves. The tail's written forms begin with the base's (the
    /// indexer numbers them so), so the base's form bits hold as they are.
    pub fn join_older(&mut self, older: Postings) {
        let cut = self.cut;
        self.list
            .extend(older.list.into_iter().filter(|p| cap_key(p) >= cut));
    }

    /// Keeps the best `cap` postings (title before lead before body, newer
    /// first), in doc order.
    pub fn cap(&mut self, cap: usize) {
        let packed = |p: &Posting| cap_key(p) << 16 | u64::from(p.fields) << 8 | u64::from(p.forms);
        let mut keys: Vec<u64> = self.list.iter().map(packed).collect();
        keys.sort_unstable();
        keys.reverse();
        keys.truncate(cap);
        for k in &mut keys {
            // The doc's bits first, the weight's dropped: doc order.
            *k &= (1 << 48) - 1;
        }
        keys.sort_unstable();
        self.list = keys
            .iter()
            .map(|k| Posting {
                doc: (k >> 16) as u32,
                fields: (k >> 8) as u8,
                forms: *k as u8,
            })
            .collect();
    }

    /// Postings must be sorted by doc.
    pub fn encode(&self) -> TermEntry {
        let mut p = Vec::with_capacity(self.list.len() * 2);
        let mut previous = 0;
        for posting in &self.list {
            p.push(posting.doc - previous);
            p.push(u32::from(posting.fields) | u32::from(posting.forms) << 3);
            previous = posting.doc;
        }
        TermEntry {
            v: self.forms.clone(),
            p,
            c: (self.cut > 0).then_some(self.cut),
        }
    }
}

/// How a posting ranks for a term's cap: its weight, then newer first.
pub fn cap_key(p: &Posting) -> u64 {
    u64::from(weight(p.fields)) << 32 | u64::from(p.doc)
}

impl TermEntry {
    pub fn decode(self) -> Postings {
        let mut doc = 0u32;
        let list = self
            .p
            .chunks_exact(2)
            .map(|pair| {
                doc = doc.saturating_add(pair[0]);
                Posting {
                    doc,
                    fields: (pair[1] & 7) as u8,
                    forms: (pair[1] >> 3) as u8,
                }
            })
            .collect();
        Postings {
            forms: self.v,
            list,
            cut: self.c.unwrap_or(0),
        }
    }
}

/// What an article has of a term: its fields and written forms.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocTerm {
    pub fields: u8,
    pub forms: Vec<String>,
}

/// Fields whose adjacent syllables are also indexed as pairs: the title
/// and the lead, where a phrase says what the article is about. The body
/// is matched by its syllables (pairs of every body would make the index
/// several times larger and its build several times slower).
pub const PAIR_FIELDS: u8 = TITLE | LEAD;

/// An article's fields as the index reads them: title, lead, paragraphs.
pub fn article_fields(article: &crate::Article) -> Vec<(u8, &str)> {
    let mut fields = vec![
        (TITLE, article.title.as_str()),
        (LEAD, article.lead.as_str()),
    ];
    fields.extend(article.body.iter().map(|p| (BODY, p.as_str())));
    fields
}

/// A pair term: two folded syllables (or written forms) and a space.
fn pair_term(first: &str, second: &str) -> String {
    format!("{first} {second}")
}

/// The terms of one article's fields (text already NFC), added to `out`.
/// Allocates only for a term or form new to the article.
pub fn doc_terms<S: BuildHasher>(fields: &[(u8, &str)], out: &mut HashMap<String, DocTerm, S>) {
    each_term(fields, |term, form, field| {
        let entry = match out.get_mut(term) {
            Some(entry) => entry,
            None => out.entry(term.to_owned()).or_default(),
        };
        entry.fields |= field;
        if !entry.forms.iter().any(|f| f == form) {
            entry.forms.push(form.to_owned());
        }
    });
}

/// Calls `found(term, written form, field)` for every term occurrence of
/// an article's fields (text already NFC), in order: each syllable, and in
/// the title and lead each pair, before its second syllable. Allocates
/// nothing per occurrence: the indexer keeps its own tables.
pub fn each_term(fields: &[(u8, &str)], mut found: impl FnMut(&str, &str, u8)) {
    let (mut folded, mut form) = (String::new(), String::new());
    let (mut previous, mut previous_form) = (String::new(), String::new());
    let (mut pair, mut pair_form) = (String::new(), String::new());
    for &(field, text) in fields {
        let pairs = field & PAIR_FIELDS != 0;
        let mut first = true;
        for (start, end) in syllables(text) {
            let syllable = &text[start..end];
            folded.clear();
            fold_into(syllable, &mut folded);
            form.clear();
            if syllable.is_ascii() {
                // Lower case is the folded form: no second pass.
                form.push_str(&folded);
            } else {
                lower_into(syllable, &mut form);
            }
            if pairs && !first {
                for (buffer, a, b) in [
                    (&mut pair, &previous, &folded),
                    (&mut pair_form, &previous_form, &form),
                ] {
                    buffer.clear();
                    buffer.push_str(a);
                    buffer.push(' ');
                    buffer.push_str(b);
                }
                found(&pair, &pair_form, field);
            }
            found(&folded, &form, field);
            // This syllable is the next one's first of a pair.
            std::mem::swap(&mut previous, &mut folded);
            std::mem::swap(&mut previous_form, &mut form);
            first = false;
        }
    }
}

/// A syllable of a query: folded, and as typed (lower case, NFC).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub folded: String,
    pub typed: String,
}

/// The query cut to [`QUERY_MAX_CHARS`], as text (the app shows this).
pub fn cut_query(query: &str) -> &str {
    match query.char_indices().nth(QUERY_MAX_CHARS) {
        Some((i, _)) => &query[..i],
        None => query,
    }
}

/// The syllables of a query (already NFC), at most [`QUERY_MAX_WORDS`].
pub fn words(query: &str) -> Vec<Word> {
    let query = cut_query(query);
    syllables(query)
        .take(QUERY_MAX_WORDS)
        .map(|(s, e)| Word {
            folded: fold(&query[s..e]),
            typed: lower(&query[s..e]),
        })
        .collect()
}

/// The terms a query needs: its folded syllables and adjacent pairs, each once.
pub fn query_terms(words: &[Word]) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    let mut push = |t: String| {
        if !terms.contains(&t) {
            terms.push(t);
        }
    };
    for w in words {
        push(w.folded.clone());
    }
    for pair in words.windows(2) {
        push(pair_term(&pair[0].folded, &pair[1].folded));
    }
    terms
}

/// The spans of `text` to mark for a query: its syllables that fold to
/// one of the query's, so marks fall on the original text.
pub fn marks(text: &str, words: &[Word]) -> Vec<(usize, usize)> {
    syllables(text)
        .filter(|&(s, e)| {
            let folded = fold(&text[s..e]);
            words.iter().any(|w| w.folded == folded)
        })
        .collect()
}

/// How many results the first screen shows: what keeps a query within
/// [`REQUESTS_MAX`] requests after its shards (5 to 10).
pub fn first_results(shard_requests: usize) -> usize {
    REQUESTS_MAX.saturating_sub(shard_requests).clamp(5, 10)
}

/// The shard file that holds a term: FNV-1a of its bytes, modulo the count.
pub fn shard_of(term: &str, shards: u32) -> u32 {
    crate::fnv::fnv1a_32(term.as_bytes()) % shards.max(1)
}

/// The row files that hold `docs`, each once, in the docs' order.
pub fn row_files(docs: &[u32]) -> Vec<u32> {
    let mut out = Vec::new();
    for doc in docs {
        let n = doc / ROWS_PER_FILE as u32;
        if !out.contains(&n) {
            out.push(n);
        }
    }
    out
}

/// The matching articles, best first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranking {
    pub docs: Vec<u32>,
    /// Every syllable matched; when false, `docs` are the best partial matches.
    pub complete: bool,
}

/// Ranks articles for a query: those with every syllable (folded) first,
/// only them when there are any; then a phrase (pair) beats scattered
/// syllables, a title beats a lead beats the body, the typed diacritics
/// beat other forms, and newer (higher doc) wins ties.
///
/// Written with packed integers and one sort rather than a map and a
/// comparator: it runs in the app, where each generic instance weighs.
pub fn rank<'a>(words: &[Word], lookup: impl Fn(&str) -> Option<&'a Postings>) -> Ranking {
    // Distinct syllables, each one bit (at most QUERY_MAX_WORDS).
    let mut syllables: Vec<&Word> = Vec::new();
    for w in words {
        if !syllables.iter().any(|s| s.folded == w.folded) {
            syllables.push(w);
        }
    }
    if syllables.is_empty() {
        return Ranking {
            docs: Vec::new(),
            complete: true,
        };
    }
    let mut hits = query_hits(words, &syllables, &lookup);
    hits.sort_unstable();
    let (mut keys, complete) = doc_keys(&hits, (1u64 << syllables.len()) - 1);
    keys.sort_unstable();
    let docs = keys
        .iter()
        .rev()
        .filter(|k| !complete || (*k >> 59) & 1 == 1)
        .map(|k| (k & DOC_MASK) as u32)
        .collect();
    Ranking { docs, complete }
}

/// One entry per (doc, term) of the query's syllables and pairs:
/// doc << 32 | syllable bits << 16 | phrase << 12 | weight << 4 | exact.
fn query_hits<'a>(
    words: &[Word],
    syllables: &[&Word],
    lookup: &impl Fn(&str) -> Option<&'a Postings>,
) -> Vec<u64> {
    let bit = |folded: &str| {
        syllables
            .iter()
            .position(|s| s.folded == folded)
            .map_or(0, |i| 1u64 << i)
    };
    let marked = words.iter().any(|w| w.typed != w.folded);
    let mut hits: Vec<u64> = Vec::new();
    let mut visit = |term: &str, typed: &str, bits: u64, phrase: bool| {
        let Some(postings) = lookup(term) else {
            return;
        };
        // A query typed without any mark says nothing about them: no
        // written form is preferred (else `thi xa` would rank a literal
        // `thi` first).
        let form = marked
            .then(|| postings.forms.iter().position(|f| f == typed))
            .flatten();
        for p in &postings.list {
            let exact = form.is_some_and(|i| i < FORMS_MAX && p.forms & (1 << i) != 0);
            hits.push(
                u64::from(p.doc) << 32
                    | bits << 16
                    | u64::from(phrase) << 12
                    | u64::from(weight(p.fields)) << 4
                    | u64::from(exact),
            );
        }
    };
    for s in syllables {
        visit(&s.folded, &s.typed, bit(&s.folded), false);
    }
    let mut pairs_seen: Vec<String> = Vec::new();
    for pair in words.windows(2) {
        let term = pair_term(&pair[0].folded, &pair[1].folded);
        if pair[0].folded == pair[1].folded || pairs_seen.contains(&term) {
            continue;
        }
        let typed = pair_term(&pair[0].typed, &pair[1].typed);
        // An article with the pair has both syllables, even where a
        // frequent syllable's own list was cut.
        visit(
            &term,
            &typed,
            bit(&pair[0].folded) | bit(&pair[1].folded),
            true,
        );
        pairs_seen.push(term);
    }
    hits
}

/// Per doc of the sorted `hits`, a key that sorts best first: matched
/// count, phrases, weight, exact, then newer (higher doc); and
/// whether any doc has `all` the syllables.
fn doc_keys(hits: &[u64], all: u64) -> (Vec<u64>, bool) {
    let mut keys: Vec<u64> = Vec::new();
    let mut complete = false;
    let mut i = 0;
    while i < hits.len() {
        let doc = hits[i] >> 32;
        let (mut seen, mut phrases, mut weight, mut exact) = (0u64, 0u64, 0u64, 0u64);
        while i < hits.len() && hits[i] >> 32 == doc {
            let h = hits[i];
            seen |= (h >> 16) & 0xffff;
            phrases += (h >> 12) & 1;
            weight += (h >> 4) & 0xff;
            exact += h & 1;
            i += 1;
        }
        complete |= seen == all;
        keys.push(
            u64::from(seen.count_ones()) << 60
                | u64::from(seen == all) << 59
                | phrases.min(15) << 55
                | weight.min(0x3f) << 49
                | exact.min(15) << 45
                | doc.min(DOC_MASK),
        );
    }
    (keys, complete)
}

/// Docs a ranking can tell apart (the build numbers at most this many).
pub const DOC_MASK: u64 = (1 << 45) - 1;

#[cfg(test)]
mod tests;
