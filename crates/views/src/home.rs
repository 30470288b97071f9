use bantin_model::{paths, Home};
use leptos::prelude::*;

use crate::{LeadStory, Place, SummaryCard};

/// The home page: lead story, latest articles, a block per category.
#[component]
pub fn HomeView(home: Home, site_name: String) -> impl IntoView {
    let Home {
        lead,
        latest,
        sections,
    } = home;
    view! {
        <h1 class="visually-hidden" tabindex="-1">{format!("Tin tức – {site_name}")}</h1>
        {lead.map(|item| view! { <LeadStory item /> })}
        <section class="latest" aria-labelledby="latest-title">
            <h2 id="latest-title" class="section-title">
                <a href=paths::LATEST_PAGE>{paths::LATEST_NAME}</a>
            </h2>
            <div class="cards">
                {latest.into_iter().map(|item| view! { <SummaryCard item /> }).collect_view()}
            </div>
        </section>
        {sections
            .into_iter()
            .filter(|s| !s.items.is_empty())
            .map(|section| {
                let id = format!("muc-{}", section.category.slug);
                let labelled_by = id.clone();
                let href = paths::category_page(&section.category.slug, 0);
                view! {
                    <section class="section" aria-labelledby=labelled_by>
                        <h2 id=id class="section-title">
                            <a href=href.clone()>{section.category.name.clone()}</a>
                        </h2>
                        <div class="cards compact">
                            {section
                                .items
                                .into_iter()
                                .map(|item| view! { <SummaryCard item show_lead=false place=Place::Compact /> })
                                .collect_view()}
                        </div>
                        <p class="more">
                            <a href=href>{format!("Xem tất cả tin {}", section.category.name)}" ›"</a>
                        </p>
                    </section>
                }
            })
            .collect_view()}
    }
}
