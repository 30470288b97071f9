use std::cell::Cell;

use leptos::prelude::request_animation_frame;
use wasm_bindgen::JsCast;

thread_local! {
    static FIRST_PAGE_SHOWN: Cell<bool> = const { Cell::new(false) };
}

/// Moves focus to the page's `h1` when a page is shown after a client-side
/// navigation, so screen readers announce it; leaves the first page alone.
pub fn focus_heading_after_navigation() {
    // Back and Forward return to where the reader was, not to the heading.
    let restoring = crate::navigation::page_shown();
    if !FIRST_PAGE_SHOWN.with(|shown| shown.replace(true)) || restoring {
        return;
    }
    // After the frame, so that the new page has replaced the old one.
    // Refused only without a window, where there is nothing to focus.
    let _ = request_animation_frame(|| {
        let heading = leptos::prelude::document()
            .query_selector("main h1")
            .ok()
            .flatten()
            .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(heading) = heading {
            let _ = heading.focus();
        }
    });
}

/// [`focus_heading_after_navigation`] once the page is in the document:
/// one effect for every page (one copy in the bundle).
pub fn focus_when_shown() {
    leptos::prelude::Effect::new(|_| focus_heading_after_navigation());
}
