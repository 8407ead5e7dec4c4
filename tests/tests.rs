//! Integration tests: one binary, one link step. Each module runs the real
//! `morgue` binary on real files.

mod chromium;
mod server;
mod syndication;
mod util;

mod bad_input;
mod browser;
mod cli;
mod copies;
mod damaged_index;
mod explore;
mod faults;
mod formats;
mod html_pages;
mod japanese;
mod page_metadata;
mod panics;
mod ranking;
mod rescrape;
mod reuters_dumps;
mod serve;
mod watch;
