//! Instance families, generations and Graviton, shared by the EC2, Auto Scaling and RDS checks of
//! the performance and sustainability pillars. A family is the part of a type before the first
//! dot (`m5` in `m5.large`; `m6g` in `db.m6g.large` once `db.` is removed).

/// EC2 instance families AWS lists as previous generation, from the "Previous Generation
/// Instances" page (<https://aws.amazon.com/ec2/previous-generation/>) and the EC2 instance types
/// guide. Extend it as AWS retires families.
pub(crate) const EC2_PREVIOUS_GENERATION: &[&str] = &[
    "t1", "t2", "m1", "m2", "m3", "m4", "c1", "c3", "c4", "cc1", "cc2", "cg1", "cr1", "r3", "r4",
    "i2", "d2", "g2", "g3", "g3s", "p2", "x1", "x1e", "hs1", "hi1",
];

/// DB instance class families RDS lists as previous generation.
pub(crate) const RDS_PREVIOUS_GENERATION: &[&str] =
    &["m1", "m2", "m3", "m4", "r3", "r4", "t1", "t2"];

/// Family prefixes with no Graviton counterpart: Mac, GPU and ML accelerators, FPGA, video
/// transcoding, High Memory (`u-…`). Instances of these families give no finding.
pub(crate) const NO_GRAVITON_ALTERNATIVE: &[&str] =
    &["mac", "p", "g", "gr", "inf", "trn", "dl", "f", "vt", "u"];

/// The letters before the generation digit: `m` for `m5zn`, `hpc` for `hpc6a`, `u` for `u-6tb1`.
pub(crate) fn family_class(family: &str) -> &str {
    let end = family
        .find(|c: char| !c.is_ascii_lowercase())
        .unwrap_or(family.len());
    &family[..end]
}

/// A current Graviton family for an x86 family class, when there is an obvious one.
pub(crate) fn graviton_equivalent(class: &str) -> Option<&'static str> {
    Some(match class {
        "m" => "m7g",
        "c" => "c7g",
        "r" => "r7g",
        "t" => "t4g",
        "x" => "x2gd",
        "i" => "i4g",
        "hpc" => "hpc7g",
        _ => return None,
    })
}

/// Whether an EC2 instance type is a Graviton one: the letters after the generation digit start
/// with `g` (`m7g`, `c7gn`, `x2gd`, `is4gen`), or it is the first-generation `a1`.
pub(crate) fn is_graviton_type(instance_type: &str) -> bool {
    let family = instance_type.split('.').next().unwrap_or_default();
    let after_class = &family[family_class(family).len()..];
    let attributes = after_class.trim_start_matches(|c: char| c.is_ascii_digit());
    family == "a1" || attributes.starts_with('g')
}

/// Whether an RDS class family is a Graviton one: its generation digit is followed by `g`
/// (`m6g`, `r7gd`, `t4g`, `x2g`).
pub(crate) fn is_graviton_family(family: &str) -> bool {
    family
        .trim_start_matches(|c: char| c.is_ascii_alphabetic())
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .starts_with('g')
}
