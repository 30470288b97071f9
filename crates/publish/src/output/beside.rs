//! Files bantin keeps beside the output folder (its lock, the file indexes),
//! opened without ever following a symbolic link: a link planted at one
//! of these names would otherwise make a build truncate or overwrite the
//! file it points to (docs/security.md).

use std::fs;
use std::io::{self, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::Path;

fn no_follow() -> i32 {
    rustix::fs::OFlags::NOFOLLOW.bits() as i32
}

/// Opens `path` to read and write, creating it, refusing a link (the
/// system's `ELOOP`) and anything but a plain file with one name (a hard
/// link to another file would be written through too).
pub fn open_own(path: &Path) -> io::Result<fs::File> {
    let file = fs::OpenOptions::new()
        .create(true)
        .read(true)
        .write(true)
        .truncate(false)
        .custom_flags(no_follow())
        .open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() || meta.nlink() != 1 {
        return Err(io::Error::other("not a plain file of bantin's own"));
    }
    Ok(file)
}

/// Reads `path` if it is a plain file, not through a link.
pub fn read(path: &Path) -> io::Result<Vec<u8>> {
    let mut file = fs::OpenOptions::new()
        .read(true)
        .custom_flags(no_follow())
        .open(path)?;
    if !file.metadata()?.is_file() {
        return Err(io::Error::other("not a plain file"));
    }
    let mut bytes = Vec::new();
    io::Read::read_to_end(&mut file, &mut bytes)?;
    Ok(bytes)
}

/// Writes `path` as a new file: whatever had the name (a link included)
/// is removed first, and the file is created only if the name is free.
pub fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    match fs::remove_file(path) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    file.write_all(bytes)
}

/// Whether `path` is a real folder (not a link to one).
pub fn is_real_dir(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| m.is_dir())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_never_followed() {
        let tmp = tempfile::tempdir().expect("tmp");
        let victim = tmp.path().join("victim");
        fs::write(&victim, b"precious").expect("victim");
        let link = tmp.path().join(".dist.lock");
        std::os::unix::fs::symlink(&victim, &link).expect("link");
        assert!(open_own(&link).is_err());
        assert!(read(&link).is_err());
        let hard = tmp.path().join(".dist.files-1");
        fs::hard_link(&victim, &hard).expect("hard link");
        assert!(open_own(&hard).is_err());
        write_new(&link, b"file index").expect("write");
        assert_eq!(fs::read(&victim).expect("victim"), b"precious");
        assert_eq!(fs::read(&link).expect("new file"), b"file index");
        assert!(!fs::symlink_metadata(&link).expect("meta").is_symlink());
        let dir_link = tmp.path().join("dir-link");
        std::os::unix::fs::symlink(tmp.path(), &dir_link).expect("link");
        assert!(!is_real_dir(&dir_link));
        assert!(is_real_dir(tmp.path()));
    }
}
