use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen_futures::JsFuture;

/// Copies the article's address with the Clipboard API and says so.
#[component]
pub fn CopyLink(url: String) -> impl IntoView {
    let (message, set_message) = signal(None::<&'static str>);
    let copy = move |_| {
        let url = url.clone();
        spawn_local(async move {
            let copied = match web_sys::window() {
                Some(window) => JsFuture::from(window.navigator().clipboard().write_text(&url))
                    .await
                    .is_ok(),
                None => false,
            };
            set_message.set(Some(if copied {
                "Đã sao chép liên kết"
            } else {
                "Không sao chép được, hãy sao chép từ thanh địa chỉ"
            }));
        });
    };
    view! {
        <button type="button" class="share-link" on:click=copy>"Sao chép liên kết"</button>
        <span class="copy-status" role="status" aria-live="polite">{move || message.get()}</span>
    }
}
