//! The page dump reader on pages of many papers' layouts.

use super::*;
use crate::ingest::furniture::chrome::{is_chrome_heading, is_footer};

/// A page in the seed's layout, written for these tests.
const PAGE: &str = " date 2019-12-10 National / Politics

Minister to visit Moscow for treaty talks

Kyodo

The foreign minister said Tuesday he will travel to Moscow next week.

The talks will focus on a peace treaty and disputed islands.

GET THE BEST OF THE DAILY TIMES IN FIVE EASY PIECES
JOIN THE CONVERSATION

LATEST NATIONAL STORIES

A crowd gathers outside a station in Osaka on Monday.
Rail operator raises fares for the first time in decades
A regional rail operator said it will raise fares next spring, citing the cost of maintaining rural lines that carry few...
Typhoon damage repairs to take years, officials say
Officials in the prefecture estimated the cost of repairing roads and bridges damaged by the typhoon at several billion...

PHOTOS

search icon Click to enlarge

The minister shakes hands with his counterpart in Nagoya. | POOL

search icon Click to enlarge

Delegates arrive for the meeting. | KYODO

diplomacy, russia, , , ,";

fn article(text: &str) -> Article {
    let parsed = parse(text, Path::new("x.txt")).unwrap();
    assert_eq!(parsed.articles.len(), 1);
    parsed.articles.into_iter().next().unwrap()
}

#[test]
fn reads_the_layout() {
    let article = article(PAGE);
    assert_eq!(article.date, NaiveDate::from_ymd_opt(2019, 12, 10));
    assert_eq!(
        article.section.as_ref().map(Section::to_string).as_deref(),
        Some("National / Politics")
    );
    assert_eq!(article.title, "Minister to visit Moscow for treaty talks");
    assert_eq!(article.byline.as_deref(), Some("Kyodo"));
    assert_eq!(article.body.len(), 2);
    let spaced = PAGE.replace("Minister to visit Moscow", "Minister to visit  Moscow\t");
    assert_eq!(
        self::article(&spaced).title,
        "Minister to visit Moscow for treaty talks"
    );
    assert_eq!(
        article.captions,
        vec![
            "The minister shakes hands with his counterpart in Nagoya. | POOL",
            "Delegates arrive for the meeting. | KYODO"
        ]
    );
    assert_eq!(article.tags, vec!["diplomacy", "russia"]);
}

#[test]
fn a_teaser_closing_on_a_quote_is_no_story_resuming_after_an_ad() {
    let story = "The talks will focus on a peace treaty and disputed islands.";
    let page = format!(
        " date 2019-12-10 National\n\nMinister to visit Moscow for treaty talks\n\nKyodo\n\n\
         The foreign minister said Tuesday he will travel to Moscow next week.\n\n{story}\n\n\
         Advertisement\n\n\
         • Moscow says the islands dispute is \"a matter for the next generation\"\n"
    );
    let article = article(&page);
    assert_eq!(article.body.last().map(String::as_str), Some(story));
    // A quote closing a sentence still ends one: the story goes on after the ad.
    let resumed = page.replace("generation\"", "generation.\"");
    assert!(self::article(&resumed)
        .body
        .last()
        .is_some_and(|paragraph| paragraph.ends_with("generation.\"")));
}

#[test]
fn a_labelled_tag_line_gives_the_tags_not_a_paragraph() {
    let page = PAGE.replace("diplomacy, russia, , , ,", "Filed under: Diplomacy");
    let article = article(&page);
    assert_eq!(article.tags, ["Diplomacy"]);
    assert!(article
        .body
        .iter()
        .all(|paragraph| !paragraph.contains("Filed")));
}

#[test]
fn chrome_never_reaches_the_article() {
    let article = article(PAGE);
    let text = format!("{article:?}").to_lowercase();
    for chrome in [
        "fares",
        "typhoon",
        "osaka",
        "join the conversation",
        "click to enlarge",
    ] {
        assert!(!text.contains(chrome), "{chrome} leaked");
    }
}

#[test]
fn crlf_and_no_photos_and_no_byline() {
    let page = PAGE
        .replace("Kyodo\n\n", "")
        .split("PHOTOS")
        .next()
        .unwrap()
        .replace('\n', "\r\n");
    let article = article(&page);
    assert_eq!(article.byline, None);
    assert_eq!(article.body.len(), 2);
    assert!(article.captions.is_empty());
    assert!(article.body[1].ends_with("disputed islands."));
}

#[test]
fn missing_and_malformed_dates_are_warnings() {
    let missing = parse(
        &PAGE.replace(" date 2019-12-10 National / Politics\n", ""),
        Path::new("x"),
    )
    .unwrap();
    assert_eq!(missing.articles[0].date, None);
    assert_eq!(
        missing.articles[0].title,
        "Minister to visit Moscow for treaty talks"
    );
    assert!(missing.warnings[0].to_string().contains("no date line"));
    assert_eq!(
        missing.warnings[0].kind,
        crate::ingest::WarningKind::Undated
    );

    let impossible = parse(&PAGE.replace("2019-12-10", "2019-02-30"), Path::new("x")).unwrap();
    assert_eq!(impossible.articles[0].date, None);
    assert_eq!(
        impossible.articles[0].title,
        "Minister to visit Moscow for treaty talks"
    );
    assert!(
        impossible.warnings[0].to_string().contains("2019-02-30"),
        "{:?}",
        impossible.warnings
    );
    assert!(impossible.articles[0].section.is_some());

    let garbage = parse(&PAGE.replace("2019-12-10", "someday"), Path::new("x")).unwrap();
    assert!(garbage.warnings[0].to_string().contains("someday"));
    assert_eq!(
        garbage.articles[0].title,
        "Minister to visit Moscow for treaty talks"
    );
}

#[test]
fn other_date_forms() {
    for (text, expected) in [
        ("date December 10, 2019 World", (2019, 12, 10)),
        ("Date: 2019/12/10 World", (2019, 12, 10)),
        ("date 2019-12-10T09:30:00+09:00 World", (2019, 12, 10)),
        ("date 10 Dec 2019 World", (2019, 12, 10)),
    ] {
        let line = DateLine::parse(text).unwrap();
        let (y, m, d) = expected;
        assert_eq!(
            line.date,
            Ok(NaiveDate::from_ymd_opt(y, m, d).unwrap()),
            "{text}"
        );
        assert_eq!(line.section, "World");
    }
    assert!(DateLine::parse("date 0000-01-01 World")
        .unwrap()
        .date
        .is_err());
    assert!(DateLine::parse("date 2999-01-01 World")
        .unwrap()
        .date
        .is_err());
    assert!(DateLine::parse("Minister to visit Moscow").is_none());
}

#[test]
fn other_papers_chrome_headings() {
    for heading in [
        "MORE WORLD NEWS",
        "Related articles",
        "Top Stories",
        "Most read",
        "Photo gallery",
        "You might also like",
        "More from Business",
        "Promoted Stories",
        "Sponsored",
    ] {
        assert!(is_chrome_heading(heading), "{heading}");
    }
    for body in [
        "More than 70 years after the war, no treaty.",
        "Latest figures show growth",
        "More from the central bank is expected in the spring",
        "Photos",
    ] {
        assert_eq!(is_chrome_heading(body), body == "Photos", "{body}");
    }
}

/// Navigation kept above the headline is skipped, and a site's name after
/// the headline dropped; tickers and bars inside headlines stay.
#[test]
fn navigation_above_the_headline_and_the_site_name_after_it() {
    for top in [
        "Home > World > Europe\n\n",
        "Skip to main content\n\n",
        "News » Asia » Japan\n",
    ] {
        let page = format!(
            "date 2014-07-17 World\n\n{top}Airliner crashes in Ukraine | The Daily Courier\n\n\
            By Olga Ivanova\n\nA passenger jet came down on Thursday, officials said.\n"
        );
        let saved = article(&page);
        assert_eq!(saved.title, "Airliner crashes in Ukraine", "{top}");
        assert_eq!(saved.byline.as_deref(), Some("Olga Ivanova"), "{top}");
    }
    for headline in [
        "CYCARE <CYCR.O> BUYS CONTROL DATA <CAD> UNIT",
        "Match report | Arsenal beat Chelsea in the rain",
        "Exports > imports for first time",
    ] {
        let page = format!("date 1987-03-01 Business\n\n{headline}\n\nThe story.\n");
        assert_eq!(article(&page).title, headline);
    }
}

/// Other stories' headlines under any short heading at the foot of the
/// page are chrome; a list that closes a story is not.
#[test]
fn a_list_of_headlines_at_the_foot_is_chrome_whatever_its_heading() {
    let story = "date 2020-05-01 World\n\nTrade talks resume\n\n\
        Negotiators met in Geneva on Monday to restart talks on tariffs.\n\n";
    for heading in [
        "Up next",
        "In Other News",
        "Also in Business",
        "Trending in Sports",
    ] {
        let page = format!(
            "{story}{heading}\n\nCity council approves new budget after long debate\n\
            Flooding closes roads across the region for a second day\n"
        );
        assert_eq!(article(&page).body.len(), 1, "{heading}");
    }
    let headless = format!(
        "{story}City council approves new budget after long debate\n\
        Flooding closes roads across the region for a second day\n\
        Local team wins the regional title in overtime\n"
    );
    assert_eq!(article(&headless).body.len(), 1);
    for list in [
        "- The talks resume in June\n- A deal is due by the autumn\n- Tariffs stay until then\n",
        "Key dates\n\n1945: the war ends\n1956: a joint declaration is signed\n",
        "Winners\nBest Picture: Parasite\nBest Director: Bong Joon-ho\n",
        "Results\nShr 10 cts vs 9 cts\nNet 1,000 vs 900 dlrs\nRevs 5,000 vs 4,000 dlrs\n",
        "What happens next\nThe talks resume in June\n",
    ] {
        let page = format!("{story}{list}");
        assert!(article(&page).body.len() > 1, "{list}");
    }
}

/// A news site's page: advertisement markers between paragraphs, then a
/// marker that only chrome follows.
#[test]
fn the_story_goes_on_after_an_advertisement() {
    let page = "date 2022-02-24 World\n\nTroops cross the border\n\nBy Anna Petrova\n\n\
        Troops crossed the border before dawn on Thursday, officials in the capital said.\n\n\
        Advertisement\n\nContinue reading the main story\n\n\
        The president declared martial law and urged residents to stay at home.\n\n\
        Story continues below advertisement\n\n\
        Allies promised sanctions within days, diplomats in Brussels said.\n\n\
        Advertisement\n\n\
        Markets tumble as oil tops $100\nWhat we know about the fighting so far\n";
    assert_eq!(
        article(page).body,
        [
            "Troops crossed the border before dawn on Thursday, officials in the capital said.",
            "The president declared martial law and urged residents to stay at home.",
            "Allies promised sanctions within days, diplomats in Brussels said.",
        ]
    );
}

/// Plugs and links to other stories inside a story are neither its text
/// nor its end.
#[test]
fn the_story_goes_on_after_plugs_and_links() {
    let page = "date 2021-02-14 World\n\nQuake shakes Fukushima\n\nBy Mari Ono\n\n\
        A powerful earthquake struck off the coast of Fukushima late on Saturday.\n\n\
        Sign up for our daily newsletter\n\n\
        The prime minister urged residents to stay alert for aftershocks.\n\
        Read more\n\
        Japan marks ten years since the 2011 disaster\n\n\
        RELATED: How the 2011 tsunami changed the coast\n\n\
        >> Download our app for breaking news alerts\n\
        Read more\n\n\
        The power company said there were no abnormalities at the nuclear plant.\n\n\
        Sign up for our daily newsletter\n\n\
        Most read\nFerry fares to rise\nNew bridge opens\n";
    assert_eq!(
        article(page).body,
        [
            "A powerful earthquake struck off the coast of Fukushima late on Saturday.",
            "The prime minister urged residents to stay alert for aftershocks.",
            "The power company said there were no abnormalities at the nuclear plant.",
        ]
    );
    // A box of links between a story's sections is skipped too...
    let boxed = "date 2010-06-01 スポーツ\n\nゴルフ教室\n\n\
        実際のコースで使用されている動画があるので、参考にして欲しい。\n\n\
        ■関連リンク\n・ゴルフクリニック 公式サイト\n・商品説明ページ\n\n\
        続けて、千葉のゴルフ場でコースレッスンを開いている代表の小渕さんにも話を聞いた。\n\n\
        【関連記事】\n・第１回／ゴルフ男子とは\n";
    assert_eq!(
        article(boxed).body,
        [
            "実際のコースで使用されている動画があるので、参考にして欲しい。",
            "続けて、千葉のゴルフ場でコースレッスンを開いている代表の小渕さんにも話を聞いた。",
        ]
    );
    // ...but a heading over a list of other stories ends the story.
    let listed = "date 2021-02-14 World\n\nQuake\n\n\
        A powerful earthquake struck off the coast of Fukushima late on Saturday.\n\n\
        Most read\nFerry fares to rise\nNew bridge opens\nSchools close early\n\n\
        A council meeting on the new budget ran late into the night on Friday.\n";
    assert_eq!(article(listed).body.len(), 1);
    let long_list = "date 2021-02-14 World\n\nQuake\n\n\
        A powerful earthquake struck off the coast of Fukushima late on Saturday.\n\n\
        Related\nOne\nTwo\nThree\nFour\nFive\nSix\n\n\
        A council meeting on the new budget ran late into the night on Friday.\n";
    assert_eq!(article(long_list).body.len(), 1);
}

/// Captions left between paragraphs, each with its credit; a story
/// paragraph that a credit was glued to stays story.
#[test]
fn captions_between_paragraphs_are_captions() {
    let page = "date 2021-03-04 Business\n\nCopper climbs\n\n\
        Copper rose on Thursday to its highest in a decade as factories restarted.\n\n\
        Copper cathodes at a warehouse in Qingdao on Monday. | REUTERS\n\n\
        A trader on the floor of the exchange. (AP Photo/Jane Doe)\n\n\
        Dockers unload a ship in Rotterdam. Photograph: Jan de Vries/AFP\n\n\
        PHOTO: The exchange's trading floor in London\n\n\
        Stocks rose in Shanghai. Traders said demand was strong, and prices held. Photo: Li Wei\n\n\
        The metal gained 2.1 percent on the London Metal Exchange.\n";
    let article = article(page);
    assert_eq!(
        article.body,
        [
            "Copper rose on Thursday to its highest in a decade as factories restarted.",
            "Stocks rose in Shanghai. Traders said demand was strong, and prices held. Photo: Li Wei",
            "The metal gained 2.1 percent on the London Metal Exchange.",
        ]
    );
    assert_eq!(
        article.captions,
        [
            "Copper cathodes at a warehouse in Qingdao on Monday. | REUTERS",
            "A trader on the floor of the exchange. (AP Photo/Jane Doe)",
            "Dockers unload a ship in Rotterdam. Photograph: Jan de Vries/AFP",
            "PHOTO: The exchange's trading floor in London",
        ]
    );
}

/// Other sites' furniture between headline and story, around the byline.
#[test]
fn stamps_above_the_story_are_not_story_text() {
    let pages = [
        ("By JANE DOE | Staff Writer\n\nPublished: Dec. 10, 2019 at 5:00 p.m.\n\nUpdated 3 hours ago\n\n5 min read", "JANE DOE | Staff Writer"),
        ("Posted by John Roe\n\nDecember 11, 2019 14:32 GMT", "John Roe"),
        ("Reuters staff\n\n2 Min Read", "Reuters staff"),
        ("Updated: 2019-12-12 09:15 JST\n\nWritten by Ana Silva", "Ana Silva"),
        ("By Ana Silva\n\nLast updated on 12 December 2019", "Ana Silva"),
        ("Justin Roe in Tokyo\nSat 4 Jul 2020 08.20 BST", "Justin Roe in Tokyo"),
        (
            "Staff Writer\n\nPosted: June 18, 2018 9:45 AM | Updated: June 18, 2018 1:12 PM",
            "Staff Writer",
        ),
    ];
    for (head, byline) in pages {
        let page = format!(
            "date 2019-12-10 World\n\nA headline\n\n{head}\n\n\
             The story opens here, on a Tuesday, with a sentence of news.\n\nIt goes on.\n"
        );
        let article = article(&page);
        assert_eq!(article.byline.as_deref(), Some(byline), "{head}");
        assert_eq!(
            article.body,
            [
                "The story opens here, on a Tuesday, with a sentence of news.",
                "It goes on."
            ],
            "{head}"
        );
    }
    for story in [
        "December 11, 2019 was a day to remember.",
        "On Monday the minister resigned",
        "5 reasons to read",
        "2019 at a glance",
    ] {
        assert!(!is_page_stamp(story), "{story}");
    }
}

/// Other papers' furniture around a story: a stamp pair with a bare
/// time, an agency and its city, a stamp below the standfirst or at the
/// foot, a signature with an address at the end, a closing source line.
#[test]
fn stamps_and_signatures_of_other_papers() {
    let stamped = "date 2008-03-14 World\n\nMonks march for a third day\n\nBy JOHN HARTLEY, Staff Writer\n\n\
        Published March 14, 2008 | Updated 6:42 p.m.\n\nCrowds marched through the old quarter on Friday.\n\n\
        Officials said order would be restored.\n";
    let saved = article(stamped);
    assert_eq!(saved.byline.as_deref(), Some("JOHN HARTLEY, Staff Writer"));
    assert_eq!(
        saved.body,
        [
            "Crowds marched through the old quarter on Friday.",
            "Officials said order would be restored."
        ]
    );

    let agency = "date 2011-09-02 Economy\n\nRupee slips to a two-year low\n\n\
        Press Trust of India | New Delhi\n\nLast Updated: September 2, 2011 18:05 IST\n\n\
        The rupee weakened against the dollar on Friday.\n\nDealers blamed importers.\n\n\
        First Published: Fri, September 02 2011. 18:05 IST\n\nTrending\n";
    let saved = article(agency);
    assert_eq!(
        saved.byline.as_deref(),
        Some("Press Trust of India | New Delhi")
    );
    assert_eq!(
        saved.body,
        [
            "The rupee weakened against the dollar on Friday.",
            "Dealers blamed importers."
        ]
    );

    let signed = "date 2015-06-11 National\n\nSeoul widens quarantine\n\n\
        Health authorities widened quarantine measures on Thursday.\n\n\
        Schools will stay closed until next week.\n\nBy Kim Ji-hoon (jhkim@example.com)\n\n\
        Related Articles\nTourism suffers as visitors cancel trips\n";
    let saved = article(signed);
    assert_eq!(saved.byline.as_deref(), Some("Kim Ji-hoon"));
    assert_eq!(saved.body.len(), 2, "{:?}", saved.body);

    let sourced = "date 2019-12-12 Europe\n\nBritain votes again\n\n\
        Voters go to the polls in an election dominated by Brexit.\n\nPublished On 12 Dec 2019\n\n\
        Polling stations opened at 07:00 GMT.\n\nSOURCE: AL JAZEERA AND NEWS AGENCIES\n\n\
        Keep reading\nlist of 4 items\nEU leaders prepare for trade talks\n";
    let saved = article(sourced);
    assert_eq!(
        saved.byline.as_deref(),
        Some("AL JAZEERA AND NEWS AGENCIES")
    );
    assert_eq!(
        saved.body,
        [
            "Voters go to the polls in an election dominated by Brexit.",
            "Polling stations opened at 07:00 GMT."
        ]
    );

    // A closing sentence that opens with "By" is story text.
    let closing = "date 2019-12-12 Europe\n\nTitle\n\nThe count went on overnight.\n\n\
        By morning the result was clear.\n";
    assert_eq!(article(closing).body.len(), 2);
    assert_eq!(article(closing).byline, None);
}

/// Pages saved with one line break between paragraphs, no blank lines.
#[test]
fn one_line_per_paragraph_without_blank_lines() {
    let page = "date 2016-06-24 World\nBritain votes to leave\nBy Jane Doe\n\
        Updated June 24, 2016 08:00 GMT\n\
        Britain has voted to leave the European Union, official results showed.\n\
        The prime minister said he would step down.\nMarkets fell as the results came in.\n\
        Most Read\nPound falls to a 31-year low\n";
    let saved = article(page);
    assert_eq!(saved.byline.as_deref(), Some("Jane Doe"));
    assert_eq!(
        saved.body,
        [
            "Britain has voted to leave the European Union, official results showed.",
            "The prime minister said he would step down.",
            "Markets fell as the results came in.",
        ]
    );
    // Lines broken inside sentences are one paragraph, wrapped.
    let wrapped = "date 2016-06-24 World\n\nHeadline\n\nBritain has voted to leave the\n\
        European Union, official results\nshowed on Friday.\n";
    assert_eq!(
        article(wrapped).body,
        ["Britain has voted to leave the European Union, official results showed on Friday."]
    );
}

/// In a script without capitals a short first paragraph is no name.
#[test]
fn a_japanese_opening_sentence_is_not_a_byline() {
    let page = "date 2012-05-01 IT\n\nアプリ紹介\n\nAndroid版のLINEに新サービス追加！\n\n\
        新しいサービスが今日から使えるようになった。\n";
    let article = article(page);
    assert_eq!(article.byline, None);
    assert_eq!(article.body[0], "Android版のLINEに新サービス追加！");
}

#[test]
fn labelled_captions_between_paragraphs_are_captions() {
    let page = "date 2021-07-23 Sports\n\nTokyo opens the Games\n\nThe Games opened on Friday.\n\n\
        Image caption: Naomi Osaka lights the cauldron.\n\nFans were barred.\n";
    let saved = article(page);
    assert_eq!(
        saved.body,
        ["The Games opened on Friday.", "Fans were barred."]
    );
    assert_eq!(saved.captions, ["Naomi Osaka lights the cauldron."]);
}

#[test]
fn copyright_lines_end_the_body() {
    let page = "date 2020-01-01 World\n\nTitle\n\nFirst paragraph.\n\n© 2020 The Daily Times. All rights reserved.\n";
    assert_eq!(article(page).body, vec!["First paragraph."]);
    assert!(is_footer("Copyright 2020 Kyodo News"));
    assert!(!is_footer("The copyright dispute went to court."));
    assert!(is_footer("(C) 1987 Reuters"));
    assert!(is_footer("The Daily Times, ALL RIGHTS RESERVED"));
    assert!(!is_footer("All rights reserved, said the lawyer, who then spoke at length about what the clause meant for the paper and its readers and why it had been added to the contract in the first place, long ago, before any of the current editors had joined the paper."));
    assert!(!is_footer("Rights reserved for members"));
}

#[test]
fn teaser_block_without_heading_ends_the_body() {
    let page = "date 2020-01-01 World\n\nTitle\n\nFirst paragraph.\n\nSecond paragraph.\n\n\
                Other story headline\nAn opening of some other story that runs on and is then cut short...\n";
    let article = article(page);
    assert_eq!(article.body, vec!["First paragraph.", "Second paragraph."]);
}

#[test]
fn bylines() {
    for byline in [
        "Reuters",
        "Kyodo",
        "By Jane Doe",
        "Jane Doe, Reuters",
        "BY TED D'AFFLISIO, REUTERS",
        "Ana de la Cruz",
        "By JANE DOE and JOHN ROE / Staff Writers",
        "By Jane Doe • Senior Correspondent",
        "By the Editorial Board",
        "By Jane Doe, Special to The Times",
        "From staff and wire reports",
    ] {
        assert!(is_byline(byline), "{byline}");
    }
    assert_eq!(strip_by("By Jane Doe - May 1, 2020"), "Jane Doe");
    assert_eq!(strip_by("Jane Doe | Updated May 1, 2020"), "Jane Doe");
    assert_eq!(
        strip_by("Story by Jane Doe; Photos by John Roe"),
        "Jane Doe"
    );
    assert!(!is_byline(
        "By the time rescuers arrived, the building had collapsed."
    ));
    assert!(!is_byline(
        "By then the talks had stalled on most of the points raised by the other side"
    ));
    for body in [
        "Qtly div eights cts vs 7.5 cts prior",
        "Pay March 31",
        "The minister said so.",
        "Shares fell",
    ] {
        assert!(!is_byline(body), "{body}");
    }
    assert_eq!(
        article(&PAGE.replace("Kyodo", "By Jane Doe"))
            .byline
            .as_deref(),
        Some("Jane Doe")
    );
    // A wire's closing credit names the reporters when nothing above does.
    let credited = "date 2019-12-10 Business\n\nSoftBank posts loss\n\n\
        SoftBank Group reported a quarterly loss on Tuesday as its investments fell.\n\n\
        — Reporting by Ana Ruiz and Li Wei, editing by Tom Roe\n";
    let article = self::article(credited);
    assert_eq!(article.byline.as_deref(), Some("Ana Ruiz and Li Wei"));
    assert_eq!(article.body.len(), 2, "the credit stays story text");
    for (credit, names) in [
        (
            "Reporting by Jane Doe; Editing by Tom Roe",
            Some("Jane Doe"),
        ),
        ("Reporting by Jane Doe Writing by Li Wei", Some("Jane Doe")),
        ("Additional reporting by Jane Doe", None),
        ("The reporting by the paper was wrong.", None),
    ] {
        assert_eq!(reporters_credit(credit).as_deref(), names, "{credit}");
    }
}

#[test]
fn a_lone_name_like_paragraph_is_kept_as_the_story() {
    let page = "date 2020-01-01 World\n\nFUND RESULTS\n\nLord Abbett Bond Debenture Fund\n\nJOIN THE CONVERSATION\n";
    let article = article(page);
    assert_eq!(article.body, vec!["Lord Abbett Bond Debenture Fund"]);
    assert_eq!(article.byline, None);
}

#[test]
fn a_page_without_body_is_an_error() {
    let page = "date 2020-01-01 World\n\nTitle\n\nReuters\n\nJOIN THE CONVERSATION\n";
    assert!(parse(page, Path::new("x"))
        .unwrap_err()
        .contains("no story text"));
    assert!(parse("date 2020-01-01 World\n", Path::new("x"))
        .unwrap_err()
        .contains("no headline"));
}

#[test]
fn tags_lines() {
    assert!(is_tags_line(", , , , ,"));
    assert!(is_tags_line("acq, usa, , , , "));
    assert!(is_tags_line("Tags: Japan, Russia"));
    assert!(is_tags_line("#Economy #Banking"));
    assert_eq!(parse_tags("#Economy #Banking"), ["Economy", "Banking"]);
    assert!(!is_tags_line("#1 seed wins again"));
    // Any label of the vocabulary's, as the HTML reader reads them.
    assert!(is_tags_line("Filed under: Energy policy"));
    assert_eq!(
        parse_tags("Filed under: Energy policy, Japan"),
        ["Energy policy", "Japan"]
    );
    assert_eq!(parse_tags("タグ：政治, 経済"), ["政治", "経済"]);
    assert!(!is_tags_line("Net 226,653,000 vs 186,790,000"));
    assert!(!is_tags_line(
        "Officials said the plan, which was delayed, will proceed."
    ));
}

#[test]
fn url_and_iso_date_time_header_lines() {
    let parsed = parse(
        "http://news.example.jp/article/detail/5903225/\n2011-10-02T10:00:00+0900\n川越シェフの悪評\n最近、テレビでも人気者の川越シェフ。\n\n二段落目。\n",
        Path::new("topic-news-5903225.txt"),
    )
    .unwrap();
    let article = &parsed.articles[0];
    assert_eq!(
        article.url.as_deref(),
        Some("http://news.example.jp/article/detail/5903225/")
    );
    assert_eq!(article.date, NaiveDate::from_ymd_opt(2011, 10, 2));
    assert_eq!(article.title, "川越シェフの悪評");
    assert_eq!(article.body.len(), 2);
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
}

#[test]
fn a_line_is_found_inside_small_and_large_pages_alike() {
    let line = b"the bike track for women is as long as 2,500 meters";
    for filler in [10, 100_000] {
        let mut page = "x".repeat(filler).into_bytes();
        assert!(!holds(&page, line));
        page.extend_from_slice(b"\nand the bike track for women is as long as 2,500 meters.");
        assert!(holds(&page, line), "{filler}");
        assert!(!holds(&page, b"the bike track for men"), "{filler}");
    }
}

#[test]
fn body_only_files_take_the_headline_from_their_name_and_lose_repeats() {
    let opening = "TEHRAN – A bike lane stretching to 9,300 meters will be built around the stadium, the district mayor has said on Saturday at a ceremony.";
    let rest = "The bike track for women is as long as 2,500 meters, he noted, and more lanes will follow next year across the district.";
    let text = format!(
        "{opening} {rest} FB/MG All Content by Mehr News Agency is licensed under a Creative Commons Attribution 4.0 International License.\n                  {rest} FB/MG All Content by Mehr News Agency is licensed under a Creative Commons Attribution 4.0 International License.\n"
    );
    let parsed = parse(
        &text,
        Path::new("data/_news_437847_9-000-meter-bike-lane-to-be-set-up-around-Azadi-Stadium.txt"),
    )
    .unwrap();
    let article = &parsed.articles[0];
    assert_eq!(
        article.title,
        "9 000 meter bike lane to be set up around Azadi Stadium"
    );
    assert_eq!(article.body, vec![format!("{opening} {rest}")]);
    // No usable name: the opening words stand in for the headline.
    let nameless = parse(&"word ".repeat(100), Path::new("0042.txt")).unwrap();
    assert_eq!(nameless.articles[0].title, "word ".repeat(12).trim_end());
    let quoted = "TEHRAN - The leader called it the year of \"resistance and jobs.\"  All Content by Mehr News Agency is licensed under a Creative Commons Attribution 4.0 International License.";
    let mut paragraph = quoted.to_string();
    strip_trailing_notice(&mut paragraph);
    assert_eq!(
        paragraph,
        "TEHRAN - The leader called it the year of \"resistance and jobs.\""
    );
}
