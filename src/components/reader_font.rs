use bantin_views::{
    FontSizeControl, FONT_SCALES, FONT_SCALE_DEFAULT as DEFAULT, FONT_SCALE_KEY as KEY,
};
use leptos::prelude::*;

fn storage() -> Option<web_sys::Storage> {
    // Rendered natively by the build, there is no browser to ask.
    if cfg!(feature = "ssr") {
        return None;
    }
    web_sys::window()?.local_storage().ok().flatten()
}

/// The stored index, if it is a valid one.
pub fn parse_index(stored: Option<String>) -> usize {
    stored
        .and_then(|s| s.parse::<usize>().ok())
        .filter(|&i| i < FONT_SCALES.len())
        .unwrap_or(DEFAULT)
}

/// The reader's chosen text size, an index into `FONT_SCALES`. It lives
/// with the app, not the page, so a page that re-renders keeps it.
#[derive(Clone, Copy)]
pub struct ReaderScale(RwSignal<usize>);

/// Creates the reader's text size (from `localStorage`), applies it to the
/// page as the `--reader-scale` custom property and remembers changes.
pub fn provide_reader_scale() -> ReaderScale {
    let index = RwSignal::new(parse_index(
        storage().and_then(|s| s.get_item(KEY).ok().flatten()),
    ));
    Effect::new(move || {
        let i = index.get();
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let style = format!("--reader-scale: {}", FONT_SCALES[i]);
            let _ = root.set_attribute("style", &style);
        }
        if let Some(storage) = storage() {
            // Private browsing may refuse; the size still applies now.
            let _ = storage.set_item(KEY, &i.to_string());
        }
    });
    let scale = ReaderScale(index);
    provide_context(scale);
    scale
}

/// The A−/A+ control over the app's [`ReaderScale`] (created here when the
/// control is used on its own).
#[component]
pub fn ReaderFont() -> impl IntoView {
    let ReaderScale(index) = use_context::<ReaderScale>().unwrap_or_else(provide_reader_scale);
    view! { <FontSizeControl index /> }
}
