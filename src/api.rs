//! All data fetching: the static JSON API of design §5, typed.

use std::cell::RefCell;
use std::sync::Arc;

use bantin_model::{paths, Site};
use gloo_net::http::Request;
use leptos::prelude::on_cleanup;
use send_wrapper::SendWrapper;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsCast;

/// Why data could not be had. The cause is kept for the console.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ApiError {
    #[error("không tìm thấy dữ liệu")]
    NotFound,
    #[error("không kết nối được tới máy chủ")]
    Network(#[source] Arc<gloo_net::Error>),
    #[error("máy chủ trả lỗi {0}")]
    Status(u16),
    #[error("dữ liệu nhận được bị hỏng")]
    BadData(#[source] DecodeError),
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

pub async fn site() -> Result<Site, ApiError> {
    get(&paths::site()).await
}

/// The attribute of a document's data block naming the API file it holds
/// (`<script type="application/json" data-bantin-api="/api/v1/…">`).
pub const DATA_ATTR: &str = "data-bantin-api";

thread_local! {
    /// API files the document carried (see `preload_from_document`), by path.
    static PRELOADED: RefCell<Vec<(String, String)>> = const { RefCell::new(Vec::new()) };
}

/// Reads the data blocks `bantin build` puts in each document, so that the
/// first render uses them instead of fetching the same files again.
pub fn preload_from_document() {
    let document = leptos::prelude::document();
    let Ok(blocks) = document.query_selector_all(&format!("script[{DATA_ATTR}]")) else {
        return;
    };
    for i in 0..blocks.length() {
        let Some(block) = blocks
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        if let (Some(path), Some(text)) = (block.get_attribute(DATA_ATTR), block.text_content()) {
            preload(path, text);
        }
    }
}

/// Makes an API file's text available without a request: from the
/// document's data blocks in the browser, from the build when it renders
/// the app natively.
pub fn preload(path: String, text: String) {
    PRELOADED.with_borrow_mut(|preloaded| preloaded.push((path, text)));
}

/// Forgets every preloaded file (the build renders one document after another).
pub fn clear_preloaded() {
    PRELOADED.with_borrow_mut(Vec::clear);
}

/// A preloaded file, once: a retry fetches from the network.
fn take_preloaded(path: &str) -> Option<String> {
    PRELOADED.with_borrow_mut(|preloaded| {
        let index = preloaded.iter().position(|(p, _)| p == path)?;
        Some(preloaded.swap_remove(index).1)
    })
}

/// Whether every data block the document carries decodes as the API file
/// it names. Hydration adopts the pre-rendered page only with the data it
/// was rendered from: with a block that does not decode (a proxy that cut
/// the document, an edit by hand), the app renders afresh and fetches.
pub fn preloaded_data_is_sound() -> bool {
    PRELOADED.with_borrow(|preloaded| {
        preloaded
            .iter()
            .all(|(path, text)| decodes_as_named(path, text))
    })
}

fn decodes_as_named(path: &str, text: &str) -> bool {
    use bantin_model::{Article, ArticleSummary, Home, Page};
    let kind = path.strip_prefix(bantin_model::API_BASE).unwrap_or(path);
    if kind == "/site.json" {
        parse::<Site>(text).is_ok()
    } else if kind == "/home.json" {
        parse::<Home>(text).is_ok()
    } else if kind.starts_with("/articles/") {
        parse::<Article>(text).is_ok()
    } else if kind.starts_with("/categories/") || kind.starts_with("/latest/") {
        parse::<Page<ArticleSummary>>(text).is_ok()
    } else {
        // A file no page reads: it cannot break hydration.
        true
    }
}

/// A preloaded file, decoded, for a page's first render: what the build
/// rendered into the document is what the browser hydrates. Bad data is
/// left to the request, which reports it.
pub fn preloaded<T: DeserializeOwned>(path: &str) -> Option<T> {
    take_preloaded(path).and_then(|text| parse(&text).ok())
}

/// An API file from the network (what the document carried is read
/// synchronously, with [`preloaded`], before it comes to this).
pub async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    parse(&fetch_text(path).await?)
}

/// The request itself, kept apart from the generic decoding so that the
/// bundle holds one copy of it rather than one per response type.
async fn fetch_text(path: &str) -> Result<String, ApiError> {
    // Abort the request when the page that asked for it goes away.
    let controller = SendWrapper::new(web_sys::AbortController::new().ok());
    let signal = controller.as_ref().map(|c| c.signal());
    on_cleanup(move || {
        if let Some(controller) = controller.take() {
            controller.abort();
        }
    });
    let response = Request::get(path)
        .abort_signal(signal.as_ref())
        .send()
        .await
        .map_err(|e| ApiError::Network(Arc::new(e)))?;
    match response.status() {
        200..=299 => {}
        404 => return Err(ApiError::NotFound),
        status => return Err(ApiError::Status(status)),
    }
    response
        .text()
        .await
        .map_err(|e| ApiError::Network(Arc::new(e)))
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
