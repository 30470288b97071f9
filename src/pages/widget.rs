use bantin_model::widget::{Options, DEFAULT_LIMIT, MAX_LIMIT};
use leptos::prelude::*;

use crate::app::{absolute, SiteResource};
use crate::components::{focus_heading_after_navigation, live, CopyButton};
use crate::pages::meta::PageMeta;

/// The two embed snippets for `options`, with the box's height reserved so
/// that the partner's page does not move when the headlines arrive.
pub fn snippets(site_url: &str, options: &Options) -> (String, String) {
    let height = options.reserved_height() + 2;
    let attributes: String = options
        .pairs()
        .iter()
        .map(|(k, v)| format!(" data-{k}=\"{v}\""))
        .collect();
    let script = format!(
        "<div data-bantin-headlines{attributes} style=\"min-height:{height}px\"></div>\n\
         <script async src=\"{site_url}/embed.js\"></script>"
    );
    let iframe = format!(
        "<iframe src=\"{site_url}/embed/headlines/?{}\"\n        title=\"Tin mới\" loading=\"lazy\" style=\"border:0;width:100%;height:{height}px\"></iframe>",
        options.query()
    );
    (script, iframe)
}

/// `/widget/`: options, a live preview with the real widget, the snippets.
#[component]
pub fn WidgetPage() -> impl IntoView {
    let site = expect_context::<SiteResource>();
    let category = RwSignal::new(String::new());
    let limit = RwSignal::new(DEFAULT_LIMIT);
    let theme = RwSignal::new("auto".to_owned());
    let layout = RwSignal::new("list".to_owned());
    let show_date = RwSignal::new(true);
    let partner = RwSignal::new(String::new());
    let new_tab = RwSignal::new(true);

    let options = Memo::new(move |_| {
        let (c, l, t, y, p) = (
            category.get(),
            limit.get().to_string(),
            theme.get(),
            layout.get(),
            partner.get(),
        );
        let date = if show_date.get() { "true" } else { "false" };
        let target = if new_tab.get() { "_blank" } else { "_self" };
        Options::parse(|name| match name {
            "category" => Some(c.as_str()),
            "limit" => Some(l.as_str()),
            "theme" => Some(t.as_str()),
            "layout" => Some(y.as_str()),
            "show-date" => Some(date),
            "partner" => Some(p.as_str()),
            "target" => Some(target),
            _ => None,
        })
    });
    let site_url = move || {
        site.get()
            .and_then(Result::ok)
            .map(|s| s.base_url)
            .unwrap_or_default()
    };
    let snippet = Memo::new(move |_| snippets(&site_url(), &options.get()));
    let script = Signal::derive(move || snippet.get().0);
    let iframe = Signal::derive(move || snippet.get().1);
    let preview = move || format!("/embed/headlines/?{}", options.get().query());
    let preview_height = move || {
        format!(
            "border:0;width:100%;height:{}px",
            options.get().reserved_height() + 2
        )
    };
    let categories = move || {
        site.get()
            .and_then(Result::ok)
            .map(|s| s.categories)
            .unwrap_or_default()
    };
    Effect::new(move |_| focus_heading_after_navigation());
    let live = live();

    view! {
        <PageMeta
            title="Hộp tin cho trang đối tác".to_owned()
            description="Gắn hộp tin mới của đài lên trang của trường học, phường, xã bằng một đoạn mã.".to_owned()
            canonical=absolute(site.get_untracked().and_then(Result::ok).as_ref(), "/widget/")
        />
        <section class="widget-page">
            <h1 class="page-title" tabindex="-1">"Hộp tin cho trang đối tác"</h1>
            <p>"Chọn cách hiển thị, xem trước, rồi dán một đoạn mã vào trang của bạn. Hộp tin luôn cập nhật tin mới nhất."</p>
            <div class="configurator">
                <form on:submit=|ev| ev.prevent_default()>
                    // Usable once the app runs them: a choice made in the
                    // pre-rendered form would not reach preview and snippets.
                    <fieldset class="options" disabled=move || !live.get()>
                    <div class="field">
                        <label for="w-category">"Chuyên mục"</label>
                        <select id="w-category" on:change=move |ev| category.set(event_target_value(&ev))>
                            <option value="">"Tất cả chuyên mục"</option>
                            {move || {
                                categories()
                                    .into_iter()
                                    .map(|c| view! { <option value=c.slug>{c.name}</option> })
                                    .collect_view()
                            }}
                        </select>
                    </div>
                    <div class="field">
                        <label for="w-limit">"Số tin (1–20)"</label>
                        <input id="w-limit"
                            type="number"
                            min="1"
                            max=MAX_LIMIT.to_string()
                            prop:value=move || limit.get().to_string()
                            on:change=move |ev| {
                                let n = event_target_value(&ev).parse::<usize>().unwrap_or(DEFAULT_LIMIT);
                                limit.set(n.clamp(1, MAX_LIMIT));
                            }
                        />
                    </div>
                    <div class="field">
                        <label for="w-theme">"Giao diện"</label>
                        <select id="w-theme" on:change=move |ev| theme.set(event_target_value(&ev))>
                            <option value="auto">"Theo máy người đọc"</option>
                            <option value="light">"Sáng"</option>
                            <option value="dark">"Tối"</option>
                        </select>
                    </div>
                    <div class="field">
                        <label for="w-layout">"Kiểu hiển thị"</label>
                        <select id="w-layout" on:change=move |ev| layout.set(event_target_value(&ev))>
                            <option value="list">"Danh sách"</option>
                            <option value="compact">"Gọn"</option>
                            <option value="thumbs">"Có ảnh nhỏ"</option>
                        </select>
                    </div>
                    <label class="check">
                        <input type="checkbox" prop:checked=show_date on:change=move |ev| show_date.set(event_target_checked(&ev)) />
                        "Hiện ngày giờ"
                    </label>
                    <label class="check">
                        <input type="checkbox" prop:checked=new_tab on:change=move |ev| new_tab.set(event_target_checked(&ev)) />
                        "Mở bài trong thẻ mới"
                    </label>
                    <div class="field">
                        <label for="w-partner">"Mã đối tác (không bắt buộc)"</label>
                        <input id="w-partner"
                            type="text"
                            maxlength="64"
                            placeholder="vd: thpt-duy-tien-a"
                            prop:value=partner
                            on:input=move |ev| partner.set(event_target_value(&ev))
                        />
                    </div>
                    </fieldset>
                </form>
                <div class="preview">
                    <h2>"Xem trước"</h2>
                    <iframe src=preview title="Xem trước hộp tin" style=preview_height></iframe>
                </div>
            </div>
            <h2>"Cách 1: đoạn mã script (khuyên dùng)"</h2>
            <pre class="snippet"><code>{script}</code></pre>
            <CopyButton text=script label="Sao chép mã script" />
            <h2>"Cách 2: iframe (tách biệt hoàn toàn)"</h2>
            <pre class="snippet"><code>{iframe}</code></pre>
            <CopyButton text=iframe label="Sao chép mã iframe" />
            <h2>"Nếu trang của bạn dùng Content-Security-Policy"</h2>
            <p>
                "Cho phép địa chỉ của đài trong "<code>"script-src"</code>" và "<code>"connect-src"</code>
                ", thêm "<code>"'wasm-unsafe-eval'"</code>" vào "<code>"script-src"</code>
                ". Nếu không thể cho phép WebAssembly, hộp tin tự chuyển sang dạng iframe: khi đó cần cho phép địa chỉ của đài trong "
                <code>"frame-src"</code>"."
            </p>
        </section>
    }
}
