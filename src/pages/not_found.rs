use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::components::LateHead;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <LateHead>
            <Title text="Không tìm thấy trang" />
            <Meta name="robots" content="noindex" />
        </LateHead>
        <section class="not-found">
            <h1 tabindex="-1">"Không tìm thấy trang"</h1>
            <p>"Trang bạn tìm không có hoặc đã được chuyển đi."</p>
            <p><a class="button" href="/">"Về trang chủ"</a></p>
        </section>
    }
}
