//! What the checks of several pillars know about instance types, in one place: the family of an
//! EC2 instance type, an RDS DB instance class, an ElastiCache node type or an OpenSearch instance
//! type; which families are Graviton; which AWS lists as previous generation.
//!
//! Each list cites the AWS page it comes from; extend it as AWS retires families.

/// The instance family of an EC2 instance type (`m5` for `m5.large`), an RDS class (`db.r6g.xlarge`
/// → `r6g`), an ElastiCache node type (`cache.t4g.micro` → `t4g`) or an OpenSearch instance type
/// (`r6g.large.search` → `r6g`).
pub fn family(instance_type: &str) -> &str {
    let bare = instance_type
        .strip_prefix("db.")
        .or_else(|| instance_type.strip_prefix("cache."))
        .unwrap_or(instance_type);
    bare.split('.').next().unwrap_or_default()
}

/// The letters before the generation digit: `m` for `m5zn`, `hpc` for `hpc6a`, `u` for `u-6tb1`.
pub fn family_class(family: &str) -> &str {
    let end = family
        .find(|c: char| !c.is_ascii_lowercase())
        .unwrap_or(family.len());
    &family[..end]
}

/// Whether a family is a Graviton one: the letters after the generation digit start with `g`
/// (`m6g`, `r7gd`, `t4g`, `c7gn`, `x2gd`, `is4gen`), or it is the first-generation `a1`.
pub fn is_graviton(family: &str) -> bool {
    let attributes =
        family[family_class(family).len()..].trim_start_matches(|c: char| c.is_ascii_digit());
    family == "a1" || attributes.starts_with('g')
}

/// EC2 family classes with no Graviton counterpart: Mac, the GPU and ML accelerator families,
/// FPGAs, video transcoding and High Memory.
pub const NO_GRAVITON_ALTERNATIVE: &[&str] =
    &["mac", "p", "g", "gr", "inf", "trn", "dl", "f", "vt", "u"];

/// A current Graviton family for an x86 family class, when there is an obvious one.
pub fn graviton_equivalent(class: &str) -> Option<&'static str> {
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

/// EC2 families AWS lists as previous generation, from the "Previous Generation Instances" page
/// (<https://aws.amazon.com/ec2/previous-generation/>) and the EC2 instance types guide.
pub const EC2_PREVIOUS_GENERATION: &[&str] = &[
    "t1", "t2", "m1", "m2", "m3", "m4", "c1", "c3", "c4", "cc1", "cc2", "cg1", "cr1", "r3", "r4",
    "i2", "d2", "g2", "g3", "g3s", "p2", "x1", "x1e", "hs1", "hi1",
];

/// RDS DB instance class families AWS lists as previous generation ("Previous generation DB
/// instance classes", RDS User Guide, DB instance class types).
pub const RDS_PREVIOUS_GENERATION: &[&str] = &["m1", "m2", "m3", "m4", "r3", "r4", "t1", "t2"];

/// ElastiCache node type families AWS lists as previous generation ("Supported node types",
/// <https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/CacheNodes.SupportedTypes.html>:
/// "Previous generation: (not recommended. Existing clusters are still supported but creation of
/// new clusters is not supported for these types)").
pub const ELASTICACHE_PREVIOUS_GENERATION: &[&str] =
    &["t1", "t2", "m1", "m2", "m3", "m4", "c1", "r3", "r4"];

/// OpenSearch Service instance type families AWS lists as previous generation ("Supported
/// instance types", <https://docs.aws.amazon.com/opensearch-service/latest/developerguide/supported-instance-types.html>,
/// "Previous generation instance types").
pub const OPENSEARCH_PREVIOUS_GENERATION: &[&str] = &["t2", "m3", "m4", "c4", "r3", "r4", "i2"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_of_each_service_naming() {
        assert_eq!(family("m5.large"), "m5");
        assert_eq!(family("db.r6g.xlarge"), "r6g");
        assert_eq!(family("cache.t4g.micro"), "t4g");
        assert_eq!(family("r6g.large.search"), "r6g");
        assert_eq!(family(""), "");
    }

    #[test]
    fn graviton_families() {
        for graviton in [
            "m6g", "x2g", "r7gd", "t4g", "c7gn", "x2gd", "is4gen", "a1", "im4gn",
        ] {
            assert!(is_graviton(graviton), "{graviton}");
        }
        for x86 in [
            "m5", "m6i", "x2iedn", "r6i", "t3", "c5n", "m7a", "or1", "u-6tb1", "",
        ] {
            assert!(!is_graviton(x86), "{x86}");
        }
        assert_eq!(family_class("hpc6a"), "hpc");
        assert_eq!(graviton_equivalent("m"), Some("m7g"));
    }
}
