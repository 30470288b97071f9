use bantin_views::DateLine;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api;
use crate::pages::not_found::ErrorState;

#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<u32>().ok());
    let article = LocalResource::new(move || {
        let id = id();
        async move {
            match id {
                Some(id) => api::article(id).await,
                None => Err(api::ApiError::NotFound),
            }
        }
    });
    view! {
        <Transition fallback=|| view! { <p class="loading">"Đang tải…"</p> }>
            <ErrorBoundary fallback=move |errors| view! { <ErrorState errors retry=move || article.refetch() /> }>
                {move || Suspend::new(async move {
                    article.await.map(|a| view! {
                        <Title text=a.title.clone() />
                        <article class="article">
                            <h1>{a.title}</h1>
                            <p class="dateline"><DateLine at=a.published /></p>
                            <p class="lead">{a.lead}</p>
                            {a.body.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}
                        </article>
                    })
                })}
            </ErrorBoundary>
        </Transition>
    }
}
