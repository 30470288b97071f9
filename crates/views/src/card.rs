use bantin_model::ArticleSummary;
use leptos::either::Either;
use leptos::prelude::*;

use crate::{excerpt, DateShort, Picture, Place};

/// Characters of the lead shown on a card.
const CARD_LEAD: usize = 160;

/// Which heading a card's title is, to keep the page's outline in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CardHeading {
    H2,
    #[default]
    H3,
}

/// A summary in a list: thumbnail, title, lead excerpt, short date.
#[component]
pub fn SummaryCard(
    item: ArticleSummary,
    #[prop(optional)] heading: CardHeading,
    #[prop(default = true)] show_lead: bool,
    #[prop(optional)] place: Place,
) -> impl IntoView {
    let link = view! { <a href=item.path.clone()>{item.title.clone()}</a> };
    let title = match heading {
        CardHeading::H2 => Either::Left(view! { <h2 class="card-title">{link}</h2> }),
        CardHeading::H3 => Either::Right(view! { <h3 class="card-title">{link}</h3> }),
    };
    view! {
        <article class="card">
            <a class="card-thumb" href=item.path.clone() tabindex="-1" aria-hidden="true">
                <Picture image=item.image.clone() place decorative=true />
            </a>
            <div class="card-body">
                {title}
                {show_lead.then(|| view! { <p class="card-lead">{excerpt(&item.lead, CARD_LEAD)}</p> })}
                <p class="meta"><DateShort at=item.published /></p>
            </div>
        </article>
    }
}

/// The home page's lead story: large image, title, lead.
#[component]
pub fn LeadStory(item: ArticleSummary) -> impl IntoView {
    view! {
        <article class="lead-story">
            <a class="lead-thumb" href=item.path.clone() tabindex="-1" aria-hidden="true">
                <Picture image=item.image.clone() place=Place::Lead decorative=true eager=true />
            </a>
            <h2 class="lead-title"><a href=item.path.clone()>{item.title.clone()}</a></h2>
            <p class="lead-text">{item.lead.clone()}</p>
            <p class="meta">
                <a class="tag" href=format!("/c/{}/", item.category.slug)>{item.category.name.clone()}</a>
                " · "
                <DateShort at=item.published />
            </p>
        </article>
    }
}
