use bantin_model::{ArticleSummary, Page};
use leptos::prelude::*;

use crate::{CardHeading, Pager, SummaryCard};

/// A category page: heading, summaries, pager.
#[component]
pub fn CategoryView(page: Page<ArticleSummary>, slug: String, name: String) -> impl IntoView {
    let heading = if page.page > 1 {
        format!("{name} – trang {}", page.page)
    } else {
        name
    };
    view! {
        <section class="category">
            <h1 class="page-title" tabindex="-1">{heading}</h1>
            {page.items.is_empty().then(|| view! { <p class="empty">"Chưa có bài viết nào trong mục này."</p> })}
            <div class="cards">
                {page
                    .items
                    .into_iter()
                    .map(|item| view! { <SummaryCard item heading=CardHeading::H2 /> })
                    .collect_view()}
            </div>
            <Pager slug page=page.page pages=page.pages />
        </section>
    }
}
