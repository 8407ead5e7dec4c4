//! A page's headline without the site's name: titles for sharing and for
//! the browser's tab carry it ("… | TheHill", "… - Sportsnet.ca",
//! "Opinion | …"), the story's headline does not.

use super::folded_words;

/// What separates a headline from a site's name or a desk's in a title.
const SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · ", " » "];

/// `title` with a leading or trailing part dropped where that part is one
/// of `names` (the site's name, its address, the section) or where what is
/// left is the page's `<h1>`.
pub(super) fn without_site_name(title: &str, names: &[String], heading: Option<&str>) -> String {
    let title = title
        .trim()
        .trim_end_matches([' ', '-', '|', '–', '—'])
        .trim();
    let names: Vec<Vec<String>> = names
        .iter()
        .map(|name| folded_words(name))
        .filter(|name| !name.is_empty())
        .collect();
    let heading = heading
        .map(folded_words)
        .filter(|heading| heading.len() >= 2);
    let is_a_name = |part: &str| {
        let part = folded_words(part);
        !part.is_empty()
            && names
                .iter()
                .any(|name| *name == part || name.concat() == part.concat())
    };
    let is_the_heading = |part: &str| {
        heading
            .as_ref()
            .is_some_and(|heading| *heading == folded_words(part))
    };
    for separator in SEPARATORS {
        if let Some((rest, last)) = title.rsplit_once(separator) {
            if is_a_name(last) || is_the_heading(rest) {
                return rest.trim().to_string();
            }
        }
        if let Some((first, rest)) = title.split_once(separator) {
            if is_a_name(first) || is_the_heading(rest) {
                return rest.trim().to_string();
            }
        }
    }
    title.to_string()
}

/// The names a site goes by in its address: "www.sportsnet.ca" gives
/// "sportsnet.ca" and "sportsnet".
pub(super) fn address_names(url: &str) -> Vec<String> {
    let host = url
        .split("://")
        .nth(1)
        .and_then(|rest| rest.split(['/', '?', '#', ':']).next())
        .unwrap_or_default()
        .trim_start_matches("www.");
    let label = host.split('.').next().unwrap_or_default();
    [host, label]
        .iter()
        .filter(|name| !name.is_empty())
        .map(|name| name.to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|name| name.to_string()).collect()
    }

    #[test]
    fn the_site_and_the_desk_leave_the_headline() {
        let site = names(&[
            "TheHill",
            "Editorial",
            "Opinion",
            "sportsnet.ca",
            "sportsnet",
        ]);
        let cases = [
            (
                "New York man pleads guilty to threatening to kill Omar | TheHill",
                "New York man pleads guilty to threatening to kill Omar",
            ),
            (
                "Opinion | Republicans Are Following Trump to Nowhere",
                "Republicans Are Following Trump to Nowhere",
            ),
            (
                "Nadal keeps Spain alive - Sportsnet.ca",
                "Nadal keeps Spain alive",
            ),
            (
                "The Guardian view on Hong Kong: a city on the brink | Editorial",
                "The Guardian view on Hong Kong: a city on the brink",
            ),
            (
                "Star Wars Jedi: Fallen Order review – shoots for the moon",
                "Star Wars Jedi: Fallen Order review – shoots for the moon",
            ),
        ];
        for (title, wanted) in cases {
            assert_eq!(without_site_name(title, &site, None), wanted);
        }
        assert_eq!(
            without_site_name(
                "Meal Prep Made Easy | The Beachbody Blog",
                &[],
                Some("Meal Prep Made Easy")
            ),
            "Meal Prep Made Easy"
        );
        assert_eq!(
            address_names("https://www.sportsnet.ca/tennis/x"),
            names(&["sportsnet.ca", "sportsnet"])
        );
    }
}
