//! wascan's section of an answer's notes. Pure.
//!
//! wascan writes its evidence between [`BEGIN`] and [`END`] and, on the next run, replaces only
//! that span: what a person wrote before or after it is kept byte for byte. Without a section,
//! the new one is appended after the person's notes. A section whose markers are damaged (one
//! missing, or out of order, or twice) is never guessed at: the notes are left alone.

/// The first line of wascan's section.
pub const BEGIN: &str = "--- wascan evidence (do not edit) ---";
/// The last line of wascan's section.
pub const END: &str = "--- end wascan evidence ---";
/// The Well-Architected Tool's limit on an answer's notes, in characters.
pub const ANSWER_NOTES_MAX: usize = 2084;
/// The Tool's limit on a choice's notes, in characters.
pub const CHOICE_NOTES_MAX: usize = 250;

/// The parts of existing notes around wascan's section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// Everything before the section (or all of the notes when there is none).
    pub before: &'a str,
    /// The section itself, markers included, when there is one.
    pub section: Option<&'a str>,
    /// Everything after the section.
    pub after: &'a str,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the wascan evidence markers in the notes are damaged ({0}): wascan leaves these notes alone; delete the damaged markers to let it write again")]
pub struct Damaged(pub &'static str);

/// Finds wascan's section in `notes`.
pub fn split(notes: &str) -> Result<Split<'_>, Damaged> {
    let begins = notes.matches(BEGIN).count();
    let ends = notes.matches(END).count();
    match (begins, ends) {
        (0, 0) => Ok(Split {
            before: notes,
            section: None,
            after: "",
        }),
        (1, 1) => {
            let start = notes.find(BEGIN).ok_or(Damaged("no begin marker"))?;
            let end = notes.find(END).ok_or(Damaged("no end marker"))?;
            if end < start {
                return Err(Damaged("the end marker comes first"));
            }
            let stop = end + END.len();
            Ok(Split {
                before: &notes[..start],
                section: Some(&notes[start..stop]),
                after: &notes[stop..],
            })
        }
        (0, _) => Err(Damaged("an end marker without a begin marker")),
        (_, 0) => Err(Damaged("a begin marker without an end marker")),
        _ => Err(Damaged("the markers appear more than once")),
    }
}

/// The result of merging a new section into existing notes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    pub notes: String,
    /// Evidence lines cut to respect [`ANSWER_NOTES_MAX`] (0 when everything fit).
    pub lines_cut: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MergeError {
    #[error(transparent)]
    Damaged(#[from] Damaged),
    #[error("the person's notes take {used} of the {ANSWER_NOTES_MAX} characters the Tool allows: no room for wascan's evidence")]
    NoRoom { used: usize },
}

/// Replaces (or appends) wascan's section in `notes` with one holding `lines`, cutting lines from
/// the end when the whole would exceed [`ANSWER_NOTES_MAX`]; the person's text is never cut.
pub fn merge(notes: &str, lines: &[String]) -> Result<Merged, MergeError> {
    let parts = split(notes)?;
    let (before, after) = match parts.section {
        Some(_) => (parts.before.to_string(), parts.after),
        None if parts.before.is_empty() => (String::new(), ""),
        None if parts.before.ends_with("\n\n") => (parts.before.to_string(), ""),
        None if parts.before.ends_with('\n') => (format!("{}\n", parts.before), ""),
        None => (format!("{}\n\n", parts.before), ""),
    };
    let used = chars(&before) + chars(after);
    let room = ANSWER_NOTES_MAX.saturating_sub(used);
    let (section, lines_cut) = fit(lines, room).ok_or(MergeError::NoRoom {
        used: chars(parts.before) + chars(parts.after),
    })?;
    Ok(Merged {
        notes: format!("{before}{section}{after}"),
        lines_cut,
    })
}

/// The section with as many of `lines` as fit in `room` characters, and how many were cut.
fn fit(lines: &[String], room: usize) -> Option<(String, usize)> {
    let frame = chars(BEGIN) + 1 + chars(END);
    let mut kept: Vec<String> = Vec::new();
    let mut size = frame;
    for (index, line) in lines.iter().enumerate() {
        let cost = chars(line) + 1;
        let remaining = lines.len() - index - 1;
        // Keep room for the note saying what was cut, unless this is the last line.
        let reserve = if remaining > 0 {
            chars(&cut_line(remaining)) + 1
        } else {
            0
        };
        if size + cost + reserve <= room {
            kept.push(line.clone());
            size += cost;
            continue;
        }
        let cut = lines.len() - index;
        let note = cut_line(cut);
        if size + chars(&note) + 1 > room {
            // Even the cut note does not fit: drop earlier lines until it does.
            while size + chars(&note) + 1 > room {
                let dropped = kept.pop()?;
                size -= chars(&dropped) + 1;
            }
            let cut = lines.len() - kept.len();
            kept.push(cut_line(cut));
            return Some((render(&kept), cut));
        }
        kept.push(note);
        return Some((render(&kept), cut));
    }
    (size <= room).then(|| (render(&kept), 0))
}

fn cut_line(count: usize) -> String {
    format!("[{count} more line(s) cut: the Tool allows {ANSWER_NOTES_MAX} characters of notes]")
}

fn render(lines: &[String]) -> String {
    let mut text = String::from(BEGIN);
    text.push('\n');
    for line in lines {
        text.push_str(line);
        text.push('\n');
    }
    text.push_str(END);
    text
}

/// Cuts `text` to at most `max` characters, ending with `…` when cut.
pub fn truncate(text: &str, max: usize) -> (String, bool) {
    if chars(text) <= max {
        return (text.to_string(), false);
    }
    let kept: String = text.chars().take(max.saturating_sub(1)).collect();
    (format!("{kept}…"), true)
}

pub fn chars(text: &str) -> usize {
    text.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn appends_after_the_persons_notes_and_replaces_only_the_section_later(
    ) -> Result<(), MergeError> {
        let person = "Reviewed with Ana on 3 May.\r\nKMS keys: see wiki.";
        let first = merge(person, &lines(&["SEC08-BP02 pass"]))?;
        assert_eq!(
            first.notes,
            format!("{person}\n\n{BEGIN}\nSEC08-BP02 pass\n{END}")
        );
        // The person adds text after the section; the next run keeps it byte for byte.
        let edited = format!("{}\n  trailing note ✓ \n", first.notes);
        let second = merge(&edited, &lines(&["SEC08-BP02 fail"]))?;
        assert_eq!(
            second.notes,
            format!("{person}\n\n{BEGIN}\nSEC08-BP02 fail\n{END}\n  trailing note ✓ \n")
        );
        // Merging the same lines again changes nothing.
        assert_eq!(
            merge(&second.notes, &lines(&["SEC08-BP02 fail"]))?.notes,
            second.notes
        );
        Ok(())
    }

    #[test]
    fn empty_notes_get_only_the_section() -> Result<(), MergeError> {
        let merged = merge("", &lines(&["a"]))?;
        assert_eq!(merged.notes, format!("{BEGIN}\na\n{END}"));
        let merged = merge("x\n", &lines(&["a"]))?;
        assert_eq!(merged.notes, format!("x\n\n{BEGIN}\na\n{END}"));
        Ok(())
    }

    #[test]
    fn damaged_markers_leave_the_notes_alone() {
        for notes in [
            format!("{BEGIN}\nhalf"),
            format!("x {END}"),
            format!("{END}\n{BEGIN}"),
            format!("{BEGIN}{END}{BEGIN}{END}"),
        ] {
            assert!(
                matches!(merge(&notes, &lines(&["a"])), Err(MergeError::Damaged(_))),
                "{notes}"
            );
        }
    }

    #[test]
    fn long_evidence_is_cut_to_the_limit_and_says_so() -> Result<(), MergeError> {
        let person = "p".repeat(1500);
        let many: Vec<String> = (0..40)
            .map(|i| format!("line {i:02} {}", "x".repeat(30)))
            .collect();
        let merged = merge(&person, &many)?;
        assert!(chars(&merged.notes) <= ANSWER_NOTES_MAX);
        assert!(merged.notes.starts_with(&person));
        assert!(merged.lines_cut > 0);
        assert!(merged.notes.contains(&format!(
            "[{} more line(s) cut: the Tool allows 2084 characters of notes]",
            merged.lines_cut
        )));
        assert!(merged.notes.ends_with(END));
        let kept = merged.notes.matches("line ").count();
        assert_eq!(kept + merged.lines_cut, 40);
        Ok(())
    }

    #[test]
    fn persons_notes_near_the_limit_leave_no_room() {
        let person = "p".repeat(2050);
        assert_eq!(
            merge(&person, &lines(&["a"])),
            Err(MergeError::NoRoom { used: 2050 })
        );
    }

    #[test]
    fn truncation_counts_characters() {
        assert_eq!(truncate("héllo", 5), ("héllo".into(), false));
        assert_eq!(truncate("héllo wörld", 6), ("héllo…".into(), true));
    }
}
