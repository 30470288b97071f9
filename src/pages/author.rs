use leptos::prelude::*;

use super::category::{list_page, List};

/// `/tac-gia/{slug}/` and `/tac-gia/{slug}/{n}/`: an author's articles, the
/// category page's shape.
#[component]
pub fn AuthorPage() -> impl IntoView {
    list_page(List::Author)
}
