use bantin_model::Image;
use leptos::html::Img;
use leptos::prelude::*;

use crate::IntoAnyEager;

/// A node reference for an `<img>` with an `error` handler. When the app
/// hydrates a pre-rendered page, the image may already have failed before
/// anyone listened: it is asked for again, so that its `error` arrives.
pub fn retry_if_broken() -> NodeRef<Img> {
    let node = NodeRef::<Img>::new();
    Effect::new(move || {
        if let Some(img) = node.get() {
            // Loaded images have a size; failed ones are complete without one.
            if img.complete() && img.natural_width() == 0 {
                img.set_src(&img.src());
            }
        }
    });
    node
}

/// An image in a box of fixed aspect ratio, so nothing shifts while it
/// loads; a neat placeholder when there is none or it fails to load.
/// `decorative` images (next to the same title) get an empty `alt`.
#[component]
pub fn Picture(
    image: Option<Image>,
    #[prop(default = "pic")] class: &'static str,
    #[prop(default = false)] decorative: bool,
    /// The hero image of a page: loaded first, not lazily.
    #[prop(default = false)]
    eager: bool,
) -> impl IntoView {
    let failed = RwSignal::new(false);
    let ratio = image
        .as_ref()
        .and_then(|i| Some(format!("aspect-ratio: {} / {}", i.width?, i.height?)));
    let placeholder = move || {
        view! { <span class="pic-fallback" aria-hidden="true"></span> }
    };
    let Some(image) = image else {
        return view! { <div class=class>{placeholder()}</div> }.into_any_eager();
    };
    let alt = if decorative {
        String::new()
    } else {
        image.alt.clone()
    };
    let (width, height) = (image.width, image.height);
    let src = image.src;
    view! {
        <div class=class style=ratio>
            {move || {
                if failed.get() {
                    placeholder().into_any_eager()
                } else {
                    view! {
                        <img
                            src=src.clone()
                            alt=alt.clone()
                            width=width
                            height=height
                            loading=if eager { "eager" } else { "lazy" }
                            fetchpriority=if eager { Some("high") } else { None }
                            decoding="async"
                            node_ref=retry_if_broken()
                            on:error=move |_| failed.set(true)
                        />
                    }
                        .into_any_eager()
                }
            }}
        </div>
    }
    .into_any_eager()
}
