use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};

/// Title, description and canonical link of a page.
#[component]
pub fn PageMeta(title: String, description: String, canonical: String) -> impl IntoView {
    view! {
        <Title text=title />
        <Meta name="description" content=description />
        <Link rel="canonical" href=canonical />
    }
}
