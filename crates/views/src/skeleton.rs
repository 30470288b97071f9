use leptos::prelude::*;

/// Grey blocks in the shape of a list page, shown while it loads.
#[component]
pub fn ListSkeleton(#[prop(default = 6)] rows: usize) -> impl IntoView {
    view! {
        <div class="skeleton" aria-busy="true" aria-label="Đang tải">
            <div class="sk-title"></div>
            <div class="cards">
                {(0..rows)
                    .map(|_| view! {
                        <div class="card sk-card">
                            <div class="pic sk-block"></div>
                            <div class="card-body"><div class="sk-line"></div><div class="sk-line short"></div></div>
                        </div>
                    })
                    .collect_view()}
            </div>
        </div>
    }
}

/// Grey blocks in the shape of an article, shown while it loads.
#[component]
pub fn ArticleSkeleton() -> impl IntoView {
    view! {
        <div class="skeleton article" aria-busy="true" aria-label="Đang tải">
            <div class="sk-line short"></div>
            <div class="sk-title"></div>
            <div class="sk-line"></div>
            <div class="pic pic-hero sk-block"></div>
            <div class="sk-line"></div>
            <div class="sk-line"></div>
            <div class="sk-line short"></div>
        </div>
    }
}
