use leptos::prelude::*;
use leptos::tachys::view::any_view::AnyView;
use serde::de::DeserializeOwned;

use crate::api;
use crate::pages::NotFound;

/// A page from the API file the route's parameters name (`path`; `None`
/// when they name nothing), as the build renders it into the document:
/// the file comes with the render (`api::Preloaded`), so the page is drawn
/// at once. One without its file is not found.
pub fn page_data<T, V>(
    path: impl Fn() -> Option<String> + 'static,
    render: impl Fn(T) -> V + 'static,
) -> AnyView
where
    T: DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    match path().and_then(|p| api::preloaded::<T>(&p)) {
        Some(data) => render(data).into_any(),
        None => view! { <NotFound /> }.into_any(),
    }
}
