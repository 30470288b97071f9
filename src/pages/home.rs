use bantin_model::{paths, Home};
use bantin_views::{HomeView, ListSkeleton};
use leptos::prelude::*;

use crate::app::{absolute, SiteResource};
use crate::components::{focus_heading_after_navigation, page_data};
use crate::pages::meta::PageMeta;

#[component]
pub fn HomePage() -> impl IntoView {
    let site = expect_context::<SiteResource>();
    page_data(
        || Some(paths::home()),
        || view! { <ListSkeleton /> },
        move |home: Home| {
            Effect::new(move |_| focus_heading_after_navigation());
            let site = site.get().and_then(Result::ok);
            let name = site.as_ref().map(|s| s.name.clone()).unwrap_or_default();
            let description = home
                .lead
                .as_ref()
                .map(|l| l.lead.clone())
                .unwrap_or_else(|| name.clone());
            view! {
                <PageMeta title=String::new() description canonical=absolute(site.as_ref(), "/") />
                <HomeView home site_name=name />
            }
        },
    )
}
