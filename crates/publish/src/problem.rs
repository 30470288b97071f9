//! What `bantin check` reports: one line per problem, for an editor.

use std::fmt;
use std::path::{Path, PathBuf};

/// A problem in the content, located at a file and line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    pub path: PathBuf,
    /// 1-based; 0 when the problem is about the whole file.
    pub line: usize,
    /// 1-based, in characters, when it is about one character.
    pub column: Option<usize>,
    pub message: String,
    pub hint: String,
}

impl Problem {
    pub fn new(
        path: &Path,
        line: usize,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Self {
        Problem {
            path: path.to_path_buf(),
            line,
            column: None,
            message: message.into(),
            hint: hint.into(),
        }
    }

    /// A problem with one character, at `line` and `column`.
    pub fn at_column(mut self, column: usize) -> Self {
        self.column = Some(column);
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display();
        match (self.line, self.column) {
            (0, _) => write!(f, "{path}: {}", self.message)?,
            (line, None) => write!(f, "{path}:{line}: {}", self.message)?,
            (line, Some(column)) => write!(f, "{path}:{line}:{column}: {}", self.message)?,
        }
        if !self.hint.is_empty() {
            write!(f, " — {}", self.hint)?;
        }
        Ok(())
    }
}

/// Every problem found; `bantin check` prints them all.
#[derive(Debug, thiserror::Error)]
#[error("{} problem(s) in the content:\n{}", .0.len(), render(.0))]
pub struct Problems(pub Vec<Problem>);

fn render(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}
