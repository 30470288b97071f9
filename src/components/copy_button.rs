use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// Copies `text` with the Clipboard API and says whether it worked.
#[component]
pub fn CopyButton(#[prop(into)] text: Signal<String>, label: &'static str) -> impl IntoView {
    let (message, set_message) = signal(None::<&'static str>);
    let copy = move |_| {
        let text = text.get_untracked();
        crate::spawn(async move {
            let copied = match web_sys::window() {
                Some(window) => JsFuture::from(window.navigator().clipboard().write_text(&text))
                    .await
                    .is_ok(),
                None => false,
            };
            set_message.set(Some(if copied {
                "Đã sao chép"
            } else {
                "Không sao chép được, hãy chọn và sao chép thủ công"
            }));
        });
    };
    view! {
        <button type="button" class="share-link" on:click=copy>{label}</button>
        <span class="copy-status" role="status" aria-live="polite">{move || message.get()}</span>
    }
}

/// The article's "copy link" button. Its address is the one the page shows.
#[cfg(not(feature = "islands"))]
pub fn copy_link(url: String) -> impl IntoView {
    view! { <CopyButton text=url label="Sao chép liên kết" /> }
}

/// In the islands experiment the button is an island of its own, without
/// props (props would link a JSON decoder): it copies the document's
/// canonical address, which is the article's.
#[cfg(feature = "islands")]
pub fn copy_link(_url: String) -> impl IntoView {
    view! { <CopyLink /> }
}

#[cfg(feature = "islands")]
#[leptos::island]
fn CopyLink() -> impl IntoView {
    let canonical = || {
        let document = document();
        document
            .query_selector("link[rel=canonical]")
            .ok()
            .flatten()
            .and_then(|link| link.get_attribute("href"))
            .or_else(|| document.location()?.href().ok())
            .unwrap_or_default()
    };
    view! { <CopyButton text=Signal::derive(canonical) label="Sao chép liên kết" /> }
}
