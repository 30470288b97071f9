use leptos::prelude::*;

/// `false` in the pre-rendered page and while the app hydrates it, `true`
/// once the app runs the page (effects run only in the browser, after it).
pub fn live() -> ReadSignal<bool> {
    let (live, set_live) = signal(false);
    Effect::new(move || set_live.set(true));
    live
}

/// Head tags (`leptos_meta`) added once the page is live. Each document's
/// head already holds the build's own tags, which the app removes; the
/// app's are not looked for there while it hydrates.
#[component]
pub fn LateHead(children: ChildrenFn) -> impl IntoView {
    let live = live();
    move || live.get().then(|| children())
}
