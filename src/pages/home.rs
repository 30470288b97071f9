use bantin_views::{HomeView, ListSkeleton};
use leptos::prelude::*;

use crate::api;
use crate::app::{absolute, SiteResource};
use crate::components::{focus_heading_after_navigation, ErrorState};
use crate::pages::meta::PageMeta;

#[component]
pub fn HomePage() -> impl IntoView {
    let site = expect_context::<SiteResource>();
    let home = LocalResource::new(api::home);
    view! {
        <Transition fallback=|| view! { <ListSkeleton /> }>
            <ErrorBoundary fallback=move |errors| view! { <ErrorState errors retry=move || home.refetch() /> }>
                {move || {
                    let site = site.get().and_then(Result::ok);
                    home.get().map(|result| result.map(|home| {
                        Effect::new(move |_| focus_heading_after_navigation());
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
                    }))
                }}
            </ErrorBoundary>
        </Transition>
    }
}
