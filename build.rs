//! The parser's version, for the readings kept beside brief texts
//! (`src/store/readings.rs`): a hash of the parser's source (every file
//! under `src/brief/`), of the code that writes and reads a kept reading,
//! of the dependencies' versions (`Cargo.lock`) and of the package version.
//! Any change to them gives a new version, and every kept reading made by
//! another version is passed over (the brief is parsed again), so no one
//! has to remember to bump a number.

use std::fs;
use std::path::{Path, PathBuf};

/// FNV-1a, 64 bits: stable across compilers and platforms.
fn fnv(hash: &mut u64, bytes: &[u8]) {
    for &b in bytes {
        *hash ^= u64::from(b);
        *hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn main() {
    let mut inputs = Vec::new();
    files(Path::new("src/brief"), &mut inputs);
    inputs.push(PathBuf::from("src/store/readings.rs"));
    inputs.push(PathBuf::from("Cargo.lock"));
    inputs.sort();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    fnv(&mut hash, env!("CARGO_PKG_VERSION").as_bytes());
    for p in &inputs {
        fnv(&mut hash, p.to_string_lossy().as_bytes());
        fnv(&mut hash, &[0]);
        // A file that cannot be read counts as empty: the version still
        // changes with every other input.
        fnv(&mut hash, &fs::read(p).unwrap_or_default());
        fnv(&mut hash, &[0]);
    }
    println!("cargo:rustc-env=WATCHDESK_PARSER_VERSION={hash:016x}");
    println!("cargo:rerun-if-changed=src/brief");
    println!("cargo:rerun-if-changed=src/store/readings.rs");
    println!("cargo:rerun-if-changed=Cargo.lock");
    println!("cargo:rerun-if-changed=build.rs");
}
