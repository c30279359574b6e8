//! Removing one field from an AWS answer, for the fault harness (tests/e2e/fault_harness.rs):
//! XML (query protocol and REST-XML), JSON (awsJson, REST-JSON) and CBOR (Smithy RPC v2 CBOR).
//!
//! A *field* is a member of a structure: a scalar (`<volumeType>gp2</volumeType>`, `"Runtime"`)
//! or a nested structure (`KeyMetadata`, `<LoggingEnabled>`). Never removed:
//! - an entry of a list or a map (a missing entry is indistinguishable from a resource, rule or
//!   tag that does not exist: no scanner can notice it);
//! - a member whose value is a list or a map (the AWS API reference treats an absent collection
//!   as empty, and the project follows it: design.md "Evidence");
//! - pagination members (an absent token ends the listing, as documented) and request ids.
//!
//! Lists and maps are told apart from structures by shape: XML list entries are `item`,
//! `member` or `entry`, repeat a sibling's name, or are named as the singular of their parent
//! (`Buckets/Bucket`, `DBInstances/DBInstance`); JSON and CBOR lists are arrays, and maps are the
//! objects under the member names in [`MAP_MEMBERS`].

use serde_json::Value;

use crate::proxy::SplitMix;

/// Members whose value is a map (user keys), not a structure.
const MAP_MEMBERS: &[&str] = &[
    "Tags",
    "tags",
    "Attributes",
    "Variables",
    "Parameters",
    "TagMap",
    "ResourceTags",
    "labels",
    "Labels",
    "Metadata",
    "ExtendedStatistics",
];

/// Members whose absence the AWS API reference gives a meaning, as paths' endings: removing one
/// makes a different, valid answer, not a fault.
const DOCUMENTED_ABSENT: &[&str] = &[
    // S3 GetBucketVersioning: "If the versioning state has never been set on a bucket, it has
    // no versioning state" (no Status), and MFADelete "is only returned if the bucket has been
    // configured with MFA delete".
    "VersioningConfiguration/Status",
    "VersioningConfiguration/MfaDelete",
    // Secrets Manager GetResourcePolicy: a secret without a resource policy is answered with
    // its ARN and Name only (no error, unlike Lambda's GetPolicy or S3's GetBucketPolicy).
    "ResourcePolicy",
    // EC2 DescribeInstanceAttribute (userData): an instance launched without user data is
    // answered with an empty `<userData/>`, no value.
    "userData/value",
    // Secrets Manager ListSecrets (SecretListEntry): LastAccessedDate "is omitted if the secret
    // has never been retrieved in the Region".
    "LastAccessedDate",
];

fn documented_absent(path: &str) -> bool {
    DOCUMENTED_ABSENT.iter().any(|end| {
        path.strip_suffix(end)
            .is_some_and(|rest| rest.is_empty() || rest.ends_with(['/', '.']))
    })
}

/// Pagination and bookkeeping members: never removed.
fn is_bookkeeping(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.contains("token")
        || lower.contains("marker")
        || lower.contains("truncated")
        || matches!(
            lower.as_str(),
            "responsemetadata" | "requestid" | "maxitems" | "maxkeys" | "keycount" | "maxresults"
        )
}

/// The answer's format, from its `Content-Type` (or its first byte when that says nothing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xml,
    Json,
    Cbor,
}

pub fn format_of(content_type: Option<&str>, body: &[u8]) -> Option<Format> {
    let content_type = content_type.unwrap_or_default().to_ascii_lowercase();
    if content_type.contains("cbor") {
        Some(Format::Cbor)
    } else if content_type.contains("json") {
        Some(Format::Json)
    } else if content_type.contains("xml") {
        Some(Format::Xml)
    } else {
        match body.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'<') => Some(Format::Xml),
            Some(b'{') => Some(Format::Json),
            _ => None,
        }
    }
}

/// The body without one field chosen by `rng`, and the field's path; `None` when the answer has
/// no field that may be removed (or cannot be read).
pub fn remove_field(format: Format, body: &[u8], rng: &mut SplitMix) -> Option<(Vec<u8>, String)> {
    match format {
        Format::Xml => remove_xml(body, rng),
        Format::Json => remove_json(body, rng),
        Format::Cbor => remove_cbor(body, rng),
    }
}

// ---------------------------------------------------------------------------------------------
// XML

/// One element: its name and the bytes it spans, start tag to end tag.
#[derive(Debug)]
struct Element {
    name: String,
    start: usize,
    end: usize,
    children: Vec<Element>,
    /// Non-whitespace text directly inside.
    has_text: bool,
}

/// A small XML reader, enough for AWS answers: elements, text, `<?...?>`, comments, CDATA.
fn parse_xml(body: &[u8]) -> Option<Element> {
    let mut stack: Vec<Element> = Vec::new();
    let mut root = None;
    let mut at = 0;
    while at < body.len() {
        if body[at] != b'<' {
            let next = body[at..]
                .iter()
                .position(|&b| b == b'<')
                .map_or(body.len(), |n| at + n);
            if body[at..next].iter().any(|b| !b.is_ascii_whitespace()) {
                stack.last_mut()?.has_text = true;
            }
            at = next;
            continue;
        }
        let rest = &body[at..];
        if rest.starts_with(b"<?") {
            at += find(rest, b"?>")? + 2;
        } else if rest.starts_with(b"<!--") {
            at += find(rest, b"-->")? + 3;
        } else if rest.starts_with(b"<![CDATA[") {
            stack.last_mut()?.has_text = true;
            at += find(rest, b"]]>")? + 3;
        } else if rest.starts_with(b"<!") {
            at += find(rest, b">")? + 1;
        } else if rest.starts_with(b"</") {
            let close = find(rest, b">")?;
            let mut element = stack.pop()?;
            element.end = at + close + 1;
            match stack.last_mut() {
                Some(parent) => parent.children.push(element),
                None => root = Some(element),
            }
            at += close + 1;
        } else {
            let close = find(rest, b">")?;
            let tag = std::str::from_utf8(&rest[1..close]).ok()?;
            let self_closing = tag.ends_with('/');
            let name = tag
                .trim_end_matches('/')
                .split(|c: char| c.is_ascii_whitespace())
                .next()?
                .to_string();
            let element = Element {
                name,
                start: at,
                end: at + close + 1,
                children: Vec::new(),
                has_text: false,
            };
            if self_closing {
                match stack.last_mut() {
                    Some(parent) => parent.children.push(element),
                    None => root = Some(element),
                }
            } else {
                stack.push(element);
            }
            at += close + 1;
        }
    }
    if stack.is_empty() {
        root
    } else {
        None
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Without its namespace prefix.
fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// Whether `child` names an entry of a list held by `parent` (whose children are `siblings`).
fn is_entry(parent: &str, child: &str, siblings: &[Element]) -> bool {
    let (parent, child) = (local(parent), local(child));
    matches!(child, "item" | "member" | "entry")
        || siblings.iter().filter(|s| local(&s.name) == child).count() > 1
        || plural_of(parent, child)
        // Lists S3 writes flattened (no wrapper) or wraps in a name that is not a plural.
        || matches!(child, "Rule" | "Contents" | "CommonPrefixes" | "CORSRule" | "Grant" | "Tag")
        || matches!(parent, "Items" | "AccessControlList" | "TagSet" | "TagList")
}

/// Whether `parent` names a list of `child`s: `Buckets/Bucket`, `Policies/Policy`,
/// `VpcSecurityGroups/VpcSecurityGroupMembership`, `AssociatedRoles/DBInstanceRole`,
/// `StatusInfos/DBInstanceStatusInfo`, `TagList/Tag`, `groupSet/item`.
fn plural_of(parent: &str, child: &str) -> bool {
    let lower_parent = parent.to_ascii_lowercase();
    let lower_child = child.to_ascii_lowercase();
    let singular = lower_parent
        .strip_suffix("ies")
        .map(|stem| format!("{stem}y"))
        .or_else(|| lower_parent.strip_suffix('s').map(str::to_string));
    // The last word of the parent's singular: `AssociatedRoles` → `role`.
    let last_word = parent
        .char_indices()
        .filter(|(_, c)| c.is_ascii_uppercase())
        .map(|(at, _)| at)
        .next_back()
        .and_then(|at| {
            let word = parent[at..].to_ascii_lowercase();
            word.strip_suffix("ies")
                .map(|stem| format!("{stem}y"))
                .or_else(|| word.strip_suffix('s').map(str::to_string))
        });
    singular
        .as_deref()
        .is_some_and(|singular| singular.len() > 2 && lower_child.contains(singular))
        || last_word
            .as_deref()
            .is_some_and(|word| word.len() > 2 && lower_child.ends_with(word))
        || lower_parent == format!("{lower_child}s")
        || lower_parent == format!("{lower_child}es")
        || lower_child
            .strip_suffix('y')
            .is_some_and(|stem| lower_parent == format!("{stem}ies"))
        || lower_parent == format!("{lower_child}list")
        || lower_parent == format!("{lower_child}set")
}

/// Whether `element` holds a list (or a map): its children are entries.
fn is_list(element: &Element) -> bool {
    element
        .children
        .iter()
        .any(|child| is_entry(&element.name, &child.name, &element.children))
}

/// A list, a map, an empty element (perhaps an empty list), or a structure that only wraps
/// collections: absent means empty.
fn xml_collection(element: &Element) -> bool {
    is_list(element)
        || MAP_MEMBERS.contains(&local(&element.name))
        || (!element.has_text && element.children.iter().all(xml_collection))
}

/// Collects the removable fields under `element` as (start, end, path).
fn xml_candidates(element: &Element, path: &str, out: &mut Vec<(usize, usize, String)>) {
    if is_list(element) || MAP_MEMBERS.contains(&local(&element.name)) {
        // Its entries are not fields; their members are.
        for (index, child) in element.children.iter().enumerate() {
            let child_path = format!("{path}/{}[{index}]", local(&child.name));
            xml_struct_candidates(child, &child_path, out);
        }
        return;
    }
    for child in &element.children {
        let name = local(&child.name);
        let child_path = format!("{path}/{name}");
        if is_entry(&element.name, &child.name, &element.children) {
            xml_struct_candidates(child, &child_path, out);
            continue;
        }
        if !is_bookkeeping(name) && !xml_collection(child) && !documented_absent(&child_path) {
            out.push((child.start, child.end, child_path.clone()));
        }
        xml_candidates(child, &child_path, out);
    }
}

/// The members of a list entry (when the entry is a structure).
fn xml_struct_candidates(entry: &Element, path: &str, out: &mut Vec<(usize, usize, String)>) {
    if !entry.children.is_empty() {
        xml_candidates(entry, path, out);
    }
}

fn remove_xml(body: &[u8], rng: &mut SplitMix) -> Option<(Vec<u8>, String)> {
    let root = parse_xml(body)?;
    let mut candidates = Vec::new();
    xml_candidates(&root, local(&root.name), &mut candidates);
    if candidates.is_empty() {
        return None;
    }
    let (start, end, path) = candidates.swap_remove(rng.below(candidates.len()));
    let mut out = body[..start].to_vec();
    out.extend_from_slice(&body[end..]);
    Some((out, path))
}

// ---------------------------------------------------------------------------------------------
// JSON

/// A step into a JSON or CBOR value: a member name or a list index.
#[derive(Debug, Clone)]
enum Step {
    Key(String),
    Index(usize),
}

fn render(path: &[Step]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            Step::Key(key) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Step::Index(index) => out.push_str(&format!("[{index}]")),
        }
    }
    out
}

/// A list, a map, or a structure that only wraps collections (Lambda's `Environment`, which
/// holds `Variables`): absent means empty.
fn json_collection(key: &str, value: &Value) -> bool {
    match value {
        Value::Array(_) => true,
        Value::Object(members) => {
            MAP_MEMBERS.contains(&key)
                || members
                    .iter()
                    .all(|(key, member)| json_collection(key, member))
        }
        _ => false,
    }
}

fn json_candidates(value: &Value, path: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    match value {
        Value::Object(members) => {
            for (key, member) in members {
                path.push(Step::Key(key.clone()));
                if !json_collection(key, member)
                    && !is_bookkeeping(key)
                    && !documented_absent(&render(path))
                {
                    out.push(path.clone());
                }
                if !MAP_MEMBERS.contains(&key.as_str()) {
                    json_candidates(member, path, out);
                }
                path.pop();
            }
        }
        Value::Array(entries) => {
            for (index, entry) in entries.iter().enumerate() {
                path.push(Step::Index(index));
                json_candidates(entry, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

fn json_remove(value: &mut Value, path: &[Step]) -> bool {
    match (path, value) {
        ([Step::Key(key)], Value::Object(members)) => members.shift_remove(key).is_some(),
        ([Step::Key(key), rest @ ..], Value::Object(members)) => members
            .get_mut(key)
            .is_some_and(|member| json_remove(member, rest)),
        ([Step::Index(index), rest @ ..], Value::Array(entries)) => entries
            .get_mut(*index)
            .is_some_and(|entry| json_remove(entry, rest)),
        _ => false,
    }
}

fn remove_json(body: &[u8], rng: &mut SplitMix) -> Option<(Vec<u8>, String)> {
    let mut value: Value = serde_json::from_slice(body).ok()?;
    let mut candidates = Vec::new();
    json_candidates(&value, &mut Vec::new(), &mut candidates);
    if candidates.is_empty() {
        return None;
    }
    let path = candidates.swap_remove(rng.below(candidates.len()));
    json_remove(&mut value, &path).then_some(())?;
    Some((serde_json::to_vec(&value).ok()?, render(&path)))
}

// ---------------------------------------------------------------------------------------------
// CBOR (RFC 8949), enough to read and rewrite Smithy RPC v2 CBOR answers.

/// A CBOR data item. Floats and simple values keep their encoded bytes.
#[derive(Debug, Clone, PartialEq)]
pub enum Cbor {
    Unsigned(u64),
    Negative(u64),
    Bytes(Vec<u8>),
    Text(String),
    Array(Vec<Cbor>),
    Map(Vec<(Cbor, Cbor)>),
    Tag(u64, Box<Cbor>),
    /// Major type 7 (false, true, null, undefined, floats), as encoded.
    Raw(Vec<u8>),
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        let slice = self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(slice)
    }

    fn byte(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }

    /// The argument of a head whose additional information is `info`; `None` for indefinite.
    fn argument(&mut self, info: u8) -> Option<Option<u64>> {
        Some(Some(match info {
            0..=23 => u64::from(info),
            24 => u64::from(self.byte()?),
            25 => u64::from(u16::from_be_bytes(self.take(2)?.try_into().ok()?)),
            26 => u64::from(u32::from_be_bytes(self.take(4)?.try_into().ok()?)),
            27 => u64::from_be_bytes(self.take(8)?.try_into().ok()?),
            31 => return Some(None),
            _ => return None,
        }))
    }

    fn is_break(&self) -> bool {
        self.bytes.get(self.at) == Some(&0xff)
    }

    fn item(&mut self, depth: usize) -> Option<Cbor> {
        if depth > 64 {
            return None;
        }
        let head = self.byte()?;
        let (major, info) = (head >> 5, head & 0x1f);
        if major == 7 {
            let extra = match info {
                0..=23 | 31 => 0,
                24 => 1,
                25 => 2,
                26 => 4,
                27 => 8,
                _ => return None,
            };
            let mut raw = vec![head];
            raw.extend_from_slice(self.take(extra)?);
            return Some(Cbor::Raw(raw));
        }
        let argument = self.argument(info)?;
        match (major, argument) {
            (0, Some(n)) => Some(Cbor::Unsigned(n)),
            (1, Some(n)) => Some(Cbor::Negative(n)),
            (2 | 3, Some(n)) => {
                let bytes = self.take(usize::try_from(n).ok()?)?.to_vec();
                Some(if major == 2 {
                    Cbor::Bytes(bytes)
                } else {
                    Cbor::Text(String::from_utf8(bytes).ok()?)
                })
            }
            (2 | 3, None) => {
                let mut bytes = Vec::new();
                while !self.is_break() {
                    match self.item(depth + 1)? {
                        Cbor::Bytes(chunk) if major == 2 => bytes.extend(chunk),
                        Cbor::Text(chunk) if major == 3 => bytes.extend(chunk.into_bytes()),
                        _ => return None,
                    }
                }
                self.byte()?;
                Some(if major == 2 {
                    Cbor::Bytes(bytes)
                } else {
                    Cbor::Text(String::from_utf8(bytes).ok()?)
                })
            }
            (4, length) => {
                let mut items = Vec::new();
                match length {
                    Some(n) => {
                        for _ in 0..n {
                            items.push(self.item(depth + 1)?);
                        }
                    }
                    None => {
                        while !self.is_break() {
                            items.push(self.item(depth + 1)?);
                        }
                        self.byte()?;
                    }
                }
                Some(Cbor::Array(items))
            }
            (5, length) => {
                let mut pairs = Vec::new();
                match length {
                    Some(n) => {
                        for _ in 0..n {
                            let key = self.item(depth + 1)?;
                            pairs.push((key, self.item(depth + 1)?));
                        }
                    }
                    None => {
                        while !self.is_break() {
                            let key = self.item(depth + 1)?;
                            pairs.push((key, self.item(depth + 1)?));
                        }
                        self.byte()?;
                    }
                }
                Some(Cbor::Map(pairs))
            }
            (6, Some(tag)) => Some(Cbor::Tag(tag, Box::new(self.item(depth + 1)?))),
            _ => None,
        }
    }
}

/// Reads one CBOR item that spans all of `bytes`.
pub fn cbor_decode(bytes: &[u8]) -> Option<Cbor> {
    let mut reader = Reader { bytes, at: 0 };
    let item = reader.item(0)?;
    (reader.at == bytes.len()).then_some(item)
}

fn head(out: &mut Vec<u8>, major: u8, n: u64) {
    let major = major << 5;
    if n < 24 {
        out.push(major | n as u8);
    } else if let Ok(n) = u8::try_from(n) {
        out.extend([major | 24, n]);
    } else if let Ok(n) = u16::try_from(n) {
        out.push(major | 25);
        out.extend(n.to_be_bytes());
    } else if let Ok(n) = u32::try_from(n) {
        out.push(major | 26);
        out.extend(n.to_be_bytes());
    } else {
        out.push(major | 27);
        out.extend(n.to_be_bytes());
    }
}

/// Writes `item` with definite lengths.
pub fn cbor_encode(item: &Cbor, out: &mut Vec<u8>) {
    match item {
        Cbor::Unsigned(n) => head(out, 0, *n),
        Cbor::Negative(n) => head(out, 1, *n),
        Cbor::Bytes(bytes) => {
            head(out, 2, bytes.len() as u64);
            out.extend(bytes);
        }
        Cbor::Text(text) => {
            head(out, 3, text.len() as u64);
            out.extend(text.as_bytes());
        }
        Cbor::Array(items) => {
            head(out, 4, items.len() as u64);
            for item in items {
                cbor_encode(item, out);
            }
        }
        Cbor::Map(pairs) => {
            head(out, 5, pairs.len() as u64);
            for (key, value) in pairs {
                cbor_encode(key, out);
                cbor_encode(value, out);
            }
        }
        Cbor::Tag(tag, item) => {
            head(out, 6, *tag);
            cbor_encode(item, out);
        }
        Cbor::Raw(raw) => out.extend(raw),
    }
}

/// As [`json_collection`].
fn cbor_collection(key: &str, value: &Cbor) -> bool {
    match value {
        Cbor::Array(_) => true,
        Cbor::Map(pairs) => {
            MAP_MEMBERS.contains(&key)
                || pairs.iter().all(|(key, member)| match key {
                    Cbor::Text(key) => cbor_collection(key, member),
                    _ => false,
                })
        }
        _ => false,
    }
}

fn cbor_candidates(item: &Cbor, path: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    match item {
        Cbor::Map(pairs) => {
            for (key, value) in pairs {
                let Cbor::Text(key) = key else { continue };
                path.push(Step::Key(key.clone()));
                if !cbor_collection(key, value)
                    && !is_bookkeeping(key)
                    && !documented_absent(&render(path))
                {
                    out.push(path.clone());
                }
                if !MAP_MEMBERS.contains(&key.as_str()) {
                    cbor_candidates(value, path, out);
                }
                path.pop();
            }
        }
        Cbor::Array(items) => {
            for (index, entry) in items.iter().enumerate() {
                path.push(Step::Index(index));
                cbor_candidates(entry, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

fn cbor_remove(item: &mut Cbor, path: &[Step]) -> bool {
    match (path, item) {
        ([Step::Key(key)], Cbor::Map(pairs)) => {
            let before = pairs.len();
            pairs.retain(|(k, _)| !matches!(k, Cbor::Text(text) if text == key));
            pairs.len() < before
        }
        ([Step::Key(key), rest @ ..], Cbor::Map(pairs)) => pairs
            .iter_mut()
            .find(|(k, _)| matches!(k, Cbor::Text(text) if text == key))
            .is_some_and(|(_, value)| cbor_remove(value, rest)),
        ([Step::Index(index), rest @ ..], Cbor::Array(items)) => items
            .get_mut(*index)
            .is_some_and(|entry| cbor_remove(entry, rest)),
        _ => false,
    }
}

fn remove_cbor(body: &[u8], rng: &mut SplitMix) -> Option<(Vec<u8>, String)> {
    let mut item = cbor_decode(body)?;
    let mut candidates = Vec::new();
    cbor_candidates(&item, &mut Vec::new(), &mut candidates);
    if candidates.is_empty() {
        return None;
    }
    let path = candidates.swap_remove(rng.below(candidates.len()));
    cbor_remove(&mut item, &path).then_some(())?;
    let mut out = Vec::new();
    cbor_encode(&item, &mut out);
    Some((out, render(&path)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_removals(format: Format, body: &[u8]) -> Vec<String> {
        let mut paths = std::collections::BTreeSet::new();
        for seed in 0..500 {
            if let Some((_, path)) = remove_field(format, body, &mut SplitMix::new(seed)) {
                paths.insert(path);
            }
        }
        paths.into_iter().collect()
    }

    #[test]
    fn xml_fields_are_removed_but_never_list_entries_or_lists() {
        let body = br#"<?xml version="1.0"?>
<DescribeVolumesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
  <requestId>abc</requestId>
  <volumeSet>
    <item><volumeId>vol-1</volumeId><volumeType>gp2</volumeType><tagSet/><attachmentSet><item><instanceId>i-1</instanceId></item></attachmentSet></item>
    <item><volumeId>vol-2</volumeId><encrypted>false</encrypted></item>
  </volumeSet>
  <nextToken>t</nextToken>
</DescribeVolumesResponse>"#;
        assert_eq!(
            all_removals(Format::Xml, body),
            [
                "DescribeVolumesResponse/volumeSet/item[0]/attachmentSet/item[0]/instanceId",
                "DescribeVolumesResponse/volumeSet/item[0]/volumeId",
                "DescribeVolumesResponse/volumeSet/item[0]/volumeType",
                "DescribeVolumesResponse/volumeSet/item[1]/encrypted",
                "DescribeVolumesResponse/volumeSet/item[1]/volumeId",
            ]
        );
        let (removed, path) = remove_field(Format::Xml, body, &mut SplitMix::new(1)).expect("one");
        let text = String::from_utf8(removed).expect("utf-8");
        let name = path.rsplit('/').next().expect("a name");
        let before = String::from_utf8_lossy(body)
            .matches(&format!("<{name}>"))
            .count();
        assert_eq!(
            text.matches(&format!("<{name}>")).count(),
            before - 1,
            "{text}"
        );
        assert!(
            parse_xml(text.as_bytes()).is_some(),
            "still well-formed: {text}"
        );
    }

    #[test]
    fn single_entry_lists_named_as_singulars_are_lists() {
        let body = b"<DescribeDBInstancesResult><DBInstances><DBInstance><DBInstanceIdentifier>db</DBInstanceIdentifier><PubliclyAccessible>true</PubliclyAccessible></DBInstance></DBInstances></DescribeDBInstancesResult>";
        assert_eq!(
            all_removals(Format::Xml, body),
            [
                "DescribeDBInstancesResult/DBInstances/DBInstance[0]/DBInstanceIdentifier",
                "DescribeDBInstancesResult/DBInstances/DBInstance[0]/PubliclyAccessible",
            ]
        );
    }

    #[test]
    fn members_whose_absence_is_documented_are_kept() {
        let body = b"<VersioningConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Status>Enabled</Status></VersioningConfiguration>";
        assert!(all_removals(Format::Xml, body).is_empty());
        // In JSON answers too (Secrets Manager's GetResourcePolicy), and only whole members.
        let body =
            br#"{"ARN":"arn:x","Name":"n","ResourcePolicy":"{}","OtherResourcePolicy":"{}"}"#;
        assert_eq!(
            all_removals(Format::Json, body),
            ["ARN", "Name", "OtherResourcePolicy"]
        );
    }

    #[test]
    fn json_fields_are_removed_but_never_lists_maps_or_tokens() {
        let body = br#"{"Functions":[{"FunctionName":"f","Runtime":"python3.7","Environment":{"Variables":{"SECRET":"x"}},"Layers":[]}],"NextMarker":"m"}"#;
        assert_eq!(
            all_removals(Format::Json, body),
            ["Functions[0].FunctionName", "Functions[0].Runtime",]
        );
        let (removed, path) = remove_field(Format::Json, body, &mut SplitMix::new(3)).expect("one");
        let value: Value = serde_json::from_slice(&removed).expect("JSON");
        let key = path.rsplit('.').next().expect("key");
        assert!(value["Functions"][0].get(key).is_none(), "{value}");
    }

    #[test]
    fn cbor_round_trips_and_loses_one_member() {
        // {"MetricAlarms": [{"AlarmName": "a", "ActionsEnabled": true, "Threshold": 1.5,
        //  "StateUpdatedTimestamp": 1(1700000000), "AlarmActions": []}]}, with an indefinite map.
        let mut body = vec![0xa1];
        body.extend(b"\x6cMetricAlarms");
        body.push(0x81);
        body.push(0xbf); // indefinite map
        body.extend(b"\x69AlarmName\x61a");
        body.extend(b"\x6eActionsEnabled\xf5");
        body.extend(b"\x69Threshold\xfb\x3f\xf8\x00\x00\x00\x00\x00\x00");
        body.extend(b"\x75StateUpdatedTimestamp\xc1\x1a\x65\x53\xf1\x00");
        body.extend(b"\x6cAlarmActions\x80");
        body.push(0xff);
        let decoded = cbor_decode(&body).expect("decodes");
        let mut encoded = Vec::new();
        cbor_encode(&decoded, &mut encoded);
        assert_eq!(cbor_decode(&encoded), Some(decoded));
        assert_eq!(
            all_removals(Format::Cbor, &body),
            [
                "MetricAlarms[0].ActionsEnabled",
                "MetricAlarms[0].AlarmName",
                "MetricAlarms[0].StateUpdatedTimestamp",
                "MetricAlarms[0].Threshold",
            ]
        );
        let (removed, _) = remove_field(Format::Cbor, &body, &mut SplitMix::new(0)).expect("one");
        let Some(Cbor::Map(top)) = cbor_decode(&removed) else {
            panic!("a map")
        };
        let Cbor::Array(alarms) = &top[0].1 else {
            panic!("a list")
        };
        let Cbor::Map(alarm) = &alarms[0] else {
            panic!("a map")
        };
        assert_eq!(alarm.len(), 4);
    }
}
