//! Whether a resource carries a tag: shared by the tag checks of several pillars (owner tags,
//! cost allocation tags).

use crate::model::Tags;

/// Whether `tags` has `key` with a non-blank value.
pub(crate) fn has_value(tags: &Tags, key: &str) -> bool {
    tags.get(key).is_some_and(|value| !value.trim().is_empty())
}

/// The keys of `required` that `tags` lacks (or holds with a blank value), in `required`'s order.
pub(crate) fn missing<'a>(tags: &Tags, required: &'a [String]) -> Vec<&'a str> {
    required
        .iter()
        .filter(|key| !has_value(tags, key))
        .map(String::as_str)
        .collect()
}

/// The finding message for a resource described as `what` (e.g. `instance web (i-1)`). A tag
/// counts in Cost Explorer and the cost and usage reports only once its key is activated as a
/// cost allocation tag in Billing, which wascan does not read: the pass message says so.
pub(crate) fn message(what: &str, missing: &[&str], required: &[String]) -> String {
    if missing.is_empty() {
        format!(
            "{what} carries every required tag ({}); they reach the bill once activated as cost allocation tags",
            required.join(", ")
        )
    } else {
        format!("{what} lacks required tags: {}", missing.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::tags;

    #[test]
    fn blank_values_count_as_missing() {
        let required = vec![
            "owner".to_string(),
            "cost-center".to_string(),
            "env".to_string(),
        ];
        let found = tags(&[("owner", "team"), ("cost-center", " ")]);
        assert_eq!(missing(&found, &required), vec!["cost-center", "env"]);
        assert!(has_value(&found, "owner"));
    }
}
