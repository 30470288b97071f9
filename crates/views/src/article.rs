use bantin_model::{paths, Article, ArticleSummary, CategoryRef};
use leptos::prelude::*;

use crate::{encode_uri_component, DateLine, Picture, Place, SummaryCard};

/// Trang chủ › category.
#[component]
pub fn Breadcrumb(category: CategoryRef) -> impl IntoView {
    view! {
        <nav class="breadcrumb" aria-label="Đường dẫn">
            <ol>
                <li><a href="/">"Trang chủ"</a></li>
                <li><a href=paths::category_page(&category.slug, 1)>{category.name}</a></li>
            </ol>
        </nav>
    }
}

/// Every author of the byline.
#[component]
pub fn Byline(authors: Vec<String>) -> impl IntoView {
    (!authors.is_empty()).then(|| {
        let count = authors.len();
        view! {
            <p class="byline">
                "Bài: "
                {authors
                    .into_iter()
                    .enumerate()
                    .map(|(i, name)| {
                        let sep = match count - i {
                            1 => "",
                            2 => " và ",
                            _ => ", ",
                        };
                        view! { <span class="author">{name}</span>{sep} }
                    })
                    .collect_view()}
            </p>
        }
    })
}

/// Plain share links (no third-party scripts) and, in the app, a copy button.
#[component]
pub fn ShareBar(url: String, title: String, children: Children) -> impl IntoView {
    let u = encode_uri_component(&url);
    let facebook = format!("https://www.facebook.com/sharer/sharer.php?u={u}");
    let zalo = format!("https://sp.zalo.me/share?url={u}");
    view! {
        <div class="share" role="group" aria-label="Chia sẻ bài viết">
            <a class="share-link" href=facebook target="_blank" rel="noopener" title=format!("Chia sẻ lên Facebook: {title}")>
                "Facebook"
            </a>
            <a class="share-link" href=zalo target="_blank" rel="noopener">"Zalo"</a>
            {children()}
        </div>
    }
}

/// A whole article page's content. `url` is its absolute canonical address,
/// for share links. The app adds its interactive controls: `tools` under the
/// byline (font size), `share_extra` in the share bar (copy link).
#[component]
pub fn ArticleView(
    article: Article,
    url: String,
    #[prop(optional)] tools: Option<ChildrenFn>,
    #[prop(optional)] share_extra: Option<ChildrenFn>,
) -> impl IntoView {
    let Article {
        title,
        lead,
        category,
        published,
        modified,
        authors,
        image,
        body,
        credit,
        source,
        related,
        ..
    } = article;
    let updated = (modified > published).then(|| {
        view! { <span class="updated">" · Cập nhật: " <DateLine at=modified /></span> }
    });
    let share_title = title.clone();
    view! {
        <article class="article" aria-labelledby="article-title">
            <Breadcrumb category=category />
            <h1 id="article-title" tabindex="-1">{title}</h1>
            <p class="dateline"><DateLine at=published />{updated}</p>
            <Byline authors=authors />
            {tools.map(|t| view! { <div class="article-tools">{t()}</div> })}
            <p class="article-lead">{lead}</p>
            <figure class="hero">
                <Picture image=image place=Place::Hero class="pic pic-hero" eager=true />
            </figure>
            <div class="article-body">
                {body.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}
            </div>
            {credit.map(|name| view! { <p class="credit">"Tác giả bài viết: " <strong>{name}</strong></p> })}
            <p class="source">
                <SourceLogo logo=source.logo />
                "Nguồn: " {source.name}
            </p>
            <ShareBar url=url title=share_title>
                {share_extra.map(|extra| extra())}
            </ShareBar>
            <Related items=related />
        </article>
    }
}

/// The source's logo, gone rather than a broken icon if it cannot load.
#[component]
fn SourceLogo(logo: Option<String>) -> impl IntoView {
    let failed = RwSignal::new(false);
    move || {
        let logo = logo.clone().filter(|_| !failed.get())?;
        Some(view! {
            <img
                class="source-logo"
                src=logo
                alt=""
                width="24"
                height="24"
                loading="lazy"
                node_ref=crate::picture::retry_if_broken()
                on:error=move |_| failed.set(true)
            />
        })
    }
}

#[component]
fn Related(items: Vec<ArticleSummary>) -> impl IntoView {
    (!items.is_empty()).then(|| {
        view! {
            <section class="related" aria-labelledby="related-title">
                <h2 id="related-title">"Tin liên quan"</h2>
                <div class="cards">
                    {items
                        .into_iter()
                        .map(|item| view! { <SummaryCard item show_lead=false /> })
                        .collect_view()}
                </div>
            </section>
        }
    })
}
