use bantin_model::search::{marks, SearchRow, Word};
use bantin_model::{paths, search::QUERY_MAX_CHARS};
use leptos::either::Either;
use leptos::html::Input;
use leptos::prelude::*;

use crate::text::encode_uri_component;

/// The search page's address for a query (`?q=`, encoded; `n` results).
pub fn search_href(query: &str, shown: Option<usize>) -> String {
    let mut href = format!("{}?q={}", paths::search_page(), encode_uri_component(query));
    if let Some(n) = shown {
        href.push_str(&format!("&n={n}"));
    }
    href
}

/// A plain GET form to `/tim-kiem/`: it works before the app starts and
/// without JavaScript; the app takes its submits over.
#[component]
pub fn SearchForm(
    /// The input's id (two forms can be on one page).
    id: &'static str,
    /// The form's accessible name: two search landmarks on one page need
    /// names of their own.
    name: &'static str,
    #[prop(optional)] node_ref: NodeRef<Input>,
    #[prop(optional)] class: &'static str,
) -> impl IntoView {
    view! {
        <form class=format!("search-form {class}") role="search" aria-label=name action=paths::search_page() method="get">
            <label class="visually-hidden" for=id>"Tìm bài viết"</label>
            <input
                id=id
                node_ref=node_ref
                type="search"
                name="q"
                maxlength=QUERY_MAX_CHARS.to_string()
                placeholder="Tìm bài viết"
                autocomplete="off"
                enterkeyhint="search"
            />
            <button type="submit" class="search-submit">"Tìm"</button>
        </form>
    }
}

/// A title with the query's syllables in `<mark>`, as text.
fn marked(title: &str, words: &[Word]) -> impl IntoView {
    let mut parts = Vec::new();
    let mut at = 0;
    for (start, end) in marks(title, words) {
        if start > at {
            parts.push(Either::Left(title[at..start].to_owned()));
        }
        parts.push(Either::Right(
            view! { <mark>{title[start..end].to_owned()}</mark> },
        ));
        at = end;
    }
    if at < title.len() {
        parts.push(Either::Left(title[at..].to_owned()));
    }
    parts
}

/// What the page says about the results, for everyone and the live region.
pub fn results_status(query: &str, total: usize, complete: bool) -> String {
    match (total, complete) {
        (0, _) => format!("Không tìm thấy kết quả cho «{query}»"),
        (n, true) => format!("Tìm thấy {n} kết quả cho «{query}»"),
        (n, false) => format!("Không bài nào có đủ các từ «{query}»; {n} bài có một phần"),
    }
}

/// The results of a query (its status line is the page's live region):
/// the rows, and a link to more.
#[component]
pub fn SearchResults(
    words: Vec<Word>,
    rows: Vec<SearchRow>,
    total: usize,
    /// The address showing more results, when there are more.
    more: Option<String>,
) -> impl IntoView {
    // Always in the markup, hidden when not needed: plain attributes are
    // lighter in the app than optional elements.
    let more_hidden = more.is_none();
    view! {
        <p class="search-hint" hidden=total != 0>"Hãy kiểm tra chính tả, thử từ khác hoặc bớt từ."</p>
        <ol class="search-results">
            {rows
                .into_iter()
                .map(|row| {
                    view! {
                        <li class="search-result">
                            <h2 class="search-title"><a href=row.path>{marked(&row.title, &words)}</a></h2>
                            <p class="search-meta">{row.category}" · "{row.date}</p>
                            <p class="search-excerpt">{row.excerpt}</p>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
        <p hidden=more_hidden><a class="button" href=more.unwrap_or_default() data-noscroll="">"Xem thêm"</a></p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hrefs_and_status() {
        assert_eq!(
            search_href("bóng đá", None),
            "/tim-kiem/?q=b%C3%B3ng%20%C4%91%C3%A1"
        );
        assert_eq!(search_href("a&b", Some(20)), "/tim-kiem/?q=a%26b&n=20");
        assert_eq!(
            results_status("x", 0, false),
            "Không tìm thấy kết quả cho «x»"
        );
        assert_eq!(results_status("x", 3, true), "Tìm thấy 3 kết quả cho «x»");
    }

    #[test]
    fn titles_are_text_with_marks() {
        let html = view! {
            <SearchResults
                words=bantin_model::search::words("b bóng")
                rows=vec![SearchRow {
                    title: "<b>Bóng</b> đá".into(),
                    path: "/a/1/x/".into(),
                    category: "Thể thao".into(),
                    date: "01/01/2024".into(),
                    excerpt: "<i>".into(),
                }]
                total=1
                more=None
            />
        }
        .to_html();
        assert!(
            html.contains("&lt;<mark>b</mark>&gt;<mark>Bóng</mark>&lt;/<mark>b</mark>&gt; đá"),
            "{html}"
        );
        assert!(html.contains("&lt;i&gt;"), "{html}");
    }
}
