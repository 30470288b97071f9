use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::ApiError;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <Title text="Không tìm thấy trang" />
        <section class="not-found">
            <h1>"Không tìm thấy trang"</h1>
            <p>"Trang bạn tìm không có hoặc đã được chuyển đi."</p>
            <p><a href="/">"Về trang chủ"</a></p>
        </section>
    }
}

/// What a page shows when its data could not be had: not-found for a
/// missing item, otherwise a message and a retry button.
#[component]
pub fn ErrorState(
    errors: ArcRwSignal<Errors>,
    retry: impl Fn() + Send + Sync + 'static,
) -> impl IntoView {
    let not_found = errors.read().iter().any(|(_, e)| {
        e.downcast_ref::<ApiError>()
            .is_some_and(ApiError::is_not_found)
    });
    if not_found {
        return view! { <NotFound /> }.into_any();
    }
    for (_, error) in errors.read().iter() {
        leptos::logging::warn!("không tải được dữ liệu: {error}");
    }
    view! {
        <section class="error-state" role="alert">
            <p>"Không tải được nội dung. Vui lòng kiểm tra kết nối mạng và thử lại."</p>
            <button type="button" on:click=move |_| retry()>"Thử lại"</button>
        </section>
    }
    .into_any()
}
