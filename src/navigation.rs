//! Moving between pages without waiting: the next page's data is fetched
//! when the reader shows intent for a link (a pointer resting on it, a
//! touch, keyboard focus) and for the first links in view once the page is
//! idle, at most [`crate::api::PREFETCH_BYTES`] per page view and nothing
//! under Save-Data or on 2G; Back and Forward come back to where the
//! reader was on the page.

use std::cell::{Cell, RefCell};

use bantin_model::paths;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// How long a pointer rests on a link before it counts as intent.
const HOVER_MS: i32 = 65;
/// Links in view prefetched once a page is idle.
const IDLE_LINKS: usize = 6;
const IDLE_MS: i32 = 1_500;

/// The API file a site path shows, for the app's routes; `None` for
/// anything else (the configurator, feeds, another site).
pub fn api_path_of(href: &str) -> Option<String> {
    let path = href.split(['?', '#']).next()?;
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    match segments.as_slice() {
        [""] => Some(paths::home()),
        ["c", slug] if paths::is_slug(slug) => Some(paths::category(slug, 0)),
        ["c", slug, n] if paths::is_slug(slug) => {
            let n: usize = n
                .strip_prefix(paths::ARCHIVE)?
                .parse()
                .ok()
                .filter(|&n| n >= 1)?;
            Some(paths::category(slug, n))
        }
        ["a", id] | ["a", id, _] => Some(paths::article(id.parse().ok()?)),
        _ => None,
    }
}

/// The site path of an internal link, if `element` is (inside) one.
fn internal_link(target: Option<web_sys::EventTarget>) -> Option<web_sys::Element> {
    let element = target?.dyn_into::<web_sys::Element>().ok()?;
    let link = element.closest("a[href]").ok()??;
    // rel="external" links (the configurator) are full page loads.
    if link
        .get_attribute("rel")
        .is_some_and(|r| r.contains("external"))
        || link.get_attribute("target").is_some_and(|t| t == "_blank")
    {
        return None;
    }
    Some(link)
}

fn same_origin_path(link: &web_sys::Element) -> Option<String> {
    let anchor = link.dyn_ref::<web_sys::HtmlAnchorElement>()?;
    let here = web_sys::window()?.location().origin().ok()?;
    (anchor.origin() == here).then(|| anchor.pathname())
}

/// Fetches the data of the page `link` opens; for an article, also hints
/// its photo to the browser in the size the page will pick.
fn prefetch_link(link: &web_sys::Element) {
    let Some(api) = same_origin_path(link).as_deref().and_then(api_path_of) else {
        return;
    };
    // Under Save-Data or on 2G the reader pays for every byte: only the
    // click fetches.
    // The share spent: no more, nor the article fetched for its photo.
    if saving_data() || !crate::api::may_prefetch() {
        return;
    }
    let is_article = api.contains("/articles/");
    crate::api::prefetch(api.clone());
    if is_article {
        crate::spawn(async move {
            if let Ok(article) = crate::api::get::<bantin_model::Article>(&api).await {
                if crate::api::may_prefetch() {
                    preload_photo(article.image.as_ref());
                }
            }
        });
    }
}

/// `<link rel="preload" as="image" imagesrcset imagesizes>` for a hero photo.
fn preload_photo(image: Option<&bantin_model::Image>) {
    let Some(image) = image.filter(|i| !i.srcset.is_empty()) else {
        return;
    };
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let selector = format!("link[rel=preload][href=\"{}\"]", image.src.replace('"', ""));
    if document.query_selector(&selector).ok().flatten().is_some() {
        return;
    }
    let Ok(link) = document.create_element("link") else {
        return;
    };
    for (name, value) in [
        ("rel", "preload"),
        ("as", "image"),
        ("href", image.src.as_str()),
        ("imagesrcset", image.srcset.as_str()),
        ("imagesizes", bantin_views::Place::Hero.sizes()),
    ] {
        let _ = link.set_attribute(name, value);
    }
    if let Some(head) = document.head() {
        let _ = head.append_child(&link);
    }
}

/// Whether the reader asked to save data, or the connection is very slow:
/// then nothing is prefetched (the browser's `navigator.connection`).
pub fn saving_data() -> bool {
    let Some(window) = web_sys::window() else {
        return true;
    };
    let connection = js_sys::Reflect::get(&window.navigator(), &"connection".into()).ok();
    let Some(connection) = connection.filter(|c| c.is_object()) else {
        return false;
    };
    let get = |key: &str| js_sys::Reflect::get(&connection, &key.into()).ok();
    let save_data = get("saveData").and_then(|v| v.as_bool()).unwrap_or(false);
    let slow = get("effectiveType")
        .and_then(|v| v.as_string())
        .is_some_and(|t| t == "2g" || t == "slow-2g");
    save_data || slow
}

thread_local! {
    /// The pending hover: (link, timer id).
    static HOVER: RefCell<Option<(web_sys::Element, i32)>> = const { RefCell::new(None) };
    /// Scroll position per path, kept as the reader scrolls: the latest
    /// pages first, at most [`SCROLL_PAGES`].
    static SCROLL: RefCell<Vec<(String, f64)>> = const { RefCell::new(Vec::new()) };
    /// Set by Back and Forward: the next page shown restores its scroll.
    static RESTORE: Cell<bool> = const { Cell::new(false) };
    /// Between leaving a page and showing the next: the scrolling then is
    /// the page changing under the reader (a shorter page clamps it), not
    /// the reader, and is not recorded.
    static NAVIGATING: Cell<bool> = const { Cell::new(false) };
    static IDLE_TIMER: Cell<Option<i32>> = const { Cell::new(None) };
}

fn listen(target: &web_sys::EventTarget, event: &str, handler: impl Fn(web_sys::Event) + 'static) {
    let closure = Closure::<dyn Fn(web_sys::Event)>::new(handler);
    let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    closure.forget();
}

fn set_timeout(ms: i32, f: impl FnOnce() + 'static) -> Option<i32> {
    let closure = Closure::once_into_js(f);
    web_sys::window()?
        .set_timeout_with_callback_and_timeout_and_arguments_0(closure.unchecked_ref(), ms)
        .ok()
}

fn current_path() -> String {
    web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default()
}

/// Scroll positions remembered (Back and Forward go this far).
const SCROLL_PAGES: usize = 50;

fn remember_scroll(y: f64) {
    let here = current_path();
    SCROLL.with_borrow_mut(|s| {
        s.retain(|(p, _)| *p != here);
        s.insert(0, (here, y));
        s.truncate(SCROLL_PAGES);
    });
}

/// Installs the listeners, once, when the app starts.
pub fn start() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(document) = window.document() else {
        return;
    };
    prefetch_on_intent(&document);
    keep_scroll(&window, &document);
}

/// A link hovered for a moment, touched or focused is fetched before the
/// click.
fn prefetch_on_intent(document: &web_sys::Document) {
    listen(document, "pointerover", |event| {
        let Some(link) = internal_link(event.target()) else {
            return;
        };
        let pending = link.clone();
        let timer = set_timeout(HOVER_MS, move || {
            HOVER.with_borrow_mut(|h| *h = None);
            prefetch_link(&pending);
        });
        HOVER.with_borrow_mut(|hover| {
            if let Some((_, old)) = hover.replace((link, timer.unwrap_or_default())) {
                if let Some(w) = web_sys::window() {
                    w.clear_timeout_with_handle(old);
                }
            }
        });
    });
    listen(document, "pointerout", |event| {
        let Some(link) = internal_link(event.target()) else {
            return;
        };
        HOVER.with_borrow_mut(|hover| {
            if hover.as_ref().is_some_and(|(l, _)| *l == link) {
                if let (Some((_, timer)), Some(w)) = (hover.take(), web_sys::window()) {
                    w.clear_timeout_with_handle(timer);
                }
            }
        });
    });
    for event in ["touchstart", "focusin"] {
        listen(document, event, |event| {
            if let Some(link) = internal_link(event.target()) {
                prefetch_link(&link);
            }
        });
    }
}

/// Where each page was scrolled to, for Back and Forward.
fn keep_scroll(window: &web_sys::Window, document: &web_sys::Document) {
    // The app restores the scroll itself: the browser's own restoring
    // would race it, with positions taken while the page was changing.
    if let Ok(history) = window.history() {
        let _ = history.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
    }
    listen(window, "scroll", |_| {
        if NAVIGATING.get() {
            return;
        }
        if let Some(y) = web_sys::window().and_then(|w| w.scroll_y().ok()) {
            remember_scroll(y);
        }
    });
    // Leaving by a link: where the reader was, before anything changes
    // (capture phase, ahead of the router's own handler).
    let leaving = Closure::<dyn Fn(web_sys::Event)>::new(|event: web_sys::Event| {
        if internal_link(event.target()).is_some() {
            if let Some(y) = web_sys::window().and_then(|w| w.scroll_y().ok()) {
                remember_scroll(y);
            }
            NAVIGATING.set(true);
            // A link that shows no new page (the page itself) ends it too.
            set_timeout(3_000, || NAVIGATING.set(false));
        }
    });
    let _ = document.add_event_listener_with_callback_and_bool(
        "click",
        leaving.as_ref().unchecked_ref(),
        true,
    );
    leaving.forget();
    listen(window, "popstate", |_| {
        RESTORE.set(true);
        NAVIGATING.set(true);
    });
}

/// After a page is shown: restores its scroll after Back or Forward (and
/// says so: the caller then leaves focus where it is), and schedules the
/// idle prefetch of the links in view.
pub fn page_shown() -> bool {
    NAVIGATING.set(false);
    crate::api::new_page_view();
    let restoring = RESTORE.replace(false);
    if restoring {
        let here = current_path();
        let y = SCROLL
            .with_borrow(|s| s.iter().find(|(p, _)| *p == here).map(|(_, y)| *y))
            .unwrap_or(0.0);
        let _ = leptos::prelude::request_animation_frame(move || {
            if let Some(window) = web_sys::window() {
                window.scroll_to_with_x_and_y(0.0, y);
            }
        });
    }
    if let Some(old) = IDLE_TIMER.take() {
        if let Some(w) = web_sys::window() {
            w.clear_timeout_with_handle(old);
        }
    }
    // After the page's own images have had the network, when the browser
    // is idle.
    IDLE_TIMER.set(set_timeout(IDLE_MS, || when_idle(prefetch_in_view)));
    restoring
}

/// `requestIdleCallback` where the browser has it, else at once.
fn when_idle(f: fn()) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let idle = js_sys::Reflect::get(&window, &"requestIdleCallback".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    match idle {
        Some(request) => {
            let callback = Closure::once_into_js(f);
            let _ = request.call1(&window, &callback);
        }
        None => f(),
    }
}

/// The data of the first links in view, unless the reader saves data.
fn prefetch_in_view() {
    IDLE_TIMER.set(None);
    if saving_data() {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let height = window
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(800.0);
    let Some(links) = window
        .document()
        .and_then(|d| d.query_selector_all("main a[href]").ok())
    else {
        return;
    };
    let mut seen = Vec::new();
    for i in 0..links.length() {
        if seen.len() >= IDLE_LINKS {
            break;
        }
        let Some(link) = links
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        let rect = link.get_bounding_client_rect();
        if rect.bottom() < 0.0 || rect.top() > height || rect.width() == 0.0 {
            continue;
        }
        let Some(api) = same_origin_path(&link).as_deref().and_then(api_path_of) else {
            continue;
        };
        if !seen.contains(&api) {
            seen.push(api.clone());
            crate::api::prefetch(api);
        }
    }
}
