use bantin_model::widget::{ids, Options, MAX_LIMIT};
use bantin_model::CategoryRef;
use leptos::prelude::*;

/// The partners' page (`/widget/`): options, a live preview with the real
/// widget and the two snippets, rendered for the default options. It is
/// not part of the reader app: the build renders it, and the page's own
/// small module (`crates/configurator`) runs the form, found by these ids.
/// The options stay disabled until that module runs them, so that a choice
/// is never made where it would not reach the preview and the snippets.
#[component]
pub fn WidgetConfigurator(site_url: String, categories: Vec<CategoryRef>) -> impl IntoView {
    let options = Options::default();
    let (script, iframe) = options.snippets(&site_url);
    view! {
        <section class="widget-page" data-site-url=site_url>
            <h1 class="page-title" tabindex="-1">"Hộp tin cho trang đối tác"</h1>
            <p>"Chọn cách hiển thị, xem trước, rồi dán một đoạn mã vào trang của bạn. Hộp tin luôn cập nhật tin mới nhất."</p>
            <div class="configurator">
                <OptionsForm options=options.clone() categories />
                <div class="preview">
                    <h2>"Xem trước"</h2>
                    <iframe
                        id=ids::PREVIEW
                        src=format!("/embed/headlines/?{}", options.query())
                        title="Xem trước hộp tin"
                        style=options.preview_style()
                    ></iframe>
                </div>
            </div>
            <Snippets script iframe />
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

/// The options, disabled until the configurator's module runs them.
#[component]
fn OptionsForm(options: Options, categories: Vec<CategoryRef>) -> impl IntoView {
    view! {
        <form id=ids::FORM>
            <fieldset class="options" disabled>
                <div class="field">
                    <label for=ids::CATEGORY>"Chuyên mục"</label>
                    <select id=ids::CATEGORY name="category">
                        <option value="">"Tất cả chuyên mục"</option>
                        {categories
                            .into_iter()
                            .map(|c| view! { <option value=c.slug>{c.name}</option> })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for=ids::LIMIT>"Số tin (1–20)"</label>
                    <input id=ids::LIMIT name="limit" type="number" min="1" max=MAX_LIMIT.to_string() value=options.limit.to_string() />
                </div>
                <Choice id=ids::THEME name="theme" label="Giao diện" options=THEMES />
                <Choice id=ids::LAYOUT name="layout" label="Kiểu hiển thị" options=LAYOUTS />
                <label class="check">
                    <input id=ids::SHOW_DATE name="show-date" type="checkbox" checked=options.show_date />
                    "Hiện ngày giờ"
                </label>
                <label class="check">
                    <input id=ids::NEW_TAB name="new-tab" type="checkbox" checked=options.new_tab />
                    "Mở bài trong thẻ mới"
                </label>
                <div class="field">
                    <label for=ids::PARTNER>"Mã đối tác (không bắt buộc)"</label>
                    <input id=ids::PARTNER name="partner" type="text" maxlength="64" placeholder="vd: thpt-duy-tien-a" />
                </div>
            </fieldset>
        </form>
    }
}

/// The two snippets to copy, and what the iframe isolates.
#[component]
fn Snippets(script: String, iframe: String) -> impl IntoView {
    view! {
        <h2>"Cách 1: đoạn mã script (khuyên dùng)"</h2>
        <pre class="snippet"><code id=ids::SCRIPT>{script}</code></pre>
        <CopyControl target=ids::SCRIPT label="Sao chép mã script" />
        <h2>"Cách 2: iframe trong hộp cát (sandbox)"</h2>
        <p>
            "Hộp tin chạy trong một khung riêng: nó không đọc hay sửa được trang của bạn, không mở cửa sổ, không gửi biểu mẫu, không tự chuyển trang của bạn đi nơi khác; chỉ khi người đọc bấm vào một tin thì bài viết mới mở ra. "
            "Đài chỉ biết tên miền trang của bạn, không biết địa chỉ từng trang. "
            "Khung vẫn tải tin và hình từ máy chủ của đài, nên đài thấy địa chỉ IP của người đọc như mọi trang web họ mở."
        </p>
        <pre class="snippet"><code id=ids::IFRAME>{iframe}</code></pre>
        <CopyControl target=ids::IFRAME label="Sao chép mã iframe" />
    }
}

/// The widget's themes and layouts as the form offers them: (value, label).
const THEMES: &[(&str, &str)] = &[
    ("auto", "Theo máy người đọc"),
    ("light", "Sáng"),
    ("dark", "Tối"),
];
const LAYOUTS: &[(&str, &str)] = &[
    ("list", "Danh sách"),
    ("compact", "Gọn"),
    ("thumbs", "Có ảnh nhỏ"),
];

/// A labelled choice among fixed options, the first one selected.
#[component]
fn Choice(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    options: &'static [(&'static str, &'static str)],
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id name=name>
                {options
                    .iter()
                    .map(|(value, text)| view! { <option value=*value>{*text}</option> })
                    .collect_view()}
            </select>
        </div>
    }
}

/// A button that copies the text of the element `target`, and where it
/// says whether that worked. Disabled until the page's module runs it.
#[component]
fn CopyControl(target: &'static str, label: &'static str) -> impl IntoView {
    view! {
        <button type="button" class="share-link" data-copy=target disabled>{label}</button>
        <span class="copy-status" role="status" aria-live="polite"></span>
    }
}
