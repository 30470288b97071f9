use bantin_model::head;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="not-found">
            <h1 tabindex="-1">{head::NOT_FOUND_TITLE}</h1>
            <p>"Trang bạn tìm không có hoặc đã được chuyển đi."</p>
            <p><a class="button" href="/">"Về trang chủ"</a></p>
        </section>
    }
}
