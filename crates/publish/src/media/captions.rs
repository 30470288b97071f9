//! Captions: a WebVTT file beside the recording or video, checked so that
//! a player never meets one it cannot read.
//!
//! Written by hand: the rules a browser applies before showing a cue are
//! the signature line and the cue timings, a few lines of code; no
//! maintained crate reports them with their line numbers.

/// What is wrong with a captions file, at which line (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub message: String,
    pub hint: &'static str,
}

/// The captions' text, checked: UTF-8, `WEBVTT` first, at least one cue,
/// every cue's timing `start --> end` with `start ≤ end`.
pub fn check(bytes: &[u8]) -> Result<String, Problem> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = 1 + bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        Problem {
            line,
            message: "the captions are not UTF-8 text".into(),
            hint: "save the captions as UTF-8 (Subtitle Edit: File → Save as, encoding UTF-8)",
        }
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().next().unwrap_or("");
    let signed = first
        .strip_prefix("WEBVTT")
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']));
    if !signed {
        return Err(Problem {
            line: 1,
            message: "the captions do not start with `WEBVTT`".into(),
            hint: "export the captions as WebVTT (.vtt), not SRT or text",
        });
    }
    let mut cues = 0;
    for (i, line) in text.lines().enumerate().filter(|(_, l)| l.contains("-->")) {
        let bad = |message: String| Problem {
            line: i + 1,
            message,
            hint: "write cue times as 00:01:02.500 --> 00:01:05.000",
        };
        let (start, rest) = line.split_once("-->").unwrap_or((line, ""));
        let end = rest.split_whitespace().next().unwrap_or("");
        let times = (timestamp(start.trim()), timestamp(end));
        match times {
            (Some(start), Some(end)) if start <= end => cues += 1,
            (Some(_), Some(_)) => return Err(bad("this cue ends before it starts".into())),
            _ => {
                return Err(bad(format!(
                    "the cue time {:?} is not hh:mm:ss.ttt",
                    line.trim()
                )))
            }
        }
    }
    if cues == 0 {
        return Err(Problem {
            line: 1,
            message: "the captions have no cue".into(),
            hint: "add the lines with their times, or remove the .vtt file",
        });
    }
    Ok(text.to_owned())
}

/// `hh:mm:ss.ttt` or `mm:ss.ttt`, in milliseconds.
fn timestamp(text: &str) -> Option<u64> {
    let (clock, millis) = text.split_once('.')?;
    if millis.len() != 3 || !millis.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let parts: Vec<&str> = clock.split(':').collect();
    let (h, m, s) = match parts.as_slice() {
        [h, m, s] if h.len() >= 2 => (*h, *m, *s),
        [m, s] => ("0", *m, *s),
        _ => return None,
    };
    if m.len() != 2 || s.len() != 2 {
        return None;
    }
    let (h, m, s): (u64, u64, u64) = (h.parse().ok()?, m.parse().ok()?, s.parse().ok()?);
    if m > 59 || s > 59 {
        return None;
    }
    Some(((h * 60 + m) * 60 + s) * 1000 + millis.parse::<u64>().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_captions_pass() {
        let good = "\u{feff}WEBVTT - Bản tin\n\n1\n00:00.000 --> 00:02.500\nXin chào\n\n00:00:02.500 --> 00:01:05.000 align:start\nquý vị\n";
        assert!(check(good.as_bytes()).is_ok());
    }

    #[test]
    fn each_fault_at_its_line() {
        // (file, line, words)
        let cases: [(&[u8], usize, &str); 6] = [
            (
                b"WEBVTT\n\n00:01.000 --> 00:02.000\nXin ch\xe0o\n",
                4,
                "not UTF-8",
            ),
            (
                b"1\n00:00:01,000 --> 00:00:02,000\nSRT\n",
                1,
                "do not start with `WEBVTT`",
            ),
            (b"WEBVTTX\n", 1, "do not start"),
            (
                b"WEBVTT\n\n00:01,000 --> 00:02.000\nx\n",
                3,
                "is not hh:mm:ss.ttt",
            ),
            (
                b"WEBVTT\n\n00:05.000 --> 00:02.000\nx\n",
                3,
                "ends before it starts",
            ),
            (b"WEBVTT\n\nNOTE nothing yet\n", 1, "no cue"),
        ];
        for (bytes, line, words) in cases {
            let problem = check(bytes).expect_err(words);
            assert_eq!(problem.line, line, "{problem:?}");
            assert!(problem.message.contains(words), "{problem:?}");
        }
    }
}
