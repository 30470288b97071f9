//! The reader's headline list, as the app renders it, driven from the
//! benchmark page: `load` the items once, then for each timed run `prepare`
//! (outside the timing: the component takes its items by value), `render`
//! (timed) and `clear`.

use std::any::Any;
use std::cell::RefCell;

use bantin_model::ArticleSummary;
use bantin_views::HeadlineList;
use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

thread_local! {
    static ITEMS: RefCell<Vec<ArticleSummary>> = const { RefCell::new(Vec::new()) };
    static NEXT: RefCell<Option<Vec<ArticleSummary>>> = const { RefCell::new(None) };
    // The mounted list; dropping it unmounts it.
    static MOUNTED: RefCell<Option<Box<dyn Any>>> = const { RefCell::new(None) };
}

/// Parses the items (the API's JSON array of article summaries).
#[wasm_bindgen]
pub fn load(json: &str) -> Result<usize, JsError> {
    let items: Vec<ArticleSummary> = serde_json::from_str(json)?;
    let count = items.len();
    ITEMS.with_borrow_mut(|all| *all = items);
    Ok(count)
}

/// Copies the items for the next `render`.
#[wasm_bindgen]
pub fn prepare() {
    let items = ITEMS.with_borrow(Clone::clone);
    NEXT.with_borrow_mut(|next| *next = Some(items));
}

/// Mounts `HeadlineList` with the prepared items at the end of `parent`.
#[wasm_bindgen]
pub fn render(parent: web_sys::HtmlElement) -> Result<(), JsError> {
    let items = NEXT
        .with_borrow_mut(Option::take)
        .ok_or_else(|| JsError::new("call prepare() before render()"))?;
    let handle = mount_to(parent, move || view! { <HeadlineList items /> });
    MOUNTED.with_borrow_mut(|mounted| *mounted = Some(Box::new(handle)));
    Ok(())
}

/// Unmounts the list.
#[wasm_bindgen]
pub fn clear() {
    MOUNTED.with_borrow_mut(|mounted| mounted.take());
}
