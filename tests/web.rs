//! Interactive pieces in headless Chromium (`wasm-bindgen-test`).
#![cfg(target_arch = "wasm32")]

use bantin::api::{self, ApiError};
use bantin::components::{page_data, ErrorState, ReaderFont};
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

#[wasm_bindgen_test]
async fn font_size_control_applies_and_remembers() {
    let storage = window().local_storage().expect("storage").expect("storage");
    storage.remove_item("bantin.fontScale").expect("clear");
    let root = container();
    let _mounted = mount_to(root.clone(), || view! { <ReaderFont /> });
    tick().await;
    let [smaller, larger]: [HtmlButtonElement; 2] = buttons(&root).try_into().expect("two buttons");
    let scale = || {
        document()
            .document_element()
            .and_then(|e| e.get_attribute("style"))
            .unwrap_or_default()
    };
    assert_eq!(scale(), "--reader-scale: 1");

    larger.click();
    tick().await;
    assert_eq!(scale(), "--reader-scale: 1.15");
    assert_eq!(
        storage
            .get_item("bantin.fontScale")
            .expect("get")
            .as_deref(),
        Some("2")
    );

    smaller.click();
    smaller.click();
    tick().await;
    assert_eq!(scale(), "--reader-scale: 0.9");
    assert!(smaller.disabled(), "A− stops at the smallest size");
    assert!(!larger.disabled());
}

/// Waits for the browser (a request, a timer) for up to `ms`, until `done`.
async fn wait_until(ms: i32, done: impl Fn() -> bool) -> bool {
    for _ in 0..ms / 20 {
        if done() {
            return true;
        }
        let pause = js_sys::Promise::new(&mut |resolve, _| {
            let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20);
        });
        let _ = wasm_bindgen_futures::JsFuture::from(pause).await;
    }
    done()
}

fn titles(items: Vec<String>) -> impl IntoView {
    view! { <ul>{items.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul> }
}

#[wasm_bindgen_test]
fn page_data_renders_the_documents_data_at_once() {
    let preloaded = api::Preloaded::new(vec![(
        "/test/first.json".into(),
        r#"["Tin một","Tin hai"]"#.into(),
    )]);
    let root = container();
    let _mounted = mount_to(root.clone(), move || {
        provide_context(preloaded);
        page_data(
            || Some("/test/first.json".to_owned()),
            || "đang tải",
            titles,
        )
    });
    // Synchronously, as hydration needs: no skeleton, no request.
    assert_eq!(root.query_selector_all("li").expect("query").length(), 2);
    assert!(!root.text_content().unwrap_or_default().contains("đang tải"));
    // Used once: a retry or a later visit asks the network.
    assert_eq!(preloaded.take("/test/first.json"), None);
}

#[wasm_bindgen_test]
async fn page_data_fetches_when_the_document_has_nothing_usable() {
    // Truncated data in the document: not rendered, but asked for again;
    // the test server has no such file, so the page is not found.
    let preloaded = api::Preloaded::new(vec![("/test/missing.json".into(), r#"["Tin mộ"#.into())]);
    let root = container();
    let _mounted = mount_to(root.clone(), move || {
        provide_context(preloaded);
        page_data(
            || Some("/test/missing.json".to_owned()),
            || "đang tải",
            titles,
        )
    });
    tick().await;
    assert!(root.text_content().unwrap_or_default().contains("đang tải"));
    let text = || root.text_content().unwrap_or_default();
    assert!(
        wait_until(5000, || text().contains("Không tìm thấy trang")).await,
        "{}",
        text()
    );
}

#[wasm_bindgen_test]
async fn page_data_without_a_path_is_not_found() {
    let root = container();
    let _mounted = mount_to(root.clone(), || page_data(|| None, || "đang tải", titles));
    let text = || root.text_content().unwrap_or_default();
    assert!(wait_until(2000, || text().contains("Không tìm thấy trang")).await);
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
    assert!(!api::is_known(path));
    let _ = api::get_text(path).await;
    assert_eq!(api::requests_made() - before, 2);
}

#[wasm_bindgen_test]
async fn a_page_view_prefetches_at_most_its_share() {
    // `data:` addresses stand in for API files of a known size: 25 KB of
    // JSON each, so two fit under the 60 KB share and the third waits.
    let file = |n: usize| format!("data:application/json,%22{}{n}%22", "x".repeat(25_000 - 3));
    // Until spawned prefetches have run and their requests have ended.
    let settle = || async {
        let later = js_sys::Promise::new(&mut |resolve, _| {
            if let Some(window) = web_sys::window() {
                let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 100);
            }
        });
        let _ = wasm_bindgen_futures::JsFuture::from(later).await;
    };
    api::new_page_view();
    let before = api::requests_made();
    for n in 0..3 {
        api::prefetch(file(n));
        let _ = api::get_text(&file(n)).await;
        settle().await;
    }
    // The first two were fetched by the prefetch; the third only by the
    // page asking for it, after the share was spent.
    assert!(!api::may_prefetch());
    assert_eq!(api::requests_made() - before, 3);
    api::prefetch(file(3));
    settle().await;
    assert!(!api::is_known(&file(3)), "a fourth prefetch was made");
    assert_eq!(api::requests_made() - before, 3);
    // A new page view has its share again.
    api::new_page_view();
    assert!(api::may_prefetch());
    api::prefetch(file(3));
    settle().await;
    assert!(api::is_known(&file(3)));
    assert_eq!(api::requests_made() - before, 4);
}

#[wasm_bindgen_test]
fn links_name_the_api_file_they_show() {
    use bantin::navigation::api_path_of;
    let cases = [
        ("/", Some("/api/v1/home.json")),
        ("/c/chinh-tri/", Some("/api/v1/categories/chinh-tri.json")),
        (
            "/c/chinh-tri/luu-tru-3/",
            Some("/api/v1/categories/chinh-tri/archive/3.json"),
        ),
        ("/c/chinh-tri/luu-tru-0/", None),
        // An old page number: the app finds its block once it has the
        // landing page, so nothing is fetched ahead for it.
        ("/c/chinh-tri/3/", None),
        ("/a/1678/ban-chi-dao/", Some("/api/v1/articles/1678.json")),
        ("/a/1678/", Some("/api/v1/articles/1678.json")),
        ("/a/x/", None),
        ("/widget/", None),
        ("/rss.xml", None),
        ("/c/Chính/", None),
    ];
    for (href, want) in cases {
        assert_eq!(api_path_of(href).as_deref(), want, "{href}");
    }
}
