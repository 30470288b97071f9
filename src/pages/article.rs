use bantin_model::{head, paths, Article};
use bantin_views::{ArticleSkeleton, ArticleView};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use leptos_router::NavigateOptions;

use crate::app::{absolute, SiteResource};
use crate::components::{focus_when_shown, page_data, page_head, CopyButton, ReaderFont};

#[component]
pub fn ArticlePage() -> impl IntoView {
    let site = expect_context::<SiteResource>();
    let params = use_params_map();
    let navigate = use_navigate();
    page_data(
        move || {
            params
                .read()
                .get("id")
                .and_then(|s| s.parse::<u32>().ok())
                .map(paths::article)
        },
        || view! { <ArticleSkeleton /> },
        move |article: Article| {
            // A wrong or missing slug: show the canonical address.
            if params.read_untracked().get("slug").as_deref() != Some(article.slug.as_str()) {
                let navigate = navigate.clone();
                let path = article.path.clone();
                Effect::new(move |_| {
                    navigate(
                        &path,
                        NavigateOptions {
                            replace: true,
                            ..Default::default()
                        },
                    )
                });
            }
            focus_when_shown();
            let for_head = article.clone();
            page_head(move |site| head::article(site, &for_head));
            let site = site.get().and_then(Result::ok);
            let url = absolute(site.as_ref(), &article.path);
            let copy_url = url.clone();
            view! {
                <ArticleView
                    article
                    url
                    tools=view! { <ReaderFont /> }
                    share_extra=view! { <CopyButton text=copy_url label="Sao chép liên kết" /> }
                />
            }
        },
    )
}
