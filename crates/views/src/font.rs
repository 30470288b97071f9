use leptos::prelude::*;

/// The reader's text sizes, as multiples of the base size. Strings, because
/// they only ever go into CSS (and float formatting costs the bundle
/// kilobytes: docs/size-analysis.md).
pub const FONT_SCALES: [&str; 5] = ["0.9", "1", "1.15", "1.3", "1.5"];

/// Where the chosen size is remembered (`localStorage`), as an index.
pub const FONT_SCALE_KEY: &str = "bantin.fontScale";

/// The size a reader starts with, an index into [`FONT_SCALES`].
pub const FONT_SCALE_DEFAULT: usize = 1;

const LAST: usize = FONT_SCALES.len() - 1;

/// A− / A+ buttons over an index into [`FONT_SCALES`].
#[component]
pub fn FontSizeControl(index: RwSignal<usize>) -> impl IntoView {
    let at_smallest = move || index.get() == 0;
    let at_largest = move || index.get() == LAST;
    let smaller = move |_| index.update(|i| *i = i.saturating_sub(1));
    let larger = move |_| index.update(|i| *i = (*i + 1).min(LAST));
    view! {
        <div class="font-size" role="group" aria-label="Cỡ chữ">
            <button type="button" title="Giảm cỡ chữ" data-font-step="-1" disabled=at_smallest on:click=smaller>
                <span aria-hidden="true">"A−"</span>
                <span class="visually-hidden">"Giảm cỡ chữ"</span>
            </button>
            <button type="button" title="Tăng cỡ chữ" data-font-step="1" disabled=at_largest on:click=larger>
                <span aria-hidden="true">"A+"</span>
                <span class="visually-hidden">"Tăng cỡ chữ"</span>
            </button>
        </div>
    }
}
