//! The module graph of `crates/publish` and `xtask`, read from their
//! sources: no import circles, and no module importing a later stage of its
//! crate's pipeline (docs/architecture.md, “Pipeline”). Written by hand,
//! a page of code, because a crate that parses Rust (`syn`) would cost the
//! test command more build time than the check takes; it reads every path
//! form a module can name another by: `use crate::x`, `crate::{x, y}`,
//! an inline `crate::x::y`, `super::x` and, in the crate root, `x::`.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

use crate::util::root;

/// The crate root (`lib.rs` or `main.rs`): its own items, as a node.
pub const ROOT: &str = "(crate root)";

/// A crate's stages, first to last: `(name, modules)`. A module is named
/// by its path (`render::api`); a file belongs to the longest listed path
/// that holds it. A module may use its own stage and earlier ones.
type Layers = &'static [(&'static str, &'static [&'static str])];

const PUBLISH: Layers = &[
    ("shared", &["problem", "text", "markup", "js", "folders"]),
    (
        "content",
        &[
            "content",
            "content::source",
            "content::site",
            "content::load",
            "content::youtube",
        ],
    ),
    (
        "check",
        &[
            "photos",
            "media",
            "check",
            "check::podcast",
            "check::recordings",
            "check::rules",
            "check::topics",
        ],
    ),
    (
        "output",
        &[
            "output",
            "output::sink",
            "output::beside",
            "output::index",
            "output::lock",
            "output::staging",
        ],
    ),
    (
        "render",
        &[
            "render",
            "render::catalog",
            "render::api",
            "render::search",
            "render::feeds",
            "render::redirects",
            "render::headers",
            "render::offline",
            "render::podcast",
            "render::html",
            "render::html::template",
            "render::html::prerender",
            "render::html::structured",
            "render::html::documents",
        ],
    ),
    ("pipeline", &["build", "testing", ROOT]),
    (
        "commands",
        &["cmd", "cmd::messages", "cmd::new", "cmd::serve"],
    ),
];

const XTASK: Layers = &[
    ("base", &["util", "rng", "budgets"]),
    ("corpus", &["corpus", "gen"]),
    (
        "tools",
        &["setup", "widget", "sizes", "size_profile", "layers"],
    ),
    ("checks", &["search_check", "deploy_check"]),
    ("tasks", &["tasks"]),
    ("bench", &["bench"]),
    ("command line", &[ROOT]),
];

/// Checks both crates; every problem in one error.
pub fn check() -> Result<()> {
    let mut problems = Vec::new();
    for (name, src, root_file, layers) in [
        ("crates/publish", "crates/publish/src", "lib.rs", PUBLISH),
        ("xtask", "xtask/src", "main.rs", XTASK),
    ] {
        let graph = graph(&root().join(src), root_file, layers)?;
        problems.extend(
            problems_of(&graph, layers)
                .into_iter()
                .map(|p| format!("{name}: {p}")),
        );
    }
    if !problems.is_empty() {
        bail!("module layers:\n  {}", problems.join("\n  "));
    }
    println!("module layers: no circles, no module imports a later stage (publish, xtask)");
    Ok(())
}

/// Which modules (and the crate root) each one names.
type Graph = BTreeMap<String, BTreeSet<String>>;

/// The node a module path belongs to: the longest path the table lists
/// that holds it; a top-level module the table does not list stands for
/// itself (and is reported); anything else is the root's own item.
fn node_of(path: &[String], layers: Layers, top: &BTreeSet<String>) -> String {
    for len in (1..=path.len()).rev() {
        let name = path[..len].join("::");
        if layers.iter().any(|(_, ms)| ms.contains(&name.as_str())) {
            return name;
        }
    }
    match path.first() {
        Some(first) if top.contains(first) => first.clone(),
        _ => ROOT.to_owned(),
    }
}

/// A file's module path: `render/html/mod.rs` → `[render, html]`.
fn module_path(relative: &Path) -> Vec<String> {
    let mut path: Vec<String> = relative
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if path.last().is_some_and(|p| p == "mod") {
        path.pop();
    }
    path
}

/// The graph of the crate in `src`, whose root file is `root_file`.
fn graph(src: &Path, root_file: &str, layers: Layers) -> Result<Graph> {
    let root_text = fs::read_to_string(src.join(root_file))
        .with_context(|| format!("cannot read {}", src.join(root_file).display()))?;
    let top = declared_modules(&root_text);
    let mut graph = Graph::new();
    for file in rust_files(src)? {
        let relative = file.strip_prefix(src)?;
        let mut path = module_path(relative);
        let is_root = path == [root_file.trim_end_matches(".rs")];
        if !is_root && path.len() == 1 && (path[0] == "lib" || path[0] == "main") {
            // The other target's root (`main.rs` beside `lib.rs`): a crate of its own.
            continue;
        }
        if is_root {
            path.clear();
        }
        let text =
            fs::read_to_string(&file).with_context(|| format!("cannot read {}", file.display()))?;
        let me = match node_of(&path, layers, &top) {
            // A file of a module the root does not declare: itself, unplaced.
            node if node == ROOT && !path.is_empty() => path[0].clone(),
            node => node,
        };
        let named = names(&code_of(&text), &path)
            .into_iter()
            .map(|p| node_of(&p, layers, &top));
        let entry = graph.entry(me.clone()).or_default();
        entry.extend(named.filter(|n| *n != me));
    }
    for module in &top {
        graph.entry(module.clone()).or_default();
    }
    Ok(graph)
}

fn rust_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            files.extend(rust_files(&path)?);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// `mod x;` and `pub mod x;` in a file.
fn declared_modules(text: &str) -> BTreeSet<String> {
    text.lines()
        .filter_map(|line| {
            let line = line.trim();
            let rest = line
                .strip_prefix("pub mod ")
                .or_else(|| line.strip_prefix("pub(crate) mod "))
                .or_else(|| line.strip_prefix("mod "))?;
            let name = rest.strip_suffix(';')?.trim();
            is_ident(name).then(|| name.to_owned())
        })
        .collect()
}

/// The code that can name modules: without test modules (any
/// `#[cfg(test)] mod x { … }`: their `super` is the file itself) and
/// without comment lines.
fn code_of(text: &str) -> String {
    let code: String = text
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut kept = String::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("#[cfg(test)]") {
        kept.push_str(&rest[..at]);
        let after = &rest[at + "#[cfg(test)]".len()..];
        let is_module = after.trim_start().starts_with("mod ") && {
            let head: String = after
                .chars()
                .take_while(|&c| c != ';' && c != '{')
                .collect();
            after[head.len()..].starts_with('{')
        };
        rest = if is_module {
            &after[block_end(after)..]
        } else {
            after
        };
    }
    kept.push_str(rest);
    kept
}

/// Where the first `{ … }` block of `text` ends (just after its `}`), its
/// braces counted outside string and character literals.
fn block_end(text: &str) -> usize {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            // `'{'` and `'}'` are characters, not braces.
            '\'' if matches!(text.get(i + 1..i + 3), Some("{'" | "}'")) => {
                chars.next();
                chars.next();
            }
            '{' => depth += 1,
            '}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
    }
    text.len()
}

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

fn is_ident(s: &str) -> bool {
    !s.is_empty() && s.chars().all(is_ident_char)
}

/// The absolute module paths the code of the module at `me` names: through
/// `crate::`, `super::` (any number) and its own child modules (`x::`).
fn names(code: &str, me: &[String]) -> BTreeSet<Vec<String>> {
    let starts = |pattern: &str| -> Vec<usize> {
        code.match_indices(pattern)
            .filter(|(at, _)| !code[..*at].ends_with(is_ident_char) && !code[..*at].ends_with(':'))
            .map(|(at, _)| at)
            .collect()
    };
    let mut found = BTreeSet::new();
    for at in starts("crate::") {
        let rest = &code[at + "crate::".len()..];
        let named = paths(rest);
        // `crate::Item`: the root's own.
        let own = named.is_empty() && starts_item(rest);
        found.extend(if own { vec![Vec::new()] } else { named });
    }
    for at in starts("super::") {
        let mut rest = &code[at..];
        let mut up = 0;
        while let Some(r) = rest.strip_prefix("super::") {
            up += 1;
            rest = r;
        }
        let Some(base) = me.len().checked_sub(up) else {
            continue;
        };
        let named = paths(rest);
        // `super::Item` (or `*`): that module's own.
        let own = named.is_empty() && (starts_item(rest) || rest.starts_with('*'));
        for tail in if own { vec![Vec::new()] } else { named } {
            found.insert([&me[..base], &tail[..]].concat());
        }
    }
    for child in declared_modules(code) {
        for at in starts(&format!("{child}::")) {
            for tail in paths(&code[at..]) {
                found.insert([me, &tail[..]].concat());
            }
        }
    }
    found
}

/// Whether `rest` starts with an item's name (`Item`, not a module's).
fn starts_item(rest: &str) -> bool {
    rest.starts_with(|c: char| c.is_ascii_uppercase())
}

/// The paths at the start of `rest`, without their last item: `x::y::Z`
/// → `[x, y]`; `x::{y::Z, w}` → `[x, y]`, `[x, w]`; a lone `x` → `[x]`.
/// Lower-case segments are modules here; an upper-case one ends the path.
fn paths(rest: &str) -> Vec<Vec<String>> {
    let mut prefix: Vec<String> = Vec::new();
    let mut rest = rest;
    loop {
        if let Some(group) = rest.strip_prefix('{') {
            // `x::{…}` names `x` too (`self`, an item); `crate::{…}` the root.
            let mut all: Vec<Vec<String>> = vec![prefix.clone()];
            for item in group_items(group) {
                for tail in paths(item.trim_start()) {
                    all.push([&prefix[..], &tail[..]].concat());
                }
            }
            all.retain(|path| !path.is_empty());
            return all;
        }
        let ident: String = rest.chars().take_while(|&c| is_ident_char(c)).collect();
        if ident.is_empty() || ident == "self" || ident.starts_with(|c: char| c.is_uppercase()) {
            return if prefix.is_empty() {
                Vec::new()
            } else {
                vec![prefix]
            };
        }
        prefix.push(ident.clone());
        rest = &rest[ident.len()..];
        let Some(after) = rest.strip_prefix("::") else {
            return vec![prefix];
        };
        rest = after;
    }
}

/// The top-level items of a `{…}` group (its text after `{`).
fn group_items(group: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let (mut level, mut start) = (0usize, 0usize);
    for (i, c) in group.char_indices() {
        match c {
            '{' => level += 1,
            '}' if level == 0 => {
                items.push(&group[start..i]);
                break;
            }
            '}' => level -= 1,
            ',' if level == 0 => {
                items.push(&group[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items
}

/// Each circle and each import of a later stage, as a sentence.
fn problems_of(graph: &Graph, layers: Layers) -> Vec<String> {
    let layer_of = |module: &str| layers.iter().position(|(_, ms)| ms.contains(&module));
    let mut problems = Vec::new();
    for (module, named) in graph {
        let Some(mine) = layer_of(module) else {
            problems.push(format!(
                "{module} is in no stage: add it to the table in xtask/src/layers.rs"
            ));
            continue;
        };
        for other in named {
            if let Some(theirs) = layer_of(other).filter(|&theirs| theirs > mine) {
                problems.push(format!(
                    "{module} ({}) imports {other} ({}), a later stage",
                    layers[mine].0, layers[theirs].0
                ));
            }
        }
    }
    if let Some(circle) = circle(graph) {
        problems.push(format!("an import circle: {}", circle.join(" → ")));
    }
    problems
}

/// One circle of the graph, first node repeated at the end, if any.
fn circle(graph: &Graph) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &Graph,
        done: &mut BTreeSet<String>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|p| p == node) {
            let mut circle = path[at..].to_vec();
            circle.push(node.to_owned());
            return Some(circle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(circle) = visit(next, graph, done, path) {
                return Some(circle);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut done, &mut Vec::new()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LAYERS: Layers = &[("one", &["a", "b"]), ("two", &["c"]), ("root", &[ROOT])];

    /// A crate in a temporary folder: `(path, text)` per file.
    fn planted(files: &[(&str, &str)]) -> Graph {
        planted_in(files, LAYERS)
    }

    fn planted_in(files: &[(&str, &str)], layers: Layers) -> Graph {
        // One folder per call: the tests run at once.
        static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("bantin-layers-{}-{call}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        for (path, text) in files {
            let file = dir.join(path);
            fs::create_dir_all(file.parent().expect("parent")).expect("mkdir");
            fs::write(file, text).expect("write");
        }
        let graph = graph(&dir, "lib.rs", layers).expect("graph");
        let _ = fs::remove_dir_all(&dir);
        graph
    }

    const LIB: &str = "mod a;\nmod b;\nmod c;\npub fn run() { a::go(); }\n";

    #[test]
    fn a_planted_circle_fails_in_every_path_form() {
        let forms = [
            "use crate::a::X;",
            "fn f() { crate::a::go(); }",
            "use crate::{a::X, c};",
            "use super::a;",
            "use super::{c, a::X};",
        ];
        for form in forms {
            let graph = planted(&[
                ("lib.rs", LIB),
                ("a.rs", "use crate::b::Y;\npub fn go() {}"),
                ("b.rs", form),
                ("c.rs", ""),
            ]);
            let problems = problems_of(&graph, LAYERS);
            assert!(
                problems
                    .iter()
                    .any(|p| p.contains("an import circle: a → b → a")),
                "{form}: {problems:?}"
            );
        }
    }

    #[test]
    fn a_later_stage_an_unplaced_module_and_test_code() {
        let graph = planted(&[
            ("lib.rs", LIB),
            (
                "a.rs",
                "use crate::c::Z;\n#[cfg(test)]\nmod tests {\n    use crate::b::Y;\n}\n\
                 #[cfg(test)]\nmod more { fn f() { let _ = \"}\"; let _ = '{'; super::super::b::f(); } }\n\
                 fn g() {}\n",
            ),
            ("b.rs", "// use crate::c::Z; (a comment)\nuse crate::run;"),
            ("c.rs", "pub struct Z;"),
            ("d/mod.rs", "use super::super::a;"),
            ("d/e.rs", "use super::f;"),
        ]);
        assert_eq!(
            graph["a"],
            BTreeSet::from(["c".to_owned()]),
            "test code and comments are not imports"
        );
        assert_eq!(graph["b"], BTreeSet::from([ROOT.to_owned()]));
        assert_eq!(graph[ROOT], BTreeSet::from(["a".to_owned()]));
        let problems = problems_of(&graph, LAYERS);
        assert!(
            problems.contains(&"a (one) imports c (two), a later stage".to_owned()),
            "{problems:?}"
        );
        assert!(
            problems.contains(
                &"d is in no stage: add it to the table in xtask/src/layers.rs".to_owned()
            ),
            "{problems:?}"
        );
        assert!(
            !problems.iter().any(|p| p.contains("circle")),
            "{problems:?}"
        );
    }

    #[test]
    fn modules_in_folders_are_nodes_of_their_own() {
        const NESTED: Layers = &[("one", &["r", "r::x", "r::y"]), ("root", &[ROOT])];
        let graph = planted_in(
            &[
                ("lib.rs", "mod r;\nfn f() { r::x::go(); }"),
                ("r/mod.rs", "mod x;\nmod y;\npub use x::X;"),
                ("r/x.rs", "use super::y::Y;\npub struct X;\npub fn go() {}"),
                ("r/y.rs", "pub struct Y;\nfn f() { super::x::go(); }"),
            ],
            NESTED,
        );
        let set = |names: &[&str]| names.iter().map(|n| (*n).to_owned()).collect();
        assert_eq!(graph[ROOT], set(&["r::x"]));
        assert_eq!(graph["r"], set(&["r::x"]));
        assert_eq!(graph["r::x"], set(&["r::y"]));
        let problems = problems_of(&graph, NESTED);
        assert!(
            problems.contains(&"an import circle: r::x → r::y → r::x".to_owned()),
            "{problems:?}"
        );
    }

    #[test]
    fn the_project_keeps_its_layers() {
        check().expect("the real crates");
    }
}
