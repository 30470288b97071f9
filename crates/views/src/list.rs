use bantin_model::{head::list_title, ArticleSummary, Page};
use leptos::prelude::*;

use crate::{Breadcrumb, CardHeading, Pager, SummaryCard};

/// A category's or an author's page: heading, summaries, pager. `first` is
/// the address of the list's landing page (`/c/y-te/`), for the pager.
#[component]
pub fn ListView(
    page: Page<ArticleSummary>,
    first: String,
    name: String,
    /// Said when the list has no article.
    empty: &'static str,
) -> impl IntoView {
    view! {
        <section class="category">
            <Breadcrumb name=name.clone() href=first.clone() />
            <h1 class="page-title" tabindex="-1">{list_title(&name, page.block)}</h1>
            {page.items.is_empty().then(|| view! { <p class="empty">{empty}</p> })}
            <div class="cards">
                {page
                    .items
                    .into_iter()
                    .map(|item| view! { <SummaryCard item heading=CardHeading::H2 /> })
                    .collect_view()}
            </div>
            <Pager first block=page.block older=page.older newer=page.newer />
        </section>
    }
}
