use bantin_model::paths;
use bantin_views::{CategoryView, ListSkeleton};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::{self, ApiError};
use crate::app::{absolute, SiteResource};
use crate::components::{focus_heading_after_navigation, ErrorState};
use crate::pages::meta::PageMeta;

/// `/c/{slug}/` and `/c/{slug}/{n}/`: `None` for a page number that is not one.
pub fn page_number(param: Option<String>) -> Option<usize> {
    match param {
        None => Some(1),
        Some(n) => n.parse::<usize>().ok().filter(|&n| n >= 1),
    }
}

#[component]
pub fn CategoryPage() -> impl IntoView {
    let site = expect_context::<SiteResource>();
    let params = use_params_map();
    let key = move || {
        let params = params.read();
        (
            params.get("slug").unwrap_or_default(),
            page_number(params.get("page")),
        )
    };
    let list = LocalResource::new(move || {
        let (slug, page) = key();
        async move {
            match page {
                Some(page) => api::category(slug, page).await,
                None => Err(ApiError::NotFound),
            }
        }
    });
    view! {
        <Transition fallback=|| view! { <ListSkeleton /> }>
            <ErrorBoundary fallback=move |errors| view! { <ErrorState errors retry=move || list.refetch() /> }>
                {move || {
                    let site = site.get().and_then(Result::ok);
                    list.get().map(|result| result.map(|page| {
                        Effect::new(move |_| focus_heading_after_navigation());
                        let category = page.category.clone().unwrap_or_else(|| bantin_model::CategoryRef {
                            slug: key().0,
                            name: key().0,
                        });
                        let path = paths::category_page(&category.slug, page.page);
                        let title = if page.page > 1 {
                            format!("{} – trang {}", category.name, page.page)
                        } else {
                            category.name.clone()
                        };
                        let description = format!("Tin {} mới nhất", category.name);
                        view! {
                            <PageMeta title description canonical=absolute(site.as_ref(), &path) />
                            <CategoryView page slug=category.slug name=category.name />
                        }
                    }))
                }}
            </ErrorBoundary>
        </Transition>
    }
}
