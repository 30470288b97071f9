use bantin_model::head;
use bantin_model::search::{cut_query, words, Word};
use bantin_views::{results_status, search_href, SearchForm, SearchResults};
use leptos::html::Input;
use leptos::prelude::*;

use crate::api;
use crate::components::ErrorState;

/// Typing settles this long before the results and the address follow.
const TYPING_MS: u64 = 250;
/// Results added by "Xem thêm".
const MORE: usize = 10;

/// `n`, the number of results asked for ("Xem thêm"), when it is one.
pub fn shown_of(n: Option<String>) -> Option<usize> {
    n?.parse::<usize>()
        .ok()
        .filter(|&n| n > 0)
        .map(|n| n.min(1_000))
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

/// What the results area shows.
#[derive(Clone)]
enum State {
    /// No query yet (and in the pre-rendered document).
    Empty,
    Searching,
    Found {
        query: String,
        words: Vec<Word>,
        found: api::Found,
        shown: Option<usize>,
    },
    Failed(api::ApiError),
}

/// `/tim-kiem/?q=…`: one document for every query (rendered without one);
/// the app reads the query from the address once it runs. Plain signals,
/// not a resource in `Transition`: the results change with every
/// keystroke's query, and the page stays light in the bundle.
#[leptos::island]
pub fn SearchPage() -> impl IntoView {
    let query_of = address_query();
    let state = RwSignal::new_local(State::Empty);
    let retry = RwSignal::new(0u32);
    let input = NodeRef::<Input>::new();
    show_query_in_field(query_of, input);
    search_each_query(query_of, state, retry);
    let on_input = follow_typing(input);
    let status = move || match &*state.read() {
        State::Found { query, found, .. } => {
            results_status(query, found.ranking.docs.len(), found.ranking.complete)
        }
        State::Searching => "Đang tìm…".to_owned(),
        _ => String::new(),
    };
    view! {
        <section class="search-page">
            <h1 tabindex="-1">{head::SEARCH_TITLE}</h1>
            <SearchForm id="q-page" name="Tìm kiếm" node_ref=input class="search-page-form" on:input=on_input />
            <noscript>
                <p class="search-hint">"Kết quả tìm kiếm cần JavaScript: hãy bật JavaScript trong trình duyệt rồi tải lại trang."</p>
            </noscript>
            <p class="search-status" role="status">{status}</p>
            {move || results(state)}
            {move || failed(state, retry)}
        </section>
    }
}

/// The field shows the address's query (effects run after hydration:
/// the document had none), not while the reader types in it.
fn show_query_in_field(
    query_of: impl Fn() -> (String, Option<usize>) + 'static,
    input: NodeRef<Input>,
) {
    Effect::new(move |_| {
        let (q, _) = query_of();
        if let Some(input) = input.get() {
            let typing = document().active_element().is_some_and(|e| e == **input);
            if !typing {
                input.set_value(&q);
            }
        }
    });
}

/// Each query of the address (and each retry) searched; only the
/// address's current query is shown when its results come.
fn search_each_query(
    query_of: impl Fn() -> (String, Option<usize>) + Copy + 'static,
    state: RwSignal<State, LocalStorage>,
    retry: RwSignal<u32>,
) {
    Effect::new(move |_| {
        retry.track();
        let (q, shown) = query_of();
        let query = normalize(&q);
        let words = words(&query);
        if words.is_empty() {
            state.set(State::Empty);
            return;
        }
        state.set(State::Searching);
        crate::spawn(async move {
            let result = api::search(&words, shown).await;
            // A newer query (or "Xem thêm") may have come meanwhile: only
            // the address's current one is shown.
            let (now, now_shown) = untrack(query_of);
            if normalize(&now) != query || now_shown != shown {
                return;
            }
            state.set(match result {
                Ok(found) => State::Found {
                    query,
                    words,
                    found,
                    shown,
                },
                Err(error) => State::Failed(error),
            });
        });
    });
}

/// The address's search part: an island has no router, so it keeps it
/// in a signal that [`replace_address`] moves.
#[derive(Clone, Copy)]
struct Address(RwSignal<String>);

/// The address's query and the results it asks for.
fn address_query() -> impl Fn() -> (String, Option<usize>) + Copy + 'static {
    // Rendered by the build, the document has no query.
    let search = if cfg!(feature = "ssr") {
        String::new()
    } else {
        window().location().search().unwrap_or_default()
    };
    let address = RwSignal::new(search);
    provide_context(Address(address));
    move || {
        let params = web_sys::UrlSearchParams::new_with_str(&address.get()).ok();
        let get = |key: &str| params.as_ref().and_then(|p| p.get(key));
        (
            cut_query(&get("q").unwrap_or_default()).to_owned(),
            shown_of(get("n")),
        )
    }
}

/// Replaces the address (typing), keeping the entry's state (Back's
/// scroll position).
fn replace_address() -> impl Fn(&str) + Clone + 'static {
    let address = use_context::<Address>();
    move |href| {
        let _ = window().history().and_then(|h| {
            let state = h.state().unwrap_or(wasm_bindgen::JsValue::NULL);
            h.replace_state_with_url(&state, "", Some(href))
        });
        if let Some(Address(address)) = address {
            address.set(window().location().search().unwrap_or_default());
        }
    }
}

/// Typing: once it settles, the address follows (replacing the entry).
fn follow_typing(input: NodeRef<Input>) -> impl Fn(leptos::ev::Event) + 'static {
    let navigate = replace_address();
    let pending = StoredValue::new_local(None::<TimeoutHandle>);
    move |_| {
        if let Some(old) = pending.get_value() {
            old.clear();
        }
        let navigate = navigate.clone();
        let typed = input.get().map(|i| i.value()).unwrap_or_default();
        let handle = set_timeout(
            move || navigate(&search_href(cut_query(&typed), None)),
            std::time::Duration::from_millis(TYPING_MS),
        );
        pending.set_value(handle.ok());
    }
}

fn results(state: RwSignal<State, LocalStorage>) -> Option<impl IntoView> {
    state.with(|s| match s {
        State::Found {
            query,
            words,
            found,
            shown,
        } => {
            let total = found.ranking.docs.len();
            let count = found.rows.len();
            let more = (total > count)
                .then(|| search_href(query, Some(shown.unwrap_or(count).max(count) + MORE)));
            Some(view! { <SearchResults words=words.clone() rows=found.rows.clone() total more /> })
        }
        _ => None,
    })
}

fn failed(state: RwSignal<State, LocalStorage>, retry: RwSignal<u32>) -> Option<impl IntoView> {
    state.with(|s| match s {
        State::Failed(error) => {
            let errors = ArcRwSignal::new(Errors::default());
            errors.update(|e| e.insert_with_default_key(error.clone()));
            Some(view! { <ErrorState errors retry=move || retry.update(|n| *n += 1) /> })
        }
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    // In the wasm test binary (`cargo test --target wasm32…`): a plain
    // #[test] there is never run.
    #[wasm_bindgen_test]
    fn reads_how_many() {
        let cases = [
            (None, None),
            (Some("20"), Some(20)),
            (Some("0"), None),
            (Some("x"), None),
            (Some("-3"), None),
            (Some("99999"), Some(1_000)),
        ];
        for (n, want) in cases {
            assert_eq!(shown_of(n.map(str::to_owned)), want, "{n:?}");
        }
    }
}
