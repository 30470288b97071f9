//! The reader's pages around `bantin-views`: rendered into every document
//! by the build (`App`, natively), and in the browser only the islands
//! among them (docs/architecture.md, "Islands").
// Leptos views are deeply nested types: the build's optimised native
// rendering (`--profile cli`) needs more depth than the default 128.
#![recursion_limit = "256"]

pub mod api;
mod app;
pub mod components;
pub mod page_cache;
pub mod pages;

pub use app::App;

/// Runs a future on the page's event loop. Every caller's future goes
/// through one boxed type: one copy of the task machinery in the bundle,
/// not one per call site.
pub fn spawn(future: impl std::future::Future<Output = ()> + 'static) {
    let boxed: std::pin::Pin<Box<dyn std::future::Future<Output = ()>>> = Box::pin(future);
    leptos::task::spawn_local(boxed);
}

/// The attribute on `<body>` naming the route a document was rendered for.
pub const ROUTE_ATTR: &str = "data-bantin-path";

/// Starts the islands in the browser: no app over the page, only its
/// islands hydrated, each by the function Leptos exports for it under the
/// name its element carries (docs/architecture.md, "Islands").
pub fn start() {
    #[cfg(feature = "hydrate")]
    {
        leptos::mount::hydrate_islands();
        hydrate_islands_when_started();
    }
}

// `window.bantinIslands(root)` hydrates the islands a document swap
// brought in; each island once.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen(
    inline_js = "export function hydrate_islands_when_started() {
const hydrate = (root) => {
for (const el of root.querySelectorAll('leptos-island')) {
const island = window.wasmBindings[el.dataset.component];
if (island && !el.bantinHydrated) { el.bantinHydrated = true; island(el); }
}
};
window.bantinIslands = hydrate;
addEventListener('TrunkApplicationStarted', () => hydrate(document), { once: true });
}"
)]
extern "C" {
    fn hydrate_islands_when_started();
}

#[cfg(test)]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
