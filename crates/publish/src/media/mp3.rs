//! MPEG audio frames walked from the first to the last: what tells a
//! whole MP3 from one cut short (its duration tag still claims the whole
//! recording, so a reader's player would stop early without a word).
//!
//! Written by hand: the frame header is four bytes and a table, and no
//! maintained crate reports a truncated last frame without decoding.

/// What the walk found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Walk {
    pub frames: u64,
    /// Samples per second of the first frame.
    pub sample_rate: u32,
    /// The frames' samples, summed.
    pub samples: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// No two MPEG audio frames in a row where the audio should start.
    NotMp3,
    /// The last frame runs past the end of the file.
    Truncated,
}

/// Bytes of an ID3v2 tag at the start, if there is one.
fn id3v2_len(bytes: &[u8]) -> usize {
    if bytes.len() < 10 || &bytes[..3] != b"ID3" {
        return 0;
    }
    let size = bytes[6..10]
        .iter()
        .fold(0usize, |n, b| (n << 7) | usize::from(b & 0x7f));
    let footer = if bytes[5] & 0x10 != 0 { 10 } else { 0 };
    10 + size + footer
}

/// A Layer III frame header at the start of `bytes`: its length in bytes,
/// samples and sample rate.
fn frame(bytes: &[u8]) -> Option<(usize, u32, u32)> {
    let h = bytes.get(..4)?;
    if h[0] != 0xff || h[1] & 0xe0 != 0xe0 {
        return None;
    }
    // 0: MPEG 2.5, 2: MPEG 2, 3: MPEG 1 (1 is reserved).
    let version = (h[1] >> 3) & 3;
    let layer = (h[1] >> 1) & 3;
    let bitrate_index = usize::from(h[2] >> 4);
    let rate_index = usize::from((h[2] >> 2) & 3);
    let padding = u32::from((h[2] >> 1) & 1);
    if version == 1 || layer != 1 || bitrate_index == 0 || bitrate_index == 15 || rate_index == 3 {
        return None;
    }
    const MPEG1: [u32; 15] = [
        0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320,
    ];
    const MPEG2: [u32; 15] = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
    const RATES: [u32; 3] = [44_100, 48_000, 32_000];
    let (kbps, rate, samples, per) = match version {
        3 => (MPEG1[bitrate_index], RATES[rate_index], 1152, 144),
        2 => (MPEG2[bitrate_index], RATES[rate_index] / 2, 576, 72),
        _ => (MPEG2[bitrate_index], RATES[rate_index] / 4, 576, 72),
    };
    let len = per * kbps * 1000 / rate + padding;
    Some((len as usize, samples, rate))
}

/// Walks every frame. Trailing tags (ID3v1, APE) and junk after the
/// audio end the walk; a frame cut off by the end of the file does not.
pub fn walk(bytes: &[u8]) -> Result<Walk, Problem> {
    let start = id3v2_len(bytes);
    let mut at = start;
    let mut walk = Walk {
        frames: 0,
        sample_rate: 0,
        samples: 0,
    };
    while let Some((len, samples, rate)) = bytes.get(at..).and_then(frame) {
        if at + len > bytes.len() {
            return Err(if walk.frames == 0 {
                Problem::NotMp3
            } else {
                Problem::Truncated
            });
        }
        if walk.frames == 0 {
            walk.sample_rate = rate;
        }
        walk.frames += 1;
        walk.samples += u64::from(samples);
        at += len;
    }
    // One lone frame-like header is chance, not an MP3.
    if walk.frames < 2 {
        return Err(Problem::NotMp3);
    }
    Ok(walk)
}

impl Walk {
    pub fn duration_ms(&self) -> u64 {
        self.samples * 1000 / u64::from(self.sample_rate.max(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `n` silent MPEG-1 Layer III frames, 128 kbps, 44.1 kHz (417 bytes each).
    fn frames(n: usize) -> Vec<u8> {
        let mut frame = vec![0u8; 417];
        frame[..4].copy_from_slice(&[0xff, 0xfb, 0x90, 0x00]);
        frame.repeat(n)
    }

    #[test]
    fn whole_cut_and_foreign_files() {
        let whole = frames(100);
        let walked = walk(&whole).expect("whole");
        assert_eq!((walked.frames, walked.sample_rate), (100, 44_100));
        assert_eq!(walked.duration_ms(), 100 * 1152 * 1000 / 44_100);
        // An ID3v2 tag before, an ID3v1 tag after.
        let mut tagged = b"ID3\x04\x00\x00\x00\x00\x00\x05hello".to_vec();
        tagged.extend(&whole);
        tagged.extend(b"TAG");
        tagged.extend([0u8; 125]);
        assert_eq!(walk(&tagged), Ok(walked));
        // (bytes, problem)
        let cases: [(Vec<u8>, Problem); 4] = [
            (whole[..whole.len() - 100].to_vec(), Problem::Truncated),
            (b"%PDF-1.7 not a recording".to_vec(), Problem::NotMp3),
            (frames(1), Problem::NotMp3),
            (Vec::new(), Problem::NotMp3),
        ];
        for (bytes, problem) in cases {
            assert_eq!(walk(&bytes), Err(problem), "{} bytes", bytes.len());
        }
    }
}
