use bantin_model::{head, paths, Home};
use bantin_views::{HomeView, ListSkeleton};
use leptos::prelude::*;

use crate::app::SiteResource;
use crate::components::{focus_when_shown, page_data, page_head};

#[component]
pub fn HomePage() -> impl IntoView {
    let site = expect_context::<SiteResource>();
    page_data(
        || Some(paths::home()),
        || view! { <ListSkeleton /> },
        move |home: Home| {
            focus_when_shown();
            page_head(head::home);
            let name = site
                .read()
                .as_ref()
                .and_then(|s| s.as_ref().ok())
                .map(|s| s.name.clone())
                .unwrap_or_default();
            view! { <HomeView home site_name=name /> }
        },
    )
}
