//! Any text as a query, with and without filters and in every order, against
//! a small real index: a result or a clear error, never a panic.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use morgue::index::{build, Archive, IndexOptions};
use morgue::search::{search, SearchRequest, Sort};

fn archive() -> &'static Archive {
    static ARCHIVE: OnceLock<(tempfile::TempDir, Archive)> = OnceLock::new();
    &ARCHIVE
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("temp dir");
            let corpus = dir.path().join("corpus");
            std::fs::create_dir(&corpus).expect("corpus dir");
            std::fs::write(
                corpus.join("a.txt"),
                " date 2019-12-10 National / Politics\n\nMotegi to visit Moscow\n\nKyodo\n\n\
                 Foreign Minister Toshimitsu Motegi will hold peace treaty talks with Sergey Lavrov.\n\n\
                 PHOTOS\n\nMotegi and Lavrov in Nagoya. | POOL\n\nrussia, , ,",
            )
            .expect("dump");
            std::fs::write(
                corpus.join("b.txt"),
                "date 2020-03-25 Sports / Olympics\n\nTokyo Games postponed\n\nThe Olympics will move to 2021 because of the coronavirus.\n",
            )
            .expect("dump");
            let index = dir.path().join("index");
            build(&index, &[corpus], &IndexOptions::default(), &mut |_| {}).expect("index");
            let archive = Archive::open(&index).expect("open");
            (dir, archive)
        })
        .1
}

fuzz_target!(|data: &[u8]| {
    let Some((&switches, text)) = data.split_first() else {
        return;
    };
    let mut request = SearchRequest::new(String::from_utf8_lossy(text));
    request.sort =
        [Sort::Relevance, Sort::Date, Sort::Oldest, Sort::Blend][usize::from(switches & 3)];
    request.limit = usize::from(switches >> 4);
    request.offset = usize::from((switches >> 2) & 3);
    if switches & 0x80 != 0 {
        request.section = Some("politics".into());
    }
    if let Ok(request) = request.validate() {
        let _ = search(archive(), &request);
    }
});
