use bantin_views::HeadlineList;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api;
use crate::pages::not_found::ErrorState;

#[component]
pub fn HomePage() -> impl IntoView {
    let latest = LocalResource::new(|| api::latest(1));
    view! {
        <Title text="" />
        <h1 class="page-title">"Tin mới nhất"</h1>
        <Transition fallback=|| view! { <p class="loading">"Đang tải…"</p> }>
            <ErrorBoundary fallback=move |errors| view! { <ErrorState errors retry=move || latest.refetch() /> }>
                {move || Suspend::new(async move {
                    latest.await.map(|page| view! { <HeadlineList items=page.items /> })
                })}
            </ErrorBoundary>
        </Transition>
    }
}
