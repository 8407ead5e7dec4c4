//! The words of page furniture, in one table: every phrase once, with each
//! rule that reads it. A phrase shared by several kinds of furniture
//! ("related" heads a story list, a box of links, and is no desk's name) is
//! one row, so teaching morgue a new phrase is one line here, and a reader
//! sees at a glance everything a phrase already does. How a rule matches its
//! phrases (the whole line, its opening, a word anywhere) is the rule's own
//! business and is said on its [`Role`].
//!
//! Phrases are lowercase (rules lowercase what they compare, or ignore ASCII
//! case) and the rows are in alphabetical order.

use std::sync::OnceLock;

use Role::*;

/// What a phrase is to one rule of [`super`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// A whole line of navigation above a headline ("Skip to content"):
    /// `chrome::is_navigation`, ignoring ASCII case.
    Navigation,
    /// A whole line heading the page's chrome ("Related", "Most popular"),
    /// a colon after it allowed: `chrome::is_chrome_heading`.
    Heading,
    /// How a line heading the page's chrome may open ("You may also like
    /// …"): `chrome::is_chrome_heading`.
    HeadingOpening,
    /// First word of a short heading of a list of stories that a
    /// [`Role::ListClosing`] word ends ("Latest business stories").
    ListOpening,
    /// Last word of such a heading.
    ListClosing,
    /// A whole line heading a box of links between a story's sections
    /// ("Related links"): `chrome::is_link_heading`.
    LinkBoxHeading,
    /// A whole line where an advertisement or widget interrupts a story,
    /// which goes on after it: `plugs::is_interruption`.
    Interruption,
    /// How a plug line inside a story opens ("Download our app", "Related:
    /// …"): `plugs::is_plug`.
    PlugOpening,
    /// Words of a licence or copyright notice glued to a story's last
    /// paragraph, found anywhere near its end: `plugs::strip_trailing_notice`.
    LicenceNotice,
    /// A whole line heading a block of photos whose captions follow:
    /// `captions::is_photo_heading`.
    PhotoHeading,
    /// Words anywhere in a line of a photo block that make it the widget's
    /// text, not a caption: `captions::is_photo_widget`.
    PhotoWidget,
    /// How a paragraph that is a photo's caption may open ("Photo: …"):
    /// `captions::is_credited_caption`.
    CaptionOpening,
    /// A label for screen readers before a caption ("Image caption"), taken
    /// off it: `captions::without_caption_label` and the HTML reader's
    /// figures.
    CaptionLabel,
    /// How a picture credit after a caption opens ("… Photograph: Jane
    /// Doe/AFP"): `captions::is_credited_caption`.
    CreditLead,
    /// Words anywhere in a line that make it a photo credit:
    /// `captions::is_photo_credit`.
    CreditMark,
    /// A label before a colon that makes a line the page's tags ("Filed
    /// under: …"): `tags::is_labelled_tag_line`.
    TagLabel,
    /// Words anywhere in a short line that make it a button or an app plug
    /// ("Click here to …"): `plugs::is_call_to_action`.
    CallToAction,
    /// A wire or agency whose name alone makes a byline: `bylines`.
    Wire,
    /// How a byline opens ("By Jane Doe"): `bylines::after_byline_lead`.
    BylineLead,
    /// A word a publication stamp may open with, taken off one at a time
    /// ("Last updated on Sat 4 Jul"): `stamps::is_page_stamp`.
    StampLead,
    /// A word before the one saying a stamp is one ("First published").
    StampQualifier,
    /// A word saying a paragraph is a publication stamp, among its first
    /// two: `stamps::is_publication_stamp`.
    StampSaysSo,
    /// A word a stamp may hold beside its date and time ("pm", "GMT").
    StampTimeWord,
    /// Words anywhere in a would-be section name that make it page
    /// furniture, not a desk: the HTML reader's sections.
    NotADesk,
}

impl Role {
    /// Every role, in the order of [`Role`]'s variants.
    const ALL: [Role; 24] = [
        Role::Navigation,
        Role::Heading,
        Role::HeadingOpening,
        Role::ListOpening,
        Role::ListClosing,
        Role::LinkBoxHeading,
        Role::Interruption,
        Role::PlugOpening,
        Role::LicenceNotice,
        Role::PhotoHeading,
        Role::PhotoWidget,
        Role::CaptionOpening,
        Role::CaptionLabel,
        Role::CreditLead,
        Role::CreditMark,
        Role::TagLabel,
        Role::CallToAction,
        Role::Wire,
        Role::BylineLead,
        Role::StampLead,
        Role::StampQualifier,
        Role::StampSaysSo,
        Role::StampTimeWord,
        Role::NotADesk,
    ];
}

/// The phrases of one role, in the table's order. Rules ask on every line of
/// every page, so each role's list is gathered once.
pub(crate) fn phrases(role: Role) -> &'static [&'static str] {
    static LISTS: OnceLock<Vec<Vec<&'static str>>> = OnceLock::new();
    let lists = LISTS.get_or_init(|| {
        Role::ALL
            .iter()
            .map(|role| {
                VOCABULARY
                    .iter()
                    .filter(|(_, roles)| roles.contains(role))
                    .map(|(phrase, _)| *phrase)
                    .collect()
            })
            .collect()
    });
    &lists[role as usize]
}

/// Every phrase of page furniture and the rules that read it.
const VOCABULARY: &[(&str, &[Role])] = &[
    ("(credit", &[CreditMark]),
    ("-", &[StampTimeWord]),
    ("/", &[StampTimeWord]),
    ("[file:", &[CreditMark]),
    ("a.m.", &[StampTimeWord]),
    ("aap", &[Wire]),
    ("ad", &[Interruption]),
    ("advertisement", &[Heading, Interruption, NotADesk]),
    ("advertisement - scroll to continue", &[Interruption]),
    ("afp", &[Wire]),
    ("afp=時事", &[Wire]),
    ("afp時事", &[Wire]),
    ("agence france-presse", &[Wire]),
    ("all rights reserved", &[LicenceNotice]),
    ("also on ", &[HeadingOpening]),
    ("also read", &[HeadingOpening, LinkBoxHeading]),
    ("also read:", &[PlugOpening]),
    ("am", &[StampTimeWord]),
    ("anadolu agency", &[Wire]),
    ("analysis by ", &[BylineLead]),
    ("ansa", &[Wire]),
    ("antara", &[Wire]),
    ("ap", &[Wire]),
    ("around the web", &[HeadingOpening]),
    ("article continues after advertisement", &[Interruption]),
    ("article continues below", &[Interruption]),
    ("article continues below advertisement", &[Interruption]),
    ("articles", &[ListClosing]),
    ("associated press", &[Wire]),
    ("at", &[StampTimeWord]),
    ("australian associated press", &[Wire]),
    ("bernama", &[Wire]),
    ("bloomberg", &[Wire]),
    ("bst", &[StampTimeWord]),
    ("by ", &[BylineLead]),
    ("caption", &[CaptionLabel]),
    ("caption:", &[CaptionOpening]),
    ("cdt", &[StampTimeWord]),
    ("cest", &[StampTimeWord]),
    ("cet", &[StampTimeWord]),
    ("click", &[NotADesk]),
    ("click here", &[CallToAction]),
    ("click to enlarge", &[HeadingOpening, PhotoWidget]),
    ("comments", &[Heading]),
    ("continue reading below", &[Interruption]),
    ("continue reading the main story", &[Interruption]),
    ("cookie", &[NotADesk]),
    ("coverage", &[ListClosing]),
    ("cst", &[StampTimeWord]),
    ("don't miss", &[HeadingOpening]),
    ("download our app", &[PlugOpening]),
    ("download the app", &[PlugOpening]),
    ("dpa", &[Wire]),
    ("editor's", &[ListOpening]),
    ("editors'", &[ListOpening]),
    ("edt", &[StampTimeWord]),
    ("efe", &[Wire]),
    ("est", &[StampTimeWord]),
    ("et", &[StampTimeWord]),
    ("facebook", &[NotADesk]),
    ("featured", &[ListOpening]),
    ("filed under", &[TagLabel]),
    ("first", &[StampLead, StampQualifier]),
    ("follow us", &[HeadingOpening]),
    ("fri", &[StampLead]),
    ("friday", &[StampLead]),
    ("from around the web", &[HeadingOpening]),
    ("from staff and wire reports", &[Wire]),
    ("from the web", &[HeadingOpening]),
    ("further reading", &[HeadingOpening]),
    ("gallery", &[Heading, PhotoHeading]),
    ("get our app", &[PlugOpening]),
    ("get the app", &[PlugOpening]),
    ("get the best of", &[HeadingOpening]),
    ("getty images", &[CreditMark]),
    ("gmt", &[StampTimeWord]),
    ("headlines", &[ListClosing]),
    ("home", &[Navigation]),
    ("ians", &[Wire]),
    ("image caption", &[CaptionOpening, CaptionLabel]),
    ("image:", &[CaptionOpening]),
    ("images", &[Heading, PhotoHeading]),
    ("in case you missed", &[HeadingOpening]),
    ("instagram", &[NotADesk]),
    ("irna", &[Wire]),
    ("ist", &[StampTimeWord]),
    ("jiji", &[Wire]),
    ("jiji press", &[Wire]),
    ("join the conversation", &[HeadingOpening]),
    ("jst", &[StampTimeWord]),
    ("jump to content", &[Navigation]),
    ("keep reading", &[Heading]),
    ("keywords", &[Heading, TagLabel]),
    ("kst", &[StampTimeWord]),
    ("kyodo", &[Wire]),
    ("last", &[StampLead, StampQualifier]),
    ("latest", &[ListOpening]),
    ("lee también", &[HeadingOpening]),
    ("leggi anche", &[HeadingOpening]),
    ("leia mais", &[HeadingOpening]),
    ("leia também", &[HeadingOpening]),
    ("lesen sie auch", &[HeadingOpening]),
    ("licensed under a creative commons", &[LicenceNotice]),
    ("linkedin", &[NotADesk]),
    ("links", &[ListClosing]),
    ("lire aussi", &[HeadingOpening]),
    ("listen to this article", &[HeadingOpening, PlugOpening]),
    ("log in", &[Navigation]),
    ("media caption", &[CaptionOpening, CaptionLabel]),
    ("mehr zum thema", &[HeadingOpening]),
    ("menu", &[Navigation]),
    ("modified", &[StampLead, StampSaysSo]),
    ("mon", &[StampLead]),
    ("monday", &[StampLead]),
    ("more", &[Heading, ListOpening]),
    ("more in ", &[HeadingOpening]),
    ("more like this", &[HeadingOpening]),
    ("more on this", &[HeadingOpening]),
    ("more stories", &[Heading]),
    ("more:", &[PlugOpening]),
    ("most commented", &[HeadingOpening]),
    ("most popular", &[Heading, HeadingOpening]),
    ("most read", &[HeadingOpening]),
    ("most shared", &[HeadingOpening]),
    ("most viewed", &[HeadingOpening]),
    ("news", &[ListClosing]),
    ("news agencies", &[Wire]),
    ("newsletter", &[HeadingOpening, NotADesk]),
    ("on", &[StampLead]),
    ("other", &[ListOpening]),
    ("p.m.", &[StampTimeWord]),
    ("pdt", &[StampTimeWord]),
    ("photo", &[Heading, PhotoHeading]),
    ("photo by ", &[CreditLead]),
    ("photo caption", &[CaptionLabel]),
    ("photo caption:", &[CaptionOpening]),
    ("photo credit: ", &[CreditLead]),
    ("photo gallery", &[Heading, PhotoHeading]),
    ("photo:", &[CaptionOpening, CreditMark]),
    ("photo: ", &[CreditLead]),
    ("photograph:", &[CaptionOpening, CreditMark]),
    ("photograph: ", &[CreditLead]),
    ("photos", &[Heading, PhotoHeading]),
    ("picks", &[ListClosing]),
    ("pictured:", &[CaptionOpening]),
    ("pictures", &[Heading, PhotoHeading]),
    ("pinterest", &[NotADesk]),
    ("pm", &[StampTimeWord]),
    ("popular", &[Heading, ListOpening]),
    ("popular now", &[Heading]),
    ("posted", &[StampLead, StampSaysSo]),
    ("posted by ", &[BylineLead]),
    ("posted on", &[NotADesk]),
    ("posts", &[ListClosing]),
    ("powered by", &[NotADesk]),
    ("press trust of india", &[Wire]),
    ("promoted content", &[HeadingOpening]),
    ("promoted stories", &[HeadingOpening]),
    ("pst", &[StampTimeWord]),
    ("pt", &[StampTimeWord]),
    ("pti", &[Wire]),
    ("published", &[StampLead, StampSaysSo]),
    ("read also", &[HeadingOpening, LinkBoxHeading]),
    ("read also:", &[PlugOpening]),
    ("read more", &[Heading, LinkBoxHeading, NotADesk]),
    ("read more:", &[PlugOpening]),
    ("read next", &[HeadingOpening]),
    ("read next:", &[PlugOpening]),
    ("reads", &[ListClosing]),
    ("recent", &[ListOpening]),
    ("recommended", &[Heading, ListOpening]),
    ("recommended for you", &[HeadingOpening]),
    ("related", &[Heading, ListOpening, LinkBoxHeading, NotADesk]),
    ("related articles", &[LinkBoxHeading]),
    ("related content", &[Heading]),
    ("related coverage", &[LinkBoxHeading]),
    ("related coverage:", &[PlugOpening]),
    ("related links", &[LinkBoxHeading]),
    ("related stories", &[LinkBoxHeading]),
    ("related:", &[PlugOpening]),
    ("report by ", &[BylineLead]),
    ("reported by ", &[BylineLead]),
    ("reuters", &[Wire]),
    ("sat", &[StampLead]),
    ("saturday", &[StampLead]),
    ("scroll to continue with content", &[Interruption]),
    ("search", &[Navigation]),
    ("search icon", &[HeadingOpening, PhotoWidget]),
    ("see also", &[Heading, LinkBoxHeading]),
    ("see also:", &[PlugOpening]),
    ("see more", &[HeadingOpening]),
    ("share", &[Heading]),
    ("share on", &[HeadingOpening]),
    ("share this", &[Heading, NotADesk]),
    ("share via", &[HeadingOpening]),
    ("sign in", &[Navigation]),
    ("sign up", &[NotADesk]),
    ("sign up for", &[HeadingOpening, PlugOpening]),
    ("sign up to", &[HeadingOpening, PlugOpening]),
    ("skip ad", &[NotADesk]),
    ("skip advertisement", &[Interruption]),
    ("skip navigation", &[Navigation]),
    ("skip to content", &[Navigation]),
    ("skip to main content", &[Navigation]),
    ("skip to navigation", &[Navigation]),
    ("sponsored", &[Heading]),
    ("sponsored content", &[HeadingOpening]),
    ("sponsored stories", &[HeadingOpening]),
    ("staff", &[Wire]),
    ("staff and wire reports", &[Wire]),
    ("staff report", &[Wire]),
    ("staff writer", &[Wire]),
    ("stories", &[ListClosing]),
    ("story by ", &[BylineLead]),
    ("story continues below", &[Interruption]),
    ("story continues below advertisement", &[Interruption]),
    ("subscribe", &[NotADesk]),
    ("subscribe for", &[HeadingOpening, PlugOpening]),
    ("subscribe now", &[HeadingOpening]),
    ("subscribe to", &[HeadingOpening, PlugOpening]),
    ("sun", &[StampLead]),
    ("sunday", &[StampLead]),
    ("tag", &[TagLabel]),
    ("tagged", &[TagLabel]),
    ("tags", &[Heading, TagLabel]),
    ("tass", &[Wire]),
    ("the associated press", &[Wire]),
    ("the canadian press", &[Wire]),
    ("thu", &[StampLead]),
    ("thursday", &[StampLead]),
    ("top", &[ListOpening]),
    ("topics", &[Heading, ListClosing, TagLabel]),
    ("trending", &[Heading, ListOpening]),
    ("trending now", &[Heading]),
    ("tue", &[StampLead]),
    ("tuesday", &[StampLead]),
    ("twitter", &[NotADesk]),
    ("updated", &[StampLead, StampSaysSo, StampTimeWord]),
    ("upi", &[Wire]),
    ("utc", &[StampTimeWord]),
    ("veja também", &[HeadingOpening]),
    ("ver también", &[HeadingOpening]),
    ("video", &[Heading]),
    ("videos", &[Heading, ListClosing]),
    ("watch:", &[PlugOpening]),
    ("wed", &[StampLead]),
    ("wednesday", &[StampLead]),
    ("what others are reading", &[HeadingOpening]),
    ("what to read next", &[HeadingOpening]),
    ("whatsapp", &[NotADesk]),
    ("wire reports", &[Wire]),
    ("wire services", &[Wire]),
    ("words by ", &[BylineLead]),
    ("written by ", &[BylineLead]),
    ("xinhua", &[Wire]),
    ("yonhap", &[Wire]),
    ("you may also", &[HeadingOpening]),
    ("you may also like", &[HeadingOpening]),
    ("you may be interested in", &[HeadingOpening]),
    ("you might also", &[HeadingOpening]),
    ("you might also like", &[HeadingOpening]),
    ("you might be interested in", &[HeadingOpening]),
    ("|", &[StampTimeWord]),
    ("©", &[LicenceNotice]),
    ("à lire aussi", &[HeadingOpening]),
    ("читайте также", &[HeadingOpening]),
    ("–", &[StampTimeWord]),
    ("—", &[StampTimeWord]),
    ("あわせて読みたい", &[HeadingOpening]),
    ("おすすめ記事", &[HeadingOpening]),
    ("この記事を読んだ人", &[HeadingOpening]),
    ("タグ", &[TagLabel]),
    ("ランキング", &[HeadingOpening]),
    ("ロイター", &[Wire]),
    ("人気記事", &[HeadingOpening]),
    ("共同", &[Wire]),
    ("共同通信", &[Wire]),
    ("新华社", &[Wire]),
    ("時事", &[Wire]),
    ("時事通信", &[Wire]),
    ("相关文章", &[HeadingOpening]),
    ("相关新闻", &[HeadingOpening]),
    ("相關新聞", &[HeadingOpening]),
    ("関連サイト", &[HeadingOpening, LinkBoxHeading]),
    ("関連ニュース", &[HeadingOpening, LinkBoxHeading]),
    ("関連リンク", &[HeadingOpening, LinkBoxHeading]),
    ("関連情報", &[HeadingOpening, LinkBoxHeading]),
    ("関連記事", &[HeadingOpening, LinkBoxHeading]),
    ("관련 기사", &[HeadingOpening]),
    ("관련기사", &[HeadingOpening]),
    ("연합뉴스", &[Wire]),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_is_listed_in_its_place_and_reads_some_phrase() {
        for (at, role) in Role::ALL.iter().enumerate() {
            assert_eq!(*role as usize, at, "{role:?}");
            assert!(!phrases(*role).is_empty(), "{role:?}");
        }
        assert_eq!(Role::ALL.len(), Role::NotADesk as usize + 1);
    }

    #[test]
    fn each_phrase_is_one_lowercase_row_in_alphabetical_order() {
        for pair in VOCABULARY.windows(2) {
            assert!(
                pair[0].0 < pair[1].0,
                "{:?} then {:?}",
                pair[0].0,
                pair[1].0
            );
        }
        for (phrase, roles) in VOCABULARY {
            assert_eq!(*phrase, phrase.to_lowercase());
            assert!(!roles.is_empty(), "{phrase}");
        }
    }

    #[test]
    fn a_shared_phrase_serves_every_rule_that_reads_it() {
        for role in [Heading, LinkBoxHeading, ListOpening, NotADesk] {
            assert!(phrases(role).contains(&"related"), "{role:?}");
        }
        assert!(phrases(HeadingOpening).contains(&"sign up for"));
        assert!(phrases(PlugOpening).contains(&"sign up for"));
    }
}
