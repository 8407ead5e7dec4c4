//! Links the `morgue` binary as a position-dependent executable.
//!
//! A search is a whole process, so start-up is part of every answer. As a
//! position-independent executable the binary carries about 39,000 relocations
//! (tantivy's, html5ever's and the stemmers' tables of pointers) that the
//! loader applies to 800 KB of data on every start: 1 to 1.5 ms of a 7 ms
//! search on the project's machine. Linked at a fixed address it needs none.
//! Only the binaries are linked this way; the library, tests and benchmarks are
//! not affected. On x86-64 Linux with glibc, .cargo/config.toml goes further:
//! it links statically, at a fixed address; this covers the other Linux builds.

fn main() {
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo::rustc-link-arg-bins=-no-pie");
    }
}
