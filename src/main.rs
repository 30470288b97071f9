fn main() {
    bantin::remove_prerendered_head();
    leptos::mount::mount_to_body(bantin::App);
}
