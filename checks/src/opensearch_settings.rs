//! What the OpenSearch domain-safeguard checks share: one finding per domain, from one setting
//! `DescribeDomains` reports (encryption, HTTPS, zones, access control, audit logs).

use crate::check::{Check, Context};
use crate::finding::Finding;
use crate::model::opensearch::DomainSafeguards;
use crate::model::{Fetched, Known};

/// One setting of a domain, and how findings word it.
pub(crate) struct Setting {
    /// The member of the `DescribeDomains` answer, named when the answer lacked it.
    pub member: &'static str,
    pub value: fn(&DomainSafeguards) -> Option<bool>,
    /// What the domain does with the setting on ("encrypts its data at rest") and off.
    pub on: &'static str,
    pub off: &'static str,
}

/// Pass when the setting is on, fail when off, `not_evaluated` when the answer did not say or
/// the domain could not be described.
pub(crate) fn per_domain(check: &Check, ctx: &Context, setting: &Setting) -> Vec<Finding> {
    ctx.each_in_regions(
        check,
        &ctx.snapshot.opensearch,
        |region| &region.domains,
        |domain| {
            // A domain whose description was not read: its access policy slot holds the gap.
            if let Fetched::Failed(gap) = &domain.access_policy {
                return Some(check.not_evaluated(domain, gap));
            }
            Some(match (setting.value)(&domain.safeguards) {
                Some(true) => check.pass(domain, format!("domain {} {}", domain.name, setting.on)),
                Some(false) => {
                    check.fail(domain, format!("domain {} {}", domain.name, setting.off))
                }
                None => check.not_evaluated(domain, &domain.missing(setting.member)),
            })
        },
    )
}

/// Test support: the test every safeguard check shares.
#[cfg(test)]
pub(crate) mod testing {
    use crate::check::Check;
    use crate::finding::Status::*;
    use crate::model::opensearch::DomainSafeguards;
    use crate::model::Fetched;
    use crate::testing::*;

    /// `set` turns the check's setting on, off or unknown: on passes, off fails with `off` in
    /// its message, unknown and an undescribed domain are not evaluated, and so is a region
    /// whose domains could not be listed.
    pub fn assert_safeguard(
        check: &'static Check,
        set: fn(&mut DomainSafeguards, Option<bool>),
        off: &str,
    ) {
        let mut snap = snapshot();
        let on = opensearch_domain("on");
        let mut disabled = opensearch_domain("off");
        set(&mut disabled.safeguards, Some(false));
        let mut unknown = opensearch_domain("unknown");
        set(&mut unknown.safeguards, None);
        let mut cut = opensearch_domain("cut");
        cut.access_policy = Fetched::Failed(denied("DescribeDomains"));
        opensearch(&mut snap).domains = Fetched::Ok(vec![on, disabled, unknown, cut]);

        let findings = run(check, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("on", Pass),
                ("off", Fail),
                ("unknown", NotEvaluated),
                ("cut", NotEvaluated)
            ])
        );
        assert_eq!(findings[1].message, format!("domain off {off}"));

        opensearch(&mut snap).domains = Fetched::Failed(denied("ListDomainNames"));
        assert_eq!(
            statuses(&run(check, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
