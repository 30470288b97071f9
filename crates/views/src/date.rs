use bantin_model::{date_line, date_short, rfc3339};
use chrono::{DateTime, FixedOffset};
use leptos::prelude::*;

/// The long Vietnamese date line of an article page, machine-readable too.
#[component]
pub fn DateLine(at: DateTime<FixedOffset>) -> impl IntoView {
    view! { <time datetime=rfc3339::format(&at)>{date_line(&at)}</time> }
}

/// The short date of list items.
#[component]
pub fn DateShort(at: DateTime<FixedOffset>) -> impl IntoView {
    view! { <time datetime=rfc3339::format(&at)>{date_short(&at)}</time> }
}
