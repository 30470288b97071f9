use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};

use crate::components::LateHead;

/// Title, description and canonical link of a page.
#[component]
pub fn PageMeta(title: String, description: String, canonical: String) -> impl IntoView {
    view! {
        <LateHead>
            <Title text=title.clone() />
            <Meta name="description" content=description.clone() />
            <Link rel="canonical" href=canonical.clone() />
        </LateHead>
    }
}
