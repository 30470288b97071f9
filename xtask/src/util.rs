use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{bail, Context, Result};

/// The workspace root (xtask lives one level below it).
pub fn root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// PATH with the project's npm tools (wasm-opt, …) and cargo's bin first.
pub fn tool_path() -> String {
    let mut dirs = vec![root().join("node_modules/.bin")];
    if let Some(home) = std::env::var_os("CARGO_HOME") {
        dirs.push(PathBuf::from(home).join("bin"));
    } else if let Some(home) = std::env::var_os("HOME") {
        dirs.push(PathBuf::from(home).join(".cargo/bin"));
    }
    let mut path = std::env::join_paths(dirs)
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default();
    if let Some(old) = std::env::var_os("PATH") {
        path.push(':');
        path.push_str(&old.to_string_lossy());
    }
    path
}

/// A command run from the workspace root with the project's tool PATH.
pub fn cmd(program: &str, args: &[&str]) -> Command {
    let mut c = Command::new(program);
    c.args(args).current_dir(root()).env("PATH", tool_path());
    c
}

/// Runs a command, echoing it, and fails if it fails.
pub fn run(mut command: Command) -> Result<()> {
    eprintln!("» {}", show(&command));
    let status = command
        .status()
        .with_context(|| format!("cannot start {}", show(&command)))?;
    if !status.success() {
        bail!("{} failed ({status})", show(&command));
    }
    Ok(())
}

/// The first line a command prints, if it runs at all.
pub fn output_of(program: &str, args: &[&str]) -> Option<String> {
    let out = cmd(program, args).stderr(Stdio::null()).output().ok()?;
    if !out.status.success() {
        return None;
    }
    Some(String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

fn show(command: &Command) -> String {
    let mut s = command.get_program().to_string_lossy().into_owned();
    for arg in command.get_args() {
        s.push(' ');
        s.push_str(&arg.to_string_lossy());
    }
    s
}

/// Where the workspace's cargo writes, honouring CARGO_TARGET_DIR.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
}

/// Builds a wasm package (release profile) into `out` the way the shipped
/// bundles are: wasm-bindgen for the web, then `wasm-opt -Oz`.
pub fn build_wasm(package: &str, out: &Path) -> Result<()> {
    build_wasm_with(package, out, false)
}

/// [`build_wasm`], keeping the function names when `names` (`wasm-opt -g`,
/// for a size profile).
pub fn build_wasm_with(package: &str, out: &Path, names: bool) -> Result<()> {
    let build = cmd(
        "cargo",
        &[
            "build",
            "--release",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            package,
        ],
    );
    run(build)?;
    let file = package.replace('-', "_");
    let wasm = target_dir().join(format!("wasm32-unknown-unknown/release/{file}.wasm"));
    run(cmd(
        "wasm-bindgen",
        &[
            "--target",
            "web",
            "--no-typescript",
            "--out-dir",
            &out.to_string_lossy(),
            &wasm.to_string_lossy(),
        ],
    ))?;
    let bg = out.join(format!("{file}_bg.wasm"));
    let mut opt = wasm_opt("-Oz", &bg, &bg);
    if names {
        opt.arg("-g");
    }
    run(opt)
}

/// `wasm-opt` running `pass` (`-Oz`, `--strip-debug`) from `input` to
/// `output`, with the wasm features rustc's wasm32 target emits.
pub fn wasm_opt(pass: &str, input: &Path, output: &Path) -> Command {
    let mut opt = cmd(
        "wasm-opt",
        &[
            pass,
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
            "--enable-sign-ext",
            "--enable-mutable-globals",
            "--enable-reference-types",
            "--enable-multivalue",
        ],
    );
    opt.arg(input).arg("-o").arg(output);
    opt
}

/// Every file under `dir` (none if it cannot be read), sorted.
/// How many folders `dir` holds, itself included (0 if it is not one).
pub fn folders_under(dir: &Path) -> usize {
    let mut count = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        count += 1;
        for entry in entries.flatten() {
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(entry.path());
            }
        }
    }
    count
}

pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Bytes of the files under `dir`, of those ending in `.{ext}` when given.
pub fn bytes_under(dir: &Path, ext: Option<&str>) -> u64 {
    files_under(dir)
        .iter()
        .filter(|p| ext.is_none_or(|ext| p.extension().is_some_and(|x| x == ext)))
        .map(|p| std::fs::metadata(p).map_or(0, |m| m.len()))
        .sum()
}

/// `bantin build --content … --out …` through cargo; `optimised` builds
/// the CLI at full speed (`--profile cli`), for large newsrooms.
pub fn bantin_build(content: &Path, out: &Path, optimised: bool) -> Command {
    let mut command = cmd("cargo", &["run", "--quiet"]);
    if optimised {
        command.args(["--profile", "cli"]);
    }
    command
        .args(["-p", "bantin-publish", "--", "build", "--content"])
        .arg(content)
        .arg("--out")
        .arg(out);
    command
}

/// Trunk's release build folder (Trunk.toml's `dist`): the reader app.
pub const APP_DIR: &str = "target/app";

/// A folder and everything in it, copied.
pub fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in
        std::fs::read_dir(from).with_context(|| format!("cannot read {}", from.display()))?
    {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}
