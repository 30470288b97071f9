//! The browser side: the page's controls, found by their ids.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Document, Element, Event, HtmlIFrameElement, HtmlInputElement, HtmlSelectElement};

use bantin_model::widget::ids;

use crate::Form;

#[wasm_bindgen(start)]
pub fn start() {
    // A page without the form (a cached copy of another version) is left
    // as it is rather than half-wired.
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(form) = document.get_element_by_id(ids::FORM) else {
        return;
    };
    listen(&form, "input", {
        let document = document.clone();
        move |_| update(&document)
    });
    listen(&form, "change", {
        let document = document.clone();
        move |_| {
            clamp_limit(&document);
            update(&document);
        }
    });
    // Enter in a text field would submit the form and reload the page.
    listen(&form, "submit", |event| event.prevent_default());
    if let Ok(buttons) = document.query_selector_all("[data-copy]") {
        for i in 0..buttons.length() {
            let Some(button) = buttons.item(i).and_then(|b| b.dyn_into::<Element>().ok()) else {
                continue;
            };
            let _ = button.remove_attribute("disabled");
            let own = button.clone();
            let document = document.clone();
            listen(&button, "click", move |_| copy(&document, &own));
        }
    }
    if let Ok(Some(fieldset)) = form.query_selector("fieldset") {
        let _ = fieldset.remove_attribute("disabled");
    }
    update(&document);
}

/// Calls `handler` on every `event` at `target`, for the page's lifetime.
fn listen(target: &Element, event: &str, handler: impl Fn(Event) + 'static) {
    let closure = Closure::<dyn Fn(Event)>::new(handler);
    let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    closure.forget();
}

fn input(document: &Document, id: &str) -> Option<HtmlInputElement> {
    document.get_element_by_id(id)?.dyn_into().ok()
}

fn select_value(document: &Document, id: &str) -> String {
    document
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<HtmlSelectElement>().ok())
        .map(|s| s.value())
        .unwrap_or_default()
}

fn read(document: &Document) -> Form {
    let value = |id| input(document, id).map(|i| i.value()).unwrap_or_default();
    let checked = |id| input(document, id).is_some_and(|i| i.checked());
    Form {
        category: select_value(document, ids::CATEGORY),
        limit: value(ids::LIMIT),
        theme: select_value(document, ids::THEME),
        layout: select_value(document, ids::LAYOUT),
        show_date: checked(ids::SHOW_DATE),
        new_tab: checked(ids::NEW_TAB),
        partner: value(ids::PARTNER),
    }
}

/// Shows the limit that applies once the reader leaves the field.
fn clamp_limit(document: &Document) {
    if let Some(limit) = input(document, ids::LIMIT) {
        limit.set_value(&read(document).options().limit.to_string());
    }
}

/// The preview and the snippets for the form as it is now.
fn update(document: &Document) {
    let site_url = document
        .query_selector(".widget-page")
        .ok()
        .flatten()
        .and_then(|page| page.get_attribute("data-site-url"))
        .unwrap_or_default();
    let options = read(document).options();
    let (script, iframe) = options.snippets(&site_url);
    let set_text = |id, text: &str| {
        if let Some(element) = document.get_element_by_id(id) {
            element.set_text_content(Some(text));
        }
    };
    set_text(ids::SCRIPT, &script);
    set_text(ids::IFRAME, &iframe);
    let preview = document
        .get_element_by_id(ids::PREVIEW)
        .and_then(|e| e.dyn_into::<HtmlIFrameElement>().ok());
    if let Some(preview) = preview {
        let src = format!("/embed/headlines/?{}", options.query());
        // Only a different address reloads the preview.
        if preview.get_attribute("src").as_deref() != Some(src.as_str()) {
            preview.set_src(&src);
        }
        let _ = preview.set_attribute("style", &options.preview_style());
    }
}

/// Copies the text of the button's target with the Clipboard API and says
/// in the status next to it whether that worked.
fn copy(document: &Document, button: &Element) {
    let text = button
        .get_attribute("data-copy")
        .and_then(|id| document.get_element_by_id(&id))
        .and_then(|target| target.text_content())
        .unwrap_or_default();
    let status = button.next_element_sibling();
    wasm_bindgen_futures::spawn_local(async move {
        let copied = match web_sys::window() {
            Some(window) => JsFuture::from(window.navigator().clipboard().write_text(&text))
                .await
                .is_ok(),
            None => false,
        };
        if let Some(status) = status {
            status.set_text_content(Some(if copied {
                "Đã sao chép"
            } else {
                "Không sao chép được, hãy chọn và sao chép thủ công"
            }));
        }
    });
}
