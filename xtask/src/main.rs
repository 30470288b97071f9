//! `cargo xtask serve` builds the sample newsroom and serves it;
//! `cargo xtask test` runs every test. Both install what is missing first.

mod bench;
mod budgets;
mod corpus;
mod deploy_check;
mod gen;
mod layers;
mod rng;
mod search_check;
mod setup;
mod size_profile;
mod sizes;
mod tasks;
mod util;
mod widget;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <command>

commands:
  serve [--port N]   build the app and the sample newsroom into dist/ and serve it (default port 8080)
  site [--out DIR] [--base-url URL]
                     build the deployable folder: trunk release build, then bantin build --app (default dist)
  test               install what is missing, then run every check and test
  e2e                only the end-to-end tests (builds the site, serves it with nginx)
  sizes [SITE]       transfer sizes of a built site (default dist/) against the budgets
  bench [--counts 10000,100000]
                     sizes, Lighthouse, list rendering vs vanilla JS, publisher vs Hugo;
                     writes docs/benchmarks.md
  bench-list         only the list rendering comparison, printed
  bench-photos       only the photo pipeline against Hugo and the warm rebuild, printed
  bench-navigation   only navigation between pages against document loads, throttled, printed
  bench-publish [--counts 10000,100000]
                     only the publisher against Hugo (paired runs, rebuild and fresh folder), printed
  bench-changes [--counts 10000,100000] [--publishes 1000]
                     only what a publish uploads, deletes and purges (new, edited,
                     deleted article; then N new ones in a row), printed
  bench-media [--count 2000]
                     only what recordings cost: the rebuild with 100 unchanged, one new
                     article's change list, the bytes on its page before play, printed
  bench-lighthouse   only Lighthouse on the six reader pages, with every failing audit
  bench-serve        only the preview's edit-to-visible latency (sample, 2 000 articles), printed
  gen-content --count N --out DIR [--markdown DIR] [--photos N] [--add-newest K]
                     write N synthetic articles (and the same corpus as Markdown),
                     the first N with photos from mate-backgrounds; with
                     --add-newest, add the K-th article newer than all to that corpus
  layers             only the module check: no import circles, no later stage imported
  size-profile       the app's wasm per crate and per function (installs twiggy)
  setup              install what is missing (wasm target, trunk, wasm-bindgen-cli, npm tools, chromium, nginx)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => tasks::serve(&args[1..]),
        Some("site") => tasks::site_command(&args[1..]),
        Some("test") => tasks::test(),
        Some("e2e") => setup::all(setup::Needs::Everything).and_then(|()| tasks::e2e()),
        Some("sizes") => {
            let site = args
                .get(1)
                .map_or_else(|| util::root().join("dist"), std::path::PathBuf::from);
            sizes::check(&site)
        }
        Some("gen-content") => gen::run(&args[1..]),
        Some("search-check") => search_check::command(),
        Some("layers") => layers::check(),
        Some("size-profile") => size_profile::command(),
        Some("bench") => bench::run_bench(&args[1..]),
        Some("bench-list") => bench::list::command(),
        Some("bench-lighthouse") => bench::lighthouse::command(),
        Some("bench-photos") => bench::photos::command(),
        Some("bench-navigation") => bench::navigation::command(),
        Some("bench-search") => bench::search::command(),
        Some("bench-publish") => bench::publish::command(&args[1..]),
        Some("bench-changes") => bench::changes::command(&args[1..]),
        Some("bench-media") => bench::media::command(&args[1..]),
        Some("bench-serve") => bench::serve::command(),
        Some("setup") => setup::all(setup::Needs::Everything),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("xtask: {err:#}");
            ExitCode::FAILURE
        }
    }
}
