use bantin_model::{paths, Article, ArticleSummary, AuthorRef};
use leptos::either::Either;
use leptos::prelude::*;

use crate::{encode_uri_component, players, DateLine, Picture, Place, SummaryCard};

/// Trang chủ › a list (the article's category, or the list shown): the
/// steps that the documents' `BreadcrumbList` names too.
#[component]
pub fn Breadcrumb(name: String, href: String) -> impl IntoView {
    view! {
        <nav class="breadcrumb" aria-label="Đường dẫn">
            <ol>
                <li><a href="/">"Trang chủ"</a></li>
                <li><a href=href>{name}</a></li>
            </ol>
        </nav>
    }
}

/// Every author of the byline, each a link to their page.
#[component]
pub fn Byline(authors: Vec<AuthorRef>) -> impl IntoView {
    view! { <NameLine class="byline" label="Bài: " parts=byline_parts(authors) /> }
}

/// A labelled line of names, each with its page: the byline ("Bài: …")
/// and the topics ("Chủ đề: …"). One view for both, so one copy in the
/// app; nothing when there is no name.
#[component]
fn NameLine(
    class: &'static str,
    label: &'static str,
    parts: Vec<(String, Option<String>)>,
) -> impl IntoView {
    (!parts.is_empty()).then(|| view! { <p class=class>{label} <Names parts /></p> })
}

/// `A`, `A và B`, `A, B và C`: each name with its page (authors, and
/// topics in the same shape).
pub fn byline_parts(authors: Vec<AuthorRef>) -> Vec<(String, Option<String>)> {
    let count = authors.len();
    let mut parts = Vec::with_capacity(count * 2);
    for (i, author) in authors.into_iter().enumerate() {
        parts.push((author.name, Some(author.path)));
        match count - i {
            1 => {}
            2 => parts.push((" và ".to_owned(), None)),
            _ => parts.push((", ".to_owned(), None)),
        }
    }
    parts
}

/// Runs of text, the ones with a page as links to it: the one view of
/// names for the byline and the credit (one copy in the app).
#[component]
fn Names(parts: Vec<(String, Option<String>)>) -> impl IntoView {
    // A run without a page is text, not an `a` without `href`: crawlers
    // and assistive technology take every `a` for a link.
    parts
        .into_iter()
        .map(|(text, href)| match href {
            Some(href) => Either::Left(view! { <a href=href>{text}</a> }),
            None => Either::Right(text),
        })
        .collect_view()
}

/// `credit` cut into runs of text, each with the page of the byline author
/// it names, if any: a name counts when it is a whole part of the credit
/// between the byline's separators (`,`, `-`, `–`, `;`, ` và `). Nothing is
/// dropped or reordered.
pub fn credit_parts(credit: &str, authors: &[AuthorRef]) -> Vec<(String, Option<String>)> {
    let mut parts: Vec<(String, Option<String>)> = Vec::new();
    let text = |parts: &mut Vec<(String, Option<String>)>, t: &str| match parts.last_mut() {
        _ if t.is_empty() => {}
        Some((run, None)) => run.push_str(t),
        _ => parts.push((t.to_owned(), None)),
    };
    // A character scan, not `str::find`: lighter in the app.
    let separator = |rest: &str| {
        if rest.starts_with(" và ") {
            " và ".len()
        } else {
            match rest.chars().next() {
                Some(c @ (',' | '-' | '–' | ';')) => c.len_utf8(),
                _ => 0,
            }
        }
    };
    let (mut start, mut at) = (0, 0);
    loop {
        let end = at == credit.len();
        let sep = if end { 0 } else { separator(&credit[at..]) };
        if sep == 0 && !end {
            at += credit[at..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        let segment = &credit[start..at];
        let name = segment.trim();
        match authors.iter().find(|a| !name.is_empty() && a.name == name) {
            Some(author) => {
                let lead = segment.len() - segment.trim_start().len();
                text(&mut parts, &segment[..lead]);
                parts.push((name.to_owned(), Some(author.path.clone())));
                text(&mut parts, &segment[lead + name.len()..]);
            }
            None => text(&mut parts, segment),
        }
        if end {
            return parts;
        }
        text(&mut parts, &credit[at..at + sep]);
        at += sep;
        start = at;
    }
}

/// Plain share links (no third-party scripts) and, in the app, a copy button.
#[component]
pub fn ShareBar<E: IntoView + 'static>(url: String, title: String, extra: E) -> impl IntoView {
    let u = encode_uri_component(&url);
    let facebook = format!("https://www.facebook.com/sharer/sharer.php?u={u}");
    let zalo = format!("https://sp.zalo.me/share?url={u}");
    view! {
        <div class="share" role="group" aria-label="Chia sẻ bài viết">
            <a class="share-link" href=facebook target="_blank" rel="noopener" title=format!("Chia sẻ lên Facebook: {title}")>
                "Facebook"
            </a>
            <a class="share-link" href=zalo target="_blank" rel="noopener">"Zalo"</a>
            {extra}
        </div>
    }
}

/// A whole article page's content. `url` is its absolute canonical address,
/// for share links. The app adds its interactive controls: `tools` under the
/// byline (font size), `share_extra` in the share bar (copy link); generic
/// rather than children, which the app would carry type-erased.
#[component]
pub fn ArticleView<T: IntoView + 'static, S: IntoView + 'static>(
    article: Article,
    url: String,
    tools: T,
    share_extra: S,
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
        topics,
        related,
        audio,
        video,
        media,
        ..
    } = article;
    let updated = (modified > published).then(|| {
        view! { <span class="updated">" · Cập nhật: " <DateLine at=modified /></span> }
    });
    let media = (!media.is_empty()).then_some(media);
    let share_title = title.clone();
    let credit_authors = authors.clone();
    view! {
        <article class="article" aria-labelledby="article-title">
            <Breadcrumb href=paths::category_page(&category.slug, 0) name=category.name />
            <h1 id="article-title" tabindex="-1">{title}</h1>
            <p class="dateline"><DateLine at=published />{updated}</p>
            <Byline authors=authors />
            <div class="article-tools">
                {tools}
                // "Nghe bài viết": shown and run by the page's start script
                // once the browser has a Vietnamese voice (`js/start.js`).
                <div class="read-aloud" role="group" aria-label="Đọc to bài viết">
                    <button type="button" data-read="toggle">"Nghe bài viết"</button>
                    <button type="button" data-read="stop">"Dừng đọc"</button>
                </div>
            </div>
            <p class="article-lead">{lead}</p>
            // The players follow the photo, in documents only
            // (see `media.rs`); a video lies over the photo.
            <figure class="hero" data-media=media>
                <Picture image=image place=Place::Hero class="pic pic-hero" eager=true />
                {players(audio, video)}
            </figure>
            <div class="article-body">
                {body.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}
            </div>
            {credit.map(|credit| view! { <p class="credit">"Tác giả bài viết: " <strong><Names parts=credit_parts(&credit, &credit_authors) /></strong></p> })}
            <p class="source">
                <SourceLogo logo=source.logo />
                "Nguồn: " {source.name}
            </p>
            <NameLine class="topics" label="Chủ đề: " parts=byline_parts(topics) />
            <ShareBar url=url title=share_title extra=share_extra />
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

#[cfg(test)]
mod tests {
    use super::*;

    fn author(name: &str, slug: &str) -> AuthorRef {
        AuthorRef {
            name: name.into(),
            slug: slug.into(),
            path: format!("/tac-gia/{slug}/"),
        }
    }

    #[test]
    fn credits_link_byline_authors_and_keep_the_text() {
        let authors = [
            author("Ánh Tuyết", "anh-tuyet"),
            author("Xuân Thắng", "xuan-thang"),
        ];
        let link = |name: &str, slug: &str| (name.to_owned(), Some(format!("/tac-gia/{slug}/")));
        let text = |t: &str| (t.to_owned(), None);
        let cases = [
            ("Ánh Tuyết", vec![link("Ánh Tuyết", "anh-tuyet")]),
            (
                "Ánh Tuyết-Xuân Thắng",
                vec![
                    link("Ánh Tuyết", "anh-tuyet"),
                    text("-"),
                    link("Xuân Thắng", "xuan-thang"),
                ],
            ),
            ("Minh Hà", vec![text("Minh Hà")]),
            // Part of a longer name is not the author.
            ("Ánh Tuyết Mai", vec![text("Ánh Tuyết Mai")]),
            ("PV Ánh Tuyết", vec![text("PV Ánh Tuyết")]),
            (
                "Ánh Tuyết và Minh Hà, Xuân Thắng ",
                vec![
                    link("Ánh Tuyết", "anh-tuyet"),
                    text(" và Minh Hà, "),
                    link("Xuân Thắng", "xuan-thang"),
                    text(" "),
                ],
            ),
            ("", vec![]),
        ];
        for (credit, want) in cases {
            assert_eq!(credit_parts(credit, &authors), want, "{credit:?}");
        }
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn separators_are_text_and_every_link_has_a_page() {
        let authors = vec![author("Thu Hà", "thu-ha"), author("Văn Nam", "van-nam")];
        let html = view! { <Byline authors /> }.to_html();
        assert!(html.contains("Thu Hà</a> và <a"), "{html}");
        assert_eq!(html.matches("<a ").count(), 2, "{html}");
        assert_eq!(
            html.matches("<a ").count(),
            html.matches(" href=").count(),
            "{html}"
        );
    }
}
