use bantin_model::{paths, Article};
use bantin_views::ArticleView;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::app::{absolute, SiteData};
use crate::components::{page_data, CopyButton, ReaderFont};

/// An article, at its canonical address (a wrong slug meets `404.html`,
/// whose script sends the reader on to `/a/{id}/`).
#[component]
pub fn ArticlePage() -> impl IntoView {
    let site = use_context::<SiteData>().and_then(|SiteData(site)| site);
    let params = use_params_map();
    page_data(
        move || {
            params
                .read()
                .get("id")
                .and_then(|s| s.parse::<u32>().ok())
                .map(paths::article)
        },
        move |article: Article| {
            let url = absolute(site.as_ref(), &article.path);
            view! {
                <ArticleView
                    article
                    url
                    tools=view! { <ReaderFont /> }
                    share_extra=view! { <CopyButton label="Sao chép liên kết" /> }
                />
            }
        },
    )
}
