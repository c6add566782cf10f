//! Build-time compression of the release build: `NAME.br` (Brotli, quality
//! 11) and `NAME.gz` (gzip, best) next to every compressible file of
//! `dist/`, which the server's static file service sends as they are
//! instead of compressing on every request.
//!
//! Idempotent: a variant newer than its file is kept, variants whose file
//! is gone are removed.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// The kinds of file the server sends that compress well (images and fonts
/// in dist/ are compressed formats already).
const COMPRESSIBLE: [&str; 8] = ["html", "js", "mjs", "wasm", "css", "svg", "json", "txt"];
const BROTLI_QUALITY: u32 = 11;
/// Brotli's largest standard window (16 MiB): the wasm is over 1 MB.
const BROTLI_WINDOW_BITS: u32 = 24;
const BROTLI_BUFFER: usize = 64 * 1024;

/// What one pass did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files whose variants were written now.
    pub written: usize,
    /// Files whose variants were already up to date.
    pub kept: usize,
    /// Variants removed because their file is gone.
    pub removed: usize,
}

/// Writes the missing or stale `.br` and `.gz` variants under `dir`.
pub fn run(dir: &Path) -> Result<Summary> {
    let mut summary = Summary::default();
    for file in files_under(dir)? {
        if is_variant(&file) {
            let original = file.with_extension("");
            if !original.is_file() {
                fs::remove_file(&file)
                    .with_context(|| format!("removing the stale {}", file.display()))?;
                summary.removed += 1;
            }
            continue;
        }
        if !is_compressible(&file) {
            continue;
        }
        let brotli = variant(&file, "br");
        let gzip = variant(&file, "gz");
        if is_fresh(&file, &brotli)? && is_fresh(&file, &gzip)? {
            summary.kept += 1;
            continue;
        }
        let bytes = fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
        write_atomically(&brotli, &brotli_bytes(&bytes)?)?;
        write_atomically(&gzip, &gzip_bytes(&bytes)?)?;
        summary.written += 1;
    }
    Ok(summary)
}

/// `file` with `.br` or `.gz` appended to its whole name.
pub fn variant(file: &Path, extension: &str) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".");
    name.push(extension);
    PathBuf::from(name)
}

pub fn is_compressible(file: &Path) -> bool {
    file.extension()
        .and_then(|extension| extension.to_str())
        .is_some_and(|extension| COMPRESSIBLE.contains(&extension))
}

fn is_variant(file: &Path) -> bool {
    let extension = file.extension().and_then(|extension| extension.to_str());
    matches!(extension, Some("br" | "gz")) && is_compressible(&file.with_extension(""))
}

pub fn brotli_bytes(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len() / 3);
    {
        let mut writer = brotli::CompressorWriter::new(
            &mut out,
            BROTLI_BUFFER,
            BROTLI_QUALITY,
            BROTLI_WINDOW_BITS,
        );
        writer.write_all(bytes).context("Brotli compression")?;
        writer.flush().context("Brotli compression")?;
    }
    Ok(out)
}

fn gzip_bytes(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(bytes.len() / 3),
        flate2::Compression::best(),
    );
    encoder.write_all(bytes).context("gzip compression")?;
    encoder.finish().context("gzip compression")
}

/// Whether `variant` exists and was written after `file` last changed.
fn is_fresh(file: &Path, variant: &Path) -> Result<bool> {
    let Ok(variant_meta) = fs::metadata(variant) else {
        return Ok(false);
    };
    let modified = fs::metadata(file)
        .and_then(|meta| meta.modified())
        .with_context(|| format!("reading {}", file.display()))?;
    Ok(variant_meta
        .modified()
        .is_ok_and(|written| written >= modified))
}

/// Writes through a temporary file, so a server never sends half a variant.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let partial = variant(path, "partial");
    fs::write(&partial, bytes).with_context(|| format!("writing {}", partial.display()))?;
    fs::rename(&partial, path).with_context(|| format!("writing {}", path.display()))
}

/// Every regular file under `dir`, sorted.
pub fn files_under(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let entries =
            fs::read_dir(&current).with_context(|| format!("listing {}", current.display()))?;
        for entry in entries {
            let entry = entry.with_context(|| format!("listing {}", current.display()))?;
            let kind = entry.file_type()?;
            if kind.is_dir() {
                pending.push(entry.path());
            } else if kind.is_file() {
                files.push(entry.path());
            }
        }
    }
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read as _;

    fn temp_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("tandem-precompress-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("snippets")).expect("temp dir");
        dir
    }

    #[test]
    fn writes_both_variants_that_decode_to_the_file() {
        let dir = temp_dir("decode");
        let script = "export function hello() { return 'hello'; }\n".repeat(200);
        fs::write(dir.join("snippets").join("app.js"), &script).expect("write");
        fs::write(dir.join("photo.png"), b"\x89PNG not really").expect("write");

        let summary = run(&dir).expect("precompress");
        assert_eq!(summary.written, 1);

        let br = fs::read(dir.join("snippets/app.js.br")).expect("the .br");
        let mut decoded = String::new();
        brotli::Decompressor::new(&br[..], 4096)
            .read_to_string(&mut decoded)
            .expect("Brotli");
        assert_eq!(decoded, script);
        assert!(br.len() < script.len() / 10);

        let gz = fs::read(dir.join("snippets/app.js.gz")).expect("the .gz");
        let mut decoded = String::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_string(&mut decoded)
            .expect("gzip");
        assert_eq!(decoded, script);

        assert!(!dir.join("photo.png.br").exists());
        fs::remove_dir_all(&dir).expect("clean up");
    }

    #[test]
    fn a_second_pass_keeps_fresh_variants_and_drops_orphans() {
        let dir = temp_dir("again");
        fs::write(dir.join("index.html"), "<!doctype html><p>hi</p>").expect("write");
        fs::write(dir.join("gone.css.br"), b"old").expect("write");

        let first = run(&dir).expect("first pass");
        assert_eq!((first.written, first.removed), (1, 1));
        assert!(!dir.join("gone.css.br").exists());

        let second = run(&dir).expect("second pass");
        assert_eq!(
            second,
            Summary {
                written: 0,
                kept: 1,
                removed: 0
            }
        );
        assert!(!dir.join("index.html.br.br").exists());
        fs::remove_dir_all(&dir).expect("clean up");
    }
}
