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

/// A crate's stages, first to last: `(name, modules)`. A module may use its
/// own stage and earlier ones.
type Layers = &'static [(&'static str, &'static [&'static str])];

const PUBLISH: Layers = &[
    (
        "shared",
        &[
            "problem", "text", "markup", "headers", "folders", "beside", "sink", "js",
        ],
    ),
    ("content", &["source", "site", "load"]),
    ("check", &["photos", "validate"]),
    (
        "render",
        &[
            "api",
            "search",
            "feeds",
            "redirects",
            "prerender",
            "template",
            "offline",
            "documents",
        ],
    ),
    ("output", &["manifest", "write"]),
    ("pipeline", &[ROOT, "testing"]),
    ("commands", &["new", "serve", "messages"]),
];

const XTASK: Layers = &[
    ("base", &["util", "rng", "budgets"]),
    ("corpus", &["corpus", "gen"]),
    ("tools", &["setup", "widget", "sizes", "layers"]),
    ("checks", &["search_check"]),
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
        let graph = graph(&root().join(src), root_file)?;
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

/// Which top-level modules (and the crate root) each one names.
type Graph = BTreeMap<String, BTreeSet<String>>;

/// The graph of the crate in `src`, whose root file is `root_file`.
fn graph(src: &Path, root_file: &str) -> Result<Graph> {
    let root_text = fs::read_to_string(src.join(root_file))
        .with_context(|| format!("cannot read {}", src.join(root_file).display()))?;
    let top = declared_modules(&root_text);
    let mut graph = Graph::new();
    for file in rust_files(src)? {
        let relative = file.strip_prefix(src)?.with_extension("");
        let mut path: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if path.last().is_some_and(|p| p == "mod") {
            path.pop();
        }
        let is_root = path == [root_file.trim_end_matches(".rs")];
        if !is_root && path.len() == 1 && (path[0] == "lib" || path[0] == "main") {
            // The other target's root (`main.rs` beside `lib.rs`): a crate of its own.
            continue;
        }
        let text =
            fs::read_to_string(&file).with_context(|| format!("cannot read {}", file.display()))?;
        let me = if is_root {
            ROOT.to_owned()
        } else {
            path[0].clone()
        };
        let depth = if is_root { 0 } else { path.len() };
        let named = names(&code_of(&text), depth, is_root, &top);
        let entry = graph.entry(me.clone()).or_default();
        entry.extend(named.into_iter().filter(|n| *n != me));
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

/// `mod x;` and `pub mod x;` in a crate root.
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

/// The code that can name modules: without the test module (its `super`
/// is the file itself) and without comment lines.
fn code_of(text: &str) -> String {
    let end = text
        .match_indices("#[cfg(test)]")
        .find(|(at, tag)| text[at + tag.len()..].trim_start().starts_with("mod tests"))
        .map_or(text.len(), |(at, _)| at);
    text[..end]
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

fn is_ident(s: &str) -> bool {
    !s.is_empty() && s.chars().all(is_ident_char)
}

/// What a file `depth` modules deep names: top-level modules, or [`ROOT`]
/// for the root's own items.
fn names(code: &str, depth: usize, is_root: bool, top: &BTreeSet<String>) -> BTreeSet<String> {
    let node = |first: &str| {
        if top.contains(first) {
            first.to_owned()
        } else {
            ROOT.to_owned()
        }
    };
    let mut found = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        if code[..at].ends_with(is_ident_char) {
            continue;
        }
        found.extend(
            firsts(&code[at + "crate::".len()..])
                .iter()
                .map(|f| node(f)),
        );
    }
    for (at, _) in code.match_indices("super::") {
        if code[..at].ends_with(is_ident_char) || code[..at].ends_with("super::") {
            continue;
        }
        let mut rest = &code[at..];
        let mut up = 0;
        while let Some(r) = rest.strip_prefix("super::") {
            up += 1;
            rest = r;
        }
        // Only a `super` that reaches the crate root leaves this module.
        if !is_root && up == depth {
            found.extend(firsts(rest).iter().filter(|f| *f != "*").map(|f| node(f)));
        }
    }
    if is_root {
        for module in top {
            let pattern = format!("{module}::");
            let named = code
                .match_indices(&pattern)
                .any(|(at, _)| !code[..at].ends_with(is_ident_char) && !code[..at].ends_with(':'));
            if named {
                found.insert(module.clone());
            }
        }
    }
    found
}

/// The first segment of each path at the start of `rest`: `x::y` → `x`,
/// `{x, y::z}` → `x`, `y`.
fn firsts(rest: &str) -> Vec<String> {
    let ident = |s: &str| {
        s.trim_start()
            .chars()
            .take_while(|&c| is_ident_char(c) || c == '*')
            .collect::<String>()
    };
    let Some(group) = rest.strip_prefix('{') else {
        return vec![ident(rest)]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
    };
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
        .into_iter()
        .map(ident)
        .filter(|s| !s.is_empty() && s != "self")
        .collect()
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
        let dir = std::env::temp_dir().join(format!("bantin-layers-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        for (path, text) in files {
            let file = dir.join(path);
            fs::create_dir_all(file.parent().expect("parent")).expect("mkdir");
            fs::write(file, text).expect("write");
        }
        let graph = graph(&dir, "lib.rs").expect("graph");
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
                "use crate::c::Z;\n#[cfg(test)]\nmod tests {\n    use crate::b::Y;\n}\n",
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
    fn the_project_keeps_its_layers() {
        check().expect("the real crates");
    }
}
