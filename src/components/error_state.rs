use leptos::prelude::*;
use leptos::tachys::view::any_view::AnyView;

use crate::api::ApiError;
use crate::pages::NotFound;

/// What a page shows when its data could not be had: not-found for a
/// missing item, otherwise a Vietnamese message and a retry button.
#[component]
pub fn ErrorState(
    errors: ArcRwSignal<Errors>,
    retry: impl Fn() + Send + Sync + 'static,
) -> impl IntoView {
    error_state(errors, Box::new(retry))
}

/// One copy for every caller (the retry boxed).
fn error_state(errors: ArcRwSignal<Errors>, retry: Box<dyn Fn() + Send + Sync>) -> AnyView {
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
            <h1 tabindex="-1">"Không tải được nội dung"</h1>
            <p>"Có thể mạng đang chậm hoặc bị gián đoạn. Vui lòng kiểm tra kết nối rồi thử lại."</p>
            <button type="button" class="button" on:click=move |_| retry()>"Thử lại"</button>
        </section>
    }
    .into_any()
}
