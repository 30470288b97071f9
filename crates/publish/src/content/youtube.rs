//! A `Video:` line's YouTube address, in every form a reader copies one
//! (docs/architecture.md, “Source format”): the video's id and start.

/// A YouTube video, and where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YouTube {
    /// 11 characters of `A–Z a–z 0–9 _ -`.
    pub id: String,
    /// Seconds into the video (`t=`, `start=`), 0 from the start.
    pub start: u32,
}

/// Hosts a YouTube video address has.
const HOSTS: [&str; 6] = [
    "youtube.com",
    "www.youtube.com",
    "m.youtube.com",
    "music.youtube.com",
    "www.youtube-nocookie.com",
    "youtu.be",
];

/// The video an address names, or why it names none (a sentence for the
/// editor).
pub fn parse(address: &str) -> Result<YouTube, String> {
    let rest = address
        .strip_prefix("https://")
        .or_else(|| address.strip_prefix("http://"))
        .ok_or_else(|| format!("the video {address:?} is not an http(s) address"))?;
    let rest = rest.split('#').next().unwrap_or(rest);
    let (host_and_path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let (host, path) = host_and_path.split_once('/').unwrap_or((host_and_path, ""));
    if !HOSTS.contains(&host.to_ascii_lowercase().as_str()) {
        return Err(format!(
            "the video {address:?} is neither a file nor on YouTube; videos from {host:?} are not embedded"
        ));
    }
    let param = |name: &str| {
        query
            .split('&')
            .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
    };
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let id = match (host, segments.as_slice()) {
        ("youtu.be", [id]) => Some(*id),
        (_, ["watch"]) => param("v"),
        (_, ["shorts" | "embed" | "live" | "v", id]) => Some(*id),
        _ => None,
    };
    let id = match id {
        Some(id) if is_id(id) => id,
        _ if segments.first() == Some(&"playlist") => {
            return Err(format!(
                "the video {address:?} is a playlist; an article embeds one video"
            ))
        }
        _ => return Err(format!("the video {address:?} names no YouTube video")),
    };
    let start = param("t")
        .or_else(|| param("start"))
        .map_or(Some(0), seconds)
        .ok_or_else(|| format!("the start time in {address:?} is not like `t=90` or `t=1m30s`"))?;
    Ok(YouTube {
        id: id.to_owned(),
        start,
    })
}

fn is_id(id: &str) -> bool {
    id.len() == 11
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// `90`, `90s`, `1m30s`, `1h2m3s` as seconds.
fn seconds(text: &str) -> Option<u32> {
    if let Ok(plain) = text.parse::<u32>() {
        return Some(plain);
    }
    let mut total: u32 = 0;
    let mut number = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let unit = match c {
            'h' => 3600,
            'm' => 60,
            's' => 1,
            _ => return None,
        };
        let n: u32 = std::mem::take(&mut number).parse().ok()?;
        total = total.checked_add(n.checked_mul(unit)?)?;
    }
    number.is_empty().then_some(total)
}

impl YouTube {
    /// The privacy-enhanced player, loaded only after the reader's click
    /// (hence `autoplay`).
    pub fn embed(&self) -> String {
        let start = if self.start > 0 {
            format!("&start={}", self.start)
        } else {
            String::new()
        };
        format!(
            "https://www.youtube-nocookie.com/embed/{}?autoplay=1{start}",
            self.id
        )
    }

    /// The video's page, for a reader without JavaScript.
    pub fn watch(&self) -> String {
        let start = if self.start > 0 {
            format!("&t={}s", self.start)
        } else {
            String::new()
        };
        format!("https://www.youtube.com/watch?v={}{start}", self.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_common_form_names_its_video() {
        let id = "dQw4w9WgXcQ";
        // (address, start)
        let cases = [
            ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", 0),
            ("https://youtube.com/watch?feature=share&v=dQw4w9WgXcQ", 0),
            ("http://m.youtube.com/watch?v=dQw4w9WgXcQ&t=42s", 42),
            ("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1m30s", 90),
            (
                "https://www.youtube.com/watch?v=dQw4w9WgXcQ&list=PLx&index=2",
                0,
            ),
            ("https://youtu.be/dQw4w9WgXcQ", 0),
            ("https://youtu.be/dQw4w9WgXcQ?si=abc&t=75", 75),
            ("https://www.youtube.com/shorts/dQw4w9WgXcQ", 0),
            ("https://youtube.com/shorts/dQw4w9WgXcQ?feature=share", 0),
            ("https://www.youtube.com/embed/dQw4w9WgXcQ?start=10", 10),
            ("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", 0),
            ("https://www.youtube.com/live/dQw4w9WgXcQ#x", 0),
            ("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1h2m3s", 3723),
        ];
        for (address, start) in cases {
            let video = parse(address).unwrap_or_else(|e| panic!("{address}: {e}"));
            assert_eq!((video.id.as_str(), video.start), (id, start), "{address}");
        }
    }

    #[test]
    fn playlists_other_hosts_and_broken_addresses_are_refused() {
        // (address, words of the reason)
        let cases = [
            ("https://www.youtube.com/playlist?list=PLx", "is a playlist"),
            ("https://vimeo.com/123456", "neither a file nor on YouTube"),
            (
                "https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
                "neither a file",
            ),
            (
                "https://www.youtube.com/watch?v=short",
                "names no YouTube video",
            ),
            (
                "https://www.youtube.com/watch?v=dQw4w9WgX<Q",
                "names no YouTube video",
            ),
            ("https://www.youtube.com/@station", "names no YouTube video"),
            ("https://youtu.be/dQw4w9WgXcQ?t=soon", "start time"),
            ("ftp://youtu.be/dQw4w9WgXcQ", "not an http(s) address"),
        ];
        for (address, words) in cases {
            let err = parse(address).expect_err(address);
            assert!(err.contains(words), "{address}: {err}");
        }
    }

    #[test]
    fn the_player_and_the_page() {
        let video = YouTube {
            id: "dQw4w9WgXcQ".into(),
            start: 90,
        };
        assert_eq!(
            video.embed(),
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&start=90"
        );
        assert_eq!(
            video.watch(),
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=90s"
        );
    }
}
