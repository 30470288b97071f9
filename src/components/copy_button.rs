use leptos::prelude::*;

/// The copy-link button and where it says whether it worked; the start
/// script copies (`crates/publish/src/js/islands.js`).
#[component]
pub fn CopyButton(label: &'static str) -> impl IntoView {
    view! {
        <button type="button" class="share-link">{label}</button>
        <span class="copy-status" role="status" aria-live="polite"></span>
    }
}
