use bantin_model::head;
use leptos::prelude::*;

use crate::components::page_head;

#[component]
pub fn NotFound() -> impl IntoView {
    page_head(head::not_found);
    view! {
        <section class="not-found">
            <h1 tabindex="-1">{head::NOT_FOUND_TITLE}</h1>
            <p>"Trang bạn tìm không có hoặc đã được chuyển đi."</p>
            <p><a class="button" href="/">"Về trang chủ"</a></p>
        </section>
    }
}
