//! All data fetching: the static JSON API of design §5, typed.

use std::sync::Arc;

use bantin_model::{paths, Article, ArticleSummary, Home, Page, Site};
use gloo_net::http::Request;
use leptos::prelude::on_cleanup;
use send_wrapper::SendWrapper;
use serde::de::DeserializeOwned;

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
    BadData(#[source] Arc<serde_json::Error>),
}

impl ApiError {
    pub fn is_not_found(&self) -> bool {
        matches!(self, ApiError::NotFound)
    }
}

pub async fn site() -> Result<Site, ApiError> {
    get(&paths::site()).await
}

pub async fn home() -> Result<Home, ApiError> {
    get(&paths::home()).await
}

pub async fn category(slug: String, page: usize) -> Result<Page<ArticleSummary>, ApiError> {
    get(&paths::category(&slug, page)).await
}

pub async fn article(id: u32) -> Result<Article, ApiError> {
    get(&paths::article(id)).await
}

async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
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
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, ApiError> {
    serde_json::from_str(text).map_err(|e| ApiError::BadData(Arc::new(e)))
}
