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
