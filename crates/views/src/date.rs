use bantin_model::{date_line, date_short};
use chrono::{DateTime, FixedOffset};
use leptos::prelude::*;

/// The long Vietnamese date line of an article page, machine-readable too.
#[component]
pub fn DateLine(at: DateTime<FixedOffset>) -> impl IntoView {
    view! { <time datetime=at.to_rfc3339()>{date_line(&at)}</time> }
}

/// The short date of list items.
#[component]
pub fn DateShort(at: DateTime<FixedOffset>) -> impl IntoView {
    view! { <time datetime=at.to_rfc3339()>{date_short(&at)}</time> }
}
