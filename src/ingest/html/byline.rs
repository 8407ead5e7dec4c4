//! A page's byline as a name: what sites put in their author fields is
//! often more — "By Ana Swanson", "Jose Altoveros View More Articles",
//! "Sandee LaMotte, CNN⏎⏎1 day ago", "Текст: Лида Буслаева" — or not a
//! name at all ("@https://twitter.com/…", a handle, a form's label).

use super::super::furniture::bylines::after_byline_lead;

/// Longest byline kept, in characters.
const LONGEST: usize = 100;

/// What follows a name in author boxes: links to the writer's other work.
const AUTHOR_BOX_TAILS: &[&str] = &[
    "view more articles",
    "more articles",
    "view all posts",
    "all posts",
    "more stories",
    "read more",
];

/// The names in an author field, or `None` when it holds none.
pub(super) fn byline_name(raw: &str) -> Option<String> {
    // The first line: what follows a break is a stamp or a role box.
    let line = raw.lines().map(str::trim).find(|line| !line.is_empty())?;
    // A handle or an address is not a name.
    if line.starts_with('@') || line.contains("://") || line.contains("www.") {
        return None;
    }
    let mut name = line.split_whitespace().collect::<Vec<_>>().join(" ");
    // ASCII lower case keeps every byte where it was, so a tail found in it
    // cuts the name on a character boundary ("İ" lower-cased in full grows).
    let lower = name.to_ascii_lowercase();
    if let Some(at) = AUTHOR_BOX_TAILS.iter().find_map(|tail| lower.find(tail)) {
        name.truncate(at);
    }
    // A label: "Text: Jane Doe", "Текст: Лида Буслаева", "Autor: Jan Nowak".
    if let Some((label, rest)) = name.split_once(':') {
        if !label.contains(char::is_whitespace) && label.chars().count() <= 12 {
            name = rest.to_string();
        }
    }
    let name = after_byline_lead(&name).unwrap_or(&name);
    let name = name
        .trim()
        .trim_end_matches([',', '|', '-', '–', '—', '·'])
        .trim();
    let not_a_name = name.is_empty()
        || name.chars().count() > LONGEST
        || name.chars().any(|c| c.is_ascii_digit())
        || is_a_form_label(name);
    (!not_a_name).then(|| name.to_string())
}

/// "Nama (wajib)", "Name (required)": a comment form's field, which
/// extractors take for an author box.
fn is_a_form_label(name: &str) -> bool {
    name.strip_suffix(')')
        .and_then(|head| head.rsplit_once('('))
        .is_some_and(|(_, note)| !note.is_empty() && note.chars().all(char::is_lowercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_kept_and_the_rest_goes() {
        let cases = [
            ("By Ana Swanson", Some("Ana Swanson")),
            ("Jose Altoveros View More Articles", Some("Jose Altoveros")),
            (
                "Sandee LaMotte, CNN \n         \n\n  1 day ago",
                Some("Sandee LaMotte, CNN"),
            ),
            ("Текст: Лида Буслаева", Some("Лида Буслаева")),
            (
                "Amy Kuperinsky | NJ Advance Media for NJ.com",
                Some("Amy Kuperinsky | NJ Advance Media for NJ.com"),
            ),
            ("@https://twitter.com/IndiaPost_News", None),
            ("@Theparadigmng", None),
            ("потеря веса до 10 кг. Отзывы", None),
            ("  ", None),
            ("Nama  (wajib)", None),
            ("İlkay Gündoğan View More Articles", Some("İlkay Gündoğan")),
            (
                "Analysis by Chris Cillizza, CNN",
                Some("Chris Cillizza, CNN"),
            ),
        ];
        for (raw, wanted) in cases {
            assert_eq!(byline_name(raw).as_deref(), wanted, "{raw:?}");
        }
    }
}
