//! The static JSON API of docs/architecture.md, “Static API”, typed: the
//! files the build renders each page from, and the search island's fetching.

use std::cell::RefCell;

use leptos::prelude::{use_context, LocalStorage, StoredValue, UpdateValue};

use bantin_model::paths;
use bantin_model::search::{
    first_results, query_terms, rank, row_files, Postings, Ranking, SearchRow, Segment, TermEntry,
    Word, ROWS_PER_FILE,
};
use futures_util::future::{FutureExt, LocalBoxFuture, Shared};
use serde::de::DeserializeOwned;
use wasm_bindgen::JsCast;

use crate::page_cache::{self, PageCache};

/// Why data could not be had. The cause is kept for the console.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ApiError {
    #[error("không tìm thấy dữ liệu")]
    NotFound,
    #[error("không kết nối được tới máy chủ")]
    Network(#[source] FetchError),
    #[error("máy chủ trả lỗi {0}")]
    Status(u16),
    #[error("dữ liệu nhận được bị hỏng")]
    BadData(#[source] DecodeError),
}

/// Why a request failed, as the browser said it (`fetch`'s `TypeError`).
/// Only the message is kept.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{0}")]
pub struct FetchError(String);

impl From<wasm_bindgen::JsValue> for FetchError {
    fn from(error: wasm_bindgen::JsValue) -> FetchError {
        FetchError(js_sys::Error::from(error).message().into())
    }
}

/// Why a response could not be decoded (the decoder's own message).
#[derive(Debug, Clone, thiserror::Error)]
#[error("{0}")]
pub struct DecodeError(String);

impl ApiError {
    pub fn is_not_found(&self) -> bool {
        matches!(self, ApiError::NotFound)
    }
}

/// The API files a page is rendered from, by path: the build's data. `App`
/// gives it to its pages as context, so every render has its own.
#[derive(Clone, Copy)]
pub struct Preloaded(StoredValue<Vec<(String, String)>, LocalStorage>);

impl Preloaded {
    pub fn new(files: Vec<(String, String)>) -> Preloaded {
        Preloaded(StoredValue::new_local(files))
    }

    /// A file's text, once.
    pub fn take(&self, path: &str) -> Option<String> {
        self.0
            .try_update_value(|files| {
                let index = files.iter().position(|(p, _)| p == path)?;
                Some(files.swap_remove(index).1)
            })
            .flatten()
    }
}

/// A preloaded file, decoded; `None` when it is not there or does not
/// decode (the page is then not found).
pub fn preloaded<T: DeserializeOwned>(path: &str) -> Option<T> {
    preloaded_text(path).and_then(|text| parse(&text).ok())
}

fn preloaded_text(path: &str) -> Option<String> {
    use_context::<Preloaded>()?.take(path)
}

/// A search file already fetched (typing asks for the same ones again).
fn cached_text(path: &str) -> Option<String> {
    CACHE.with_borrow_mut(|cache| cache.get(path, now()))
}

fn now() -> f64 {
    js_sys::Date::now()
}

/// How many requests this page has made for API files (for tests: one
/// per file, however many ask at once).
pub fn requests_made() -> usize {
    REQUESTS.get()
}

/// A request on its way, which every caller of the same file awaits.
type InFlight = Shared<LocalBoxFuture<'static, Result<String, ApiError>>>;

thread_local! {
    static CACHE: RefCell<PageCache> =
        const { RefCell::new(PageCache::new(page_cache::MAX_ENTRIES, page_cache::MAX_BYTES, page_cache::MAX_AGE_MS)) };
    /// A handful at a time: a list is lighter in the bundle than a map.
    static IN_FLIGHT: RefCell<Vec<(String, InFlight)>> = const { RefCell::new(Vec::new()) };
    static REQUESTS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// The text of an API file: from the cache, else from the network — one
/// request per file at a time, however many ask for it.
pub async fn get_text(path: &str) -> Result<String, ApiError> {
    if let Some(text) = cached_text(path) {
        return Ok(text);
    }
    let request = IN_FLIGHT.with_borrow_mut(|in_flight| {
        if let Some((_, request)) = in_flight.iter().find(|(p, _)| p == path) {
            return request.clone();
        }
        let owned = path.to_owned();
        let request = async move { fetch_text(&owned).await }
            .boxed_local()
            .shared();
        in_flight.push((path.to_owned(), request.clone()));
        request
    });
    let result = request.clone().await;
    IN_FLIGHT.with_borrow_mut(|in_flight| {
        in_flight.retain(|(p, r)| !(p == path && r.ptr_eq(&request)));
    });
    // Failures are not kept: the next ask goes to the network again.
    if let Ok(text) = &result {
        CACHE.with_borrow_mut(|cache| cache.put(path, text, now()));
    }
    result
}

/// The request itself. The browser's `fetch` directly, not gloo-net's builder: a GET and its
/// text is all the app asks, and the builder's types cost the bundle more
/// (docs/size-analysis.md).
async fn fetch_text(path: &str) -> Result<String, ApiError> {
    use wasm_bindgen_futures::JsFuture;
    REQUESTS.set(REQUESTS.get() + 1);
    let failed = |e: wasm_bindgen::JsValue| ApiError::Network(e.into());
    let response: web_sys::Response =
        JsFuture::from(leptos::prelude::window().fetch_with_str(path))
            .await
            .map_err(failed)?
            .unchecked_into();
    match response.status() {
        200..=299 => {}
        404 => return Err(ApiError::NotFound),
        status => return Err(ApiError::Status(status)),
    }
    let text = JsFuture::from(response.text().map_err(failed)?)
        .await
        .map_err(failed)?;
    Ok(text.as_string().unwrap_or_default())
}

/// Decodes a response body; bad data is an error value, never a panic.
/// In the browser, `JSON.parse` does the parsing: the bundle carries no
/// JSON parser of its own.
#[cfg(target_arch = "wasm32")]
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, ApiError> {
    let bad = |message: String| ApiError::BadData(DecodeError(message));
    let value = js_sys::JSON::parse(text).map_err(|_| bad("not JSON".to_owned()))?;
    serde_wasm_bindgen::from_value(value).map_err(|e| bad(e.to_string()))
}

/// Decodes a response body (natively, where the build renders the app).
#[cfg(not(target_arch = "wasm32"))]
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, ApiError> {
    serde_json::from_str(text).map_err(|e| ApiError::BadData(DecodeError(e.to_string())))
}

/// What a query found: the ranking, and the rows of its first `shown`
/// results.
#[derive(Debug, Clone)]
pub struct Found {
    pub ranking: Ranking,
    pub rows: Vec<SearchRow>,
}

/// Runs a query on the site's static index: the shards its terms live in,
/// in every segment (one request each, all at once), then the row files of
/// the results shown. `shown`: how many; `None` for the first screen's
/// share of the requests.
pub async fn search(words: &[Word], shown: Option<usize>) -> Result<Found, ApiError> {
    let segments = search_segments(&get_text(&paths::search_index()).await?)?;
    let terms = query_terms(words);
    // (segment, shard), one per file, newest segment first.
    let mut files: Vec<(&Segment, u32)> = Vec::new();
    let mut shard_paths: Vec<String> = Vec::new();
    for segment in &segments {
        for n in segment.shards_of(&terms) {
            files.push((segment, n));
            shard_paths.push(paths::search_shard(&segment.version, n));
        }
    }
    let shard_texts = texts(shard_paths).await?;
    let mut postings: Vec<(String, Postings)> = Vec::new();
    for (&(segment, n), text) in files.iter().zip(shard_texts) {
        let wanted: Vec<&String> = terms.iter().filter(|t| segment.shard_of(t) == n).collect();
        for (term, entry) in shard_terms(&text, &wanted)? {
            let older = entry.decode();
            match postings.iter_mut().find(|(t, _)| *t == term) {
                Some((_, newer)) => newer.join_older(older),
                None => postings.push((term, older)),
            }
        }
    }
    let ranking = rank(words, |t| {
        postings.iter().find(|(term, _)| term == t).map(|(_, p)| p)
    });
    let shown = shown.unwrap_or_else(|| first_results(files.len()));
    let docs = &ranking.docs[..shown.min(ranking.docs.len())];
    let row_numbers = row_files(docs);
    let row_paths = row_numbers.iter().map(|&n| paths::search_rows(n)).collect();
    let mut by_file: Vec<Vec<SearchRow>> = Vec::new();
    for text in texts(row_paths).await? {
        by_file.push(search_rows(&text)?);
    }
    let mut rows = Vec::new();
    for d in docs {
        let file = row_numbers
            .iter()
            .position(|&n| n == d / ROWS_PER_FILE as u32);
        let row = file.and_then(|f| by_file[f].get(*d as usize % ROWS_PER_FILE));
        rows.push(row.cloned().ok_or_else(bad_search)?);
    }
    Ok(Found { ranking, rows })
}

/// What a search file that does not decode gives (one message for all:
/// each costs the bundle).
fn bad_search() -> ApiError {
    ApiError::BadData(DecodeError("a search file does not decode".to_owned()))
}

/// A field of a parsed JSON object.
#[cfg(target_arch = "wasm32")]
fn js_field(from: &wasm_bindgen::JsValue, name: &str) -> Option<wasm_bindgen::JsValue> {
    js_sys::Reflect::get(from, &wasm_bindgen::JsValue::from_str(name)).ok()
}

/// The segments `search.json` names, newest first. In the browser read
/// directly (lighter in the bundle than a serde decoder for two types;
/// loops, not `collect` into an `Option`, which is a generic instance more
/// per closure).
#[cfg(target_arch = "wasm32")]
fn search_segments(text: &str) -> Result<Vec<Segment>, ApiError> {
    let mut out = Vec::new();
    for s in js_array(js_sys::JSON::parse(text).ok(), "segments")?.iter() {
        let field = |name| js_field(&s, name);
        out.push(Segment {
            version: field("version")
                .and_then(|v| v.as_string())
                .ok_or_else(bad_search)?,
            shards: field("shards")
                .and_then(|v| v.as_f64())
                .ok_or_else(bad_search)? as u32,
            by_syllable: field("by_syllable").is_some_and(|b| b.is_truthy()),
        });
    }
    Ok(out)
}

/// An array: `name` of a parsed object, or the value itself without one.
#[cfg(target_arch = "wasm32")]
fn js_array(value: Option<wasm_bindgen::JsValue>, name: &str) -> Result<js_sys::Array, ApiError> {
    let value = if name.is_empty() {
        value
    } else {
        value.and_then(|v| js_field(&v, name))
    };
    value
        .and_then(|v| v.dyn_into::<js_sys::Array>().ok())
        .ok_or_else(bad_search)
}

/// A file of result rows. In the browser read directly, as the index is.
#[cfg(target_arch = "wasm32")]
fn search_rows(text: &str) -> Result<Vec<SearchRow>, ApiError> {
    let mut out = Vec::new();
    for r in js_array(js_sys::JSON::parse(text).ok(), "")?.iter() {
        let text = |name| {
            js_field(&r, name)
                .and_then(|v| v.as_string())
                .ok_or_else(bad_search)
        };
        out.push(SearchRow {
            title: text("title")?,
            path: text("path")?,
            category: text("category")?,
            date: text("date")?,
            excerpt: text("excerpt")?,
        });
    }
    Ok(out)
}

#[cfg(not(target_arch = "wasm32"))]
fn search_rows(text: &str) -> Result<Vec<SearchRow>, ApiError> {
    parse(text)
}

#[cfg(not(target_arch = "wasm32"))]
fn search_segments(text: &str) -> Result<Vec<Segment>, ApiError> {
    parse::<bantin_model::search::SearchIndex>(text).map(|index| index.segments)
}

/// Several files: all requested at once (each once, however many wait for
/// it), then read in turn.
async fn texts(paths: Vec<String>) -> Result<Vec<String>, ApiError> {
    for path in &paths {
        let path = path.clone();
        // Each one's failure is the read's below.
        crate::spawn(async move {
            let _ = get_text(&path).await;
        });
    }
    let mut texts = Vec::with_capacity(paths.len());
    for path in &paths {
        texts.push(get_text(path).await?);
    }
    Ok(texts)
}

/// The entries of `wanted` terms in a shard file. In the browser the
/// browser parses the file and only those entries are decoded.
#[cfg(target_arch = "wasm32")]
fn shard_terms(text: &str, wanted: &[&String]) -> Result<Vec<(String, TermEntry)>, ApiError> {
    let shard = js_sys::JSON::parse(text).map_err(|_| bad_search())?;
    let mut out = Vec::new();
    for term in wanted {
        let entry = js_field(&shard, term).ok_or_else(bad_search)?;
        if entry.is_undefined() {
            continue;
        }
        // Two arrays, read directly (lighter in the bundle than a serde
        // decoder for one more type).
        let mut v = Vec::new();
        for f in js_array(Some(entry.clone()), "v")?.iter() {
            v.push(f.as_string().ok_or_else(bad_search)?);
        }
        let mut p = Vec::new();
        for n in js_array(Some(entry.clone()), "p")?.iter() {
            p.push(n.as_f64().ok_or_else(bad_search)? as u32);
        }
        let c = js_field(&entry, "c")
            .and_then(|c| c.as_f64())
            .map(|c| c as u64);
        out.push(((*term).clone(), TermEntry { v, p, c }));
    }
    Ok(out)
}

#[cfg(not(target_arch = "wasm32"))]
fn shard_terms(text: &str, wanted: &[&String]) -> Result<Vec<(String, TermEntry)>, ApiError> {
    let mut shard: std::collections::HashMap<String, TermEntry> = parse(text)?;
    Ok(wanted
        .iter()
        .filter_map(|t| shard.remove(t.as_str()).map(|e| ((*t).clone(), e)))
        .collect())
}
