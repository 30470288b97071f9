use bantin_views::{FontSizeControl, FONT_SCALE_DEFAULT};
use leptos::prelude::*;

/// The A−/A+ control as every document has it: the start script applies
/// the reader's stored size to it and runs its buttons
/// (`crates/publish/src/js/start.js`).
#[component]
pub fn ReaderFont() -> impl IntoView {
    view! { <FontSizeControl index=RwSignal::new(FONT_SCALE_DEFAULT) /> }
}
