use bantin_model::head;
use bantin_model::search::{cut_query, words};
use bantin_views::{results_status, search_href, SearchForm, SearchResults};
use leptos::html::Input;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use crate::api;
use crate::components::{focus_heading_after_navigation, page_head, ErrorState};

/// Typing settles this long before the results and the address follow.
const TYPING_MS: u64 = 250;
/// Results added by "Xem thêm".
const MORE: usize = 10;

/// A form-encoded value: `+` is a space, `%xx` a byte; bad escapes stay as
/// written and bad UTF-8 becomes U+FFFD (a query is text, whatever it is).
pub fn form_decode(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push((h * 16 + l) as u8);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `q` and `n` of a location's search string (`?q=bong+da&n=20`).
pub fn query_of(search: &str) -> (String, Option<usize>) {
    let (mut q, mut n) = (String::new(), None);
    for pair in search.trim_start_matches('?').split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match key {
            "q" => q = form_decode(value),
            "n" => {
                n = value
                    .parse::<usize>()
                    .ok()
                    .filter(|&n| n > 0)
                    .map(|n| n.min(1_000))
            }
            _ => {}
        }
    }
    (q, n)
}

/// NFC, as the index holds text (the browser's own tables).
fn normalize(text: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        String::from(js_sys::JsString::from(text).normalize("NFC"))
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        text.to_owned()
    }
}

/// `/tim-kiem/?q=…`: one document for every query (rendered without one);
/// the app reads the query from the address once it runs.
#[component]
pub fn SearchPage() -> impl IntoView {
    page_head(head::search);
    Effect::new(move |_| focus_heading_after_navigation());
    let location = use_location();
    let query = RwSignal::new(String::new());
    let shown = RwSignal::new(None::<usize>);
    let input = NodeRef::<Input>::new();
    // Effects run after hydration: the document had no query.
    Effect::new(move |_| {
        let (q, n) = query_of(&location.search.get());
        let q = cut_query(&q).to_owned();
        if let Some(input) = input.get() {
            // Not under the reader's fingers: what they type wins.
            let typing = document().active_element().is_some_and(|e| e == **input);
            if !typing {
                input.set_value(&q);
            }
        }
        query.set(q);
        shown.set(n);
    });
    let results = LocalResource::new(move || {
        let (q, n) = (normalize(&query.get()), shown.get());
        async move {
            let w = words(&q);
            if w.is_empty() {
                return Ok(None);
            }
            api::search(&w, n).await.map(|found| Some((q, w, found, n)))
        }
    });
    let navigate = use_navigate();
    let pending = StoredValue::new_local(None::<TimeoutHandle>);
    let on_input = move |_| {
        if let Some(old) = pending.get_value() {
            old.clear();
        }
        let navigate = navigate.clone();
        let typed = input.get().map(|i| i.value()).unwrap_or_default();
        let handle = set_timeout_with_handle(
            move || {
                let options = NavigateOptions {
                    replace: true,
                    scroll: false,
                    ..Default::default()
                };
                navigate(&search_href(cut_query(&typed), None), options);
            },
            std::time::Duration::from_millis(TYPING_MS),
        );
        pending.set_value(handle.ok());
    };
    let status = move || {
        results
            .get()
            .and_then(|r| r.ok())
            .flatten()
            .map(|(q, _, found, _)| {
                results_status(&q, found.ranking.docs.len(), found.ranking.complete)
            })
    };
    view! {
        <section class="search-page">
            <h1 tabindex="-1">{head::SEARCH_TITLE}</h1>
            <SearchForm id="q-page" node_ref=input class="search-page-form" on:input=on_input />
            <noscript>
                <p class="search-hint">"Kết quả tìm kiếm cần JavaScript: hãy bật JavaScript trong trình duyệt rồi tải lại trang."</p>
            </noscript>
            <p class="search-status" role="status">{status}</p>
            <Transition fallback=|| ()>
                <ErrorBoundary fallback=move |errors| view! { <ErrorState errors retry=move || results.refetch() /> }>
                    {move || {
                        results
                            .get()
                            .map(|result| {
                                result.map(|found| {
                                    found.map(|(q, words, found, n)| {
                                        let total = found.ranking.docs.len();
                                        let count = found.rows.len();
                                        let more = (total > count)
                                            .then(|| search_href(&q, Some(n.unwrap_or(count).max(count) + MORE)));
                                        view! {
                                            <SearchResults
                                                words
                                                rows=found.rows
                                                total
                                                more
                                            />
                                        }
                                    })
                                })
                            })
                    }}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_query() {
        let cases = [
            ("?q=bong+da", ("bong da", None)),
            ("?q=b%C3%B3ng%20%C4%91%C3%A1&n=20", ("bóng đá", Some(20))),
            ("?n=0&q=%3Cb%3E", ("<b>", None)),
            ("?q=100%&n=x", ("100%", None)),
            ("?q=%zz%2", ("%zz%2", None)),
            ("?q=%FF", ("\u{fffd}", None)),
            ("", ("", None)),
            ("?n=99999", ("", Some(1_000))),
        ];
        for (search, (q, n)) in cases {
            assert_eq!(query_of(search), (q.to_owned(), n), "{search:?}");
        }
    }
}
