use bantin_views::Eager;
use leptos::either::Either;
use leptos::prelude::*;
use serde::de::DeserializeOwned;

use crate::api::{self, ApiError};
use crate::components::ErrorState;

/// A page's data and its states. `path` is the API file the route's
/// parameters name (`None` when they name nothing: not found).
///
/// On the page's first render the data comes from the document, at once, so
/// the browser hydrates exactly what `bantin build` rendered (a `Transition`
/// there would hydrate its skeleton). After a client-side navigation it is
/// fetched: the skeleton while it loads, the error state with a retry.
pub fn page_data<T, V, S>(
    path: impl Fn() -> Option<String> + Send + Sync + 'static,
    skeleton: fn() -> S,
    render: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: DeserializeOwned + Clone + 'static,
    V: IntoView + 'static,
    S: IntoView + 'static,
{
    // Only a different file is a different page: the article's slug being
    // corrected, for one, changes the route's parameters but not its data.
    let path = Memo::new(move |_| path());
    move || {
        let path = path.get();
        let render = render.clone();
        // The document's own data on the first render (hydration), else a
        // page the app already has: rendered at once, no skeleton.
        let ready = path
            .as_deref()
            .and_then(|p| api::preloaded::<T>(p).or_else(|| api::cached::<T>(p)));
        if let Some(data) = ready {
            // Untracked: what the page reads must not re-run this choice,
            // which would find the document's data used and fetch it again.
            return Either::Left(untrack(move || render(data)));
        }
        let data = LocalResource::new(move || {
            let path = path.clone();
            async move {
                match path {
                    Some(path) => api::get::<T>(&path).await,
                    None => Err(ApiError::NotFound),
                }
            }
        });
        Either::Right(view! {
            <Transition fallback=move || Eager(skeleton())>
                <ErrorBoundary fallback=move |errors| view! { <ErrorState errors retry=move || data.refetch() /> }>
                    {
                        let render = render.clone();
                        move || data.get().map(|result| result.map(render.clone()))
                    }
                </ErrorBoundary>
            </Transition>
        })
    }
}
