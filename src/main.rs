fn main() {
    console_error_panic_hook::set_once();
    bantin::remove_prerendered_head();
    leptos::mount::mount_to_body(bantin::App);
}
