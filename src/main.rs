fn main() {
    bantin::remove_prerendered_head();
    bantin::take_over_prerendered_page();
    leptos::mount::mount_to_body(bantin::App);
}
