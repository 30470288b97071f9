use bantin_model::{paths, Home};
use bantin_views::HomeView;
use leptos::prelude::*;

use crate::app::SiteData;
use crate::components::page_data;

#[component]
pub fn HomePage() -> impl IntoView {
    let name = use_context::<SiteData>()
        .and_then(|SiteData(site)| site)
        .map(|s| s.name)
        .unwrap_or_default();
    page_data(
        || Some(paths::home()),
        move |home: Home| view! { <HomeView home site_name=name.clone() /> },
    )
}
