//! What the incident-response presence checks share: the words by which teams name (or tag) the
//! roles and runbooks they keep for security incidents.

use crate::model::Tags;

/// Words (lower case) that mark a name, path or tag as meant for security incident response or
/// emergency access. Matched as substrings of the lower-cased text, so `BreakGlassAdmin`,
/// `ir-forensics` and `Isolate-EC2-Instance` all match.
const WORDS: [&str; 9] = [
    "incident",
    "forensic",
    "breakglass",
    "break-glass",
    "break_glass",
    "quarantine",
    "isolate",
    "containment",
    "securityresponse",
];

/// The first incident-response word `text` contains, if any.
pub(super) fn word_in(text: &str) -> Option<&'static str> {
    let text = text.to_lowercase();
    // "security-response" and "security_response" read as "securityresponse".
    let squeezed: String = text.split(['-', '_', ' ']).collect::<Vec<_>>().join("");
    WORDS
        .iter()
        .copied()
        .find(|word| text.contains(word) || squeezed.contains(word))
}

/// Why a resource with `name` and `tags` counts as meant for incident response: `None` if it
/// does not. Tag keys and values both count (`Purpose=incident-response`, `BreakGlass=true`).
pub(super) fn marked(name: &str, tags: &Tags) -> Option<String> {
    if let Some(word) = word_in(name) {
        return Some(format!("named \"{word}\""));
    }
    tags.iter().find_map(|(key, value)| {
        word_in(key)
            .or_else(|| word_in(value))
            .map(|_| format!("tagged {key}={value}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::tags;

    #[test]
    fn names_and_tags_that_mark_incident_response() {
        assert_eq!(word_in("BreakGlassAdmin"), Some("breakglass"));
        assert_eq!(word_in("Security-Response-Team"), Some("securityresponse"));
        assert_eq!(word_in("IR-Isolate-EC2"), Some("isolate"));
        assert_eq!(word_in("deploy-web"), None);
        assert_eq!(
            marked("ops", &tags(&[("Purpose", "incident-response")])).as_deref(),
            Some("tagged Purpose=incident-response")
        );
        assert_eq!(
            marked("forensics-reader", &Tags::new()).as_deref(),
            Some("named \"forensic\"")
        );
        assert_eq!(marked("app", &tags(&[("team", "web")])), None);
    }
}
