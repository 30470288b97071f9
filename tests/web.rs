//! Interactive pieces in headless Chromium (`wasm-bindgen-test`).
#![cfg(target_arch = "wasm32")]

use bantin::api::{self, ApiError};
use bantin::components::{page_data, ErrorState};
use bantin_views::Pager;
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlButtonElement, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh element in the page to mount one component into.
fn container() -> HtmlElement {
    let document = document();
    let el = document.create_element("section").expect("element");
    document
        .body()
        .expect("body")
        .append_child(&el)
        .expect("append");
    el.unchecked_into()
}

fn buttons(root: &HtmlElement) -> Vec<HtmlButtonElement> {
    let list = root.query_selector_all("button").expect("query");
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.unchecked_into::<HtmlButtonElement>())
        .collect()
}

#[wasm_bindgen_test]
fn pager_renders_real_links() {
    let root = container();
    let _mounted = mount_to(
        root.clone(),
        || view! { <Pager first="/c/chinh-tri/".to_string() block=2 older=1 newer=3 /> },
    );
    let links = root.query_selector_all("nav a").expect("links");
    let hrefs: Vec<String> = (0..links.length())
        .filter_map(|i| links.item(i))
        .map(|n| {
            n.unchecked_into::<web_sys::Element>()
                .get_attribute("href")
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(
        hrefs,
        [
            "/c/chinh-tri/luu-tru-3/",
            "/c/chinh-tri/",
            "/c/chinh-tri/luu-tru-3/",
            "/c/chinh-tri/luu-tru-2/",
            "/c/chinh-tri/luu-tru-1/",
            "/c/chinh-tri/luu-tru-1/"
        ]
    );
    let current = root
        .query_selector("a[aria-current=page]")
        .expect("query")
        .expect("current");
    assert_eq!(current.text_content().as_deref(), Some("2"));
}

#[wasm_bindgen_test]
fn pager_with_absurd_counts_renders_a_window_at_once() {
    let root = container();
    // A landing page claiming four billion blocks: a few links, no freeze.
    let _mounted = mount_to(
        root.clone(),
        || view! { <Pager first="/c/chinh-tri/".to_string() block=0 older=4_000_000_000 newer=0 /> },
    );
    let labels: Vec<String> = {
        let links = root.query_selector_all("nav a").expect("links");
        (0..links.length())
            .filter_map(|i| links.item(i))
            .filter_map(|n| n.text_content())
            .collect()
    };
    assert_eq!(
        labels,
        ["Mới nhất", "4000000000", "3999999999", "1", "Cũ hơn ›"]
    );
}

#[wasm_bindgen_test]
async fn retry_state_retries() {
    let root = container();
    let retries = RwSignal::new(0);
    let _mounted = mount_to(root.clone(), move || {
        view! {
            <ErrorBoundary fallback=move |errors| view! { <ErrorState errors retry=move || retries.update(|n| *n += 1) /> }>
                {Err::<(), _>(ApiError::Status(503))}
            </ErrorBoundary>
        }
    });
    tick().await;
    assert!(root
        .text_content()
        .unwrap_or_default()
        .contains("Không tải được nội dung"));
    let retry = buttons(&root)
        .into_iter()
        .find(|b| b.text_content().as_deref() == Some("Thử lại"))
        .expect("retry button");
    retry.click();
    retry.click();
    assert_eq!(retries.get_untracked(), 2);
}

#[wasm_bindgen_test]
async fn missing_data_is_not_found_not_an_error() {
    let root = container();
    let _mounted = mount_to(root.clone(), move || {
        view! {
            <ErrorBoundary fallback=move |errors| view! { <ErrorState errors retry=|| () /> }>
                {Err::<(), _>(ApiError::NotFound)}
            </ErrorBoundary>
        }
    });
    tick().await;
    let h1 = root.query_selector("h1").expect("query").expect("h1");
    assert_eq!(h1.text_content().as_deref(), Some("Không tìm thấy trang"));
    assert!(buttons(&root).is_empty());
}

fn titles(items: Vec<String>) -> impl IntoView {
    view! { <ul>{items.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul> }
}

#[wasm_bindgen_test]
fn page_data_renders_its_file_at_once() {
    let preloaded = api::Preloaded::new(vec![(
        "/test/first.json".into(),
        r#"["Tin một","Tin hai"]"#.into(),
    )]);
    let root = container();
    let _mounted = mount_to(root.clone(), move || {
        provide_context(preloaded);
        page_data(|| Some("/test/first.json".to_owned()), titles)
    });
    assert_eq!(root.query_selector_all("li").expect("query").length(), 2);
    // Used once.
    assert_eq!(preloaded.take("/test/first.json"), None);
}

#[wasm_bindgen_test]
fn page_data_without_a_usable_file_is_not_found() {
    let cut = api::Preloaded::new(vec![("/test/cut.json".into(), r#"["Tin mộ"#.into())]);
    let cases: [(Option<&str>, Option<api::Preloaded>); 3] = [
        // Cut data, no file at all, no path.
        (Some("/test/cut.json"), Some(cut)),
        (Some("/test/missing.json"), None),
        (None, None),
    ];
    for (path, preloaded) in cases {
        let root = container();
        let _mounted = mount_to(root.clone(), move || {
            if let Some(preloaded) = preloaded {
                provide_context(preloaded);
            }
            page_data(move || path.map(str::to_owned), titles)
        });
        let text = root.text_content().unwrap_or_default();
        assert!(text.contains("Không tìm thấy trang"), "{path:?}: {text}");
    }
}

#[wasm_bindgen_test]
fn the_page_cache_keeps_its_bounds() {
    use bantin::page_cache::PageCache;
    // By count: the least recently used goes first.
    let mut cache = PageCache::new(3, 1_000, 60_000.0);
    for path in ["/a", "/b", "/c"] {
        cache.put(path, "x", 0.0);
    }
    assert!(cache.get("/a", 1.0).is_some(), "/a is now the most recent");
    cache.put("/d", "x", 2.0);
    assert_eq!(cache.len(), 3);
    assert!(!cache.contains("/b"), "/b was the least recently used");
    assert!(cache.contains("/a") && cache.contains("/c") && cache.contains("/d"));
    // By bytes: room is made, and a file larger than the whole is not kept.
    let mut cache = PageCache::new(50, 10, 60_000.0);
    cache.put("/a", "12345", 0.0);
    cache.put("/b", "12345", 0.0);
    cache.put("/c", "123", 0.0);
    assert_eq!((cache.len(), cache.bytes()), (2, 8));
    assert!(!cache.contains("/a"));
    cache.put("/huge", "12345678901", 0.0);
    assert!(!cache.contains("/huge"));
    assert!(cache.bytes() <= 10);
    // Replacing a file counts its bytes once.
    cache.put("/c", "1", 0.0);
    assert_eq!(cache.bytes(), 6);
}

#[wasm_bindgen_test]
fn cached_files_expire_with_the_apis_max_age() {
    use bantin::page_cache::{PageCache, MAX_AGE_MS};
    let mut cache = PageCache::new(50, 1_000, MAX_AGE_MS);
    cache.put("/api/v1/home.json", "{}", 1_000.0);
    assert!(cache
        .get("/api/v1/home.json", 1_000.0 + MAX_AGE_MS)
        .is_some());
    assert!(cache
        .get("/api/v1/home.json", 1_001.0 + MAX_AGE_MS)
        .is_none());
    assert!(
        !cache.contains("/api/v1/home.json"),
        "an expired file is dropped"
    );
}

#[wasm_bindgen_test]
async fn one_request_per_file_however_many_ask() {
    // Two pages (or a page and a prefetch) asking at once: one request.
    let path = "/test/in-flight.json";
    let before = api::requests_made();
    let (a, b) = futures_util::future::join(api::get_text(path), api::get_text(path)).await;
    assert!(a.as_ref().is_err_and(ApiError::is_not_found), "{a:?}");
    assert!(b.as_ref().is_err_and(ApiError::is_not_found), "{b:?}");
    assert_eq!(api::requests_made() - before, 1);
    // A failure is not kept: asking again goes to the network again.
    let _ = api::get_text(path).await;
    assert_eq!(api::requests_made() - before, 2);
}
