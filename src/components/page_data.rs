use std::sync::Arc;

use leptos::either::Either;
use leptos::prelude::*;
use leptos::tachys::view::any_view::AnyView;
use serde::de::DeserializeOwned;

use crate::api::{self, ApiError};
use crate::components::ErrorState;

/// Renders a page from an API file's text (decoding is the page's own part).
type Show = Arc<dyn Fn(&str) -> Result<AnyView, ApiError> + Send + Sync>;

/// A page's data and its states. `path` is the API file the route's
/// parameters name (`None` when they name nothing: not found).
///
/// On the page's first render the data comes from the document, at once, so
/// the browser hydrates exactly what `bantin build` rendered (a `Transition`
/// there would hydrate its skeleton). After a client-side navigation it is
/// fetched: the skeleton while it loads, the error state with a retry.
///
/// Only the decoding and the page's view are generic; the states around
/// them are one copy for every page ([`page_states`]), which keeps the
/// bundle small.
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
    let show: Show = Arc::new(move |text: &str| {
        let data = api::parse::<T>(text)?;
        // Untracked: what the page reads must not re-run the choice of
        // data, which would find the document's data used and fetch again.
        let render = render.clone();
        Ok(untrack(move || render(data)).into_any())
    });
    let skeleton: Arc<dyn Fn() -> AnyView + Send + Sync> = Arc::new(move || skeleton().into_any());
    page_states(Memo::new(move |_| path()), skeleton, show)
}

fn page_states(
    path: Memo<Option<String>>,
    skeleton: Arc<dyn Fn() -> AnyView + Send + Sync>,
    show: Show,
) -> impl IntoView {
    move || {
        // Only a different file is a different page: the article's slug
        // being corrected, for one, changes the route's parameters but not
        // its data.
        let path = path.get();
        // The document's own data on the first render (hydration), else a
        // page the app already has: rendered at once, no skeleton.
        let ready = path.as_deref().and_then(|p| {
            let text = api::preloaded_text(p).or_else(|| api::cached_text(p))?;
            // A copy that does not decode (a document's cut data block) is
            // not served again: the network decides.
            show(&text).inspect_err(|_| api::forget(p)).ok()
        });
        if let Some(view) = ready {
            return Either::Left(view);
        }
        let data = LocalResource::new(move || {
            let path = path.clone();
            async move {
                match path {
                    Some(path) => api::get_text(&path).await.map(|text| (path, text)),
                    None => Err(ApiError::NotFound),
                }
            }
        });
        let skeleton = skeleton.clone();
        let show = show.clone();
        Either::Right(view! {
            <Transition fallback=move || skeleton()>
                <ErrorBoundary fallback=move |errors| view! { <ErrorState errors retry=move || data.refetch() /> }>
                    {
                        let show = show.clone();
                        move || {
                            data.get().map(|result| {
                                result.and_then(|(path, text)| {
                                    // A copy that does not decode is not
                                    // served again: the retry asks the network.
                                    show(&text).inspect_err(|_| api::forget(&path))
                                })
                            })
                        }
                    }
                </ErrorBoundary>
            </Transition>
        })
    }
}
