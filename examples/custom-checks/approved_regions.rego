# Resources run only in the regions the team has approved (data residency, support, cost).
package custom.approved_regions

metadata := {
	"title": "Resources run only in approved regions",
	"pillar": "security",
	"severity": "high",
	"services": ["ec2", "s3"],
	"best_practices": [{"code": "SEC01-BP06", "strength": "indirect"}],
	"remediation": "Move the resource to an approved region (or approve its region), then delete it here.",
	"doc": "## What it does\nChecks that every EC2 instance and S3 bucket is in one of the approved regions.\n\n## Why is this bad?\nA resource in an unapproved region escapes the guardrails, monitoring and data-residency commitments set up for the approved ones.\n\n## Not evaluated when\nThe instance or bucket list of a region could not be read.",
}

# Edit this list: the regions your organisation approves.
approved := {"us-east-1", "us-west-2"}

verdict(region) := "pass" if region in approved

verdict(region) := "fail" if not region in approved

findings contains f if {
	some region, ec2 in input.ec2
	some instance in ec2.instances.ok
	f := {
		"resource": {"arn": instance.arn, "type": "AWS::EC2::Instance", "id": instance.id, "region": region, "tags": instance.tags},
		"status": verdict(region),
		"message": sprintf("instance %s runs in %s", [instance.id, region]),
	}
}

findings contains f if {
	some region, ec2 in input.ec2
	gap := ec2.instances.failed
	f := {"status": "not_evaluated", "region": region, "gap": gap}
}

findings contains f if {
	some bucket in input.s3.buckets.ok
	f := {
		"resource": {"arn": sprintf("arn:%s:s3:::%s", [input.partition, bucket.name]), "type": "AWS::S3::Bucket", "id": bucket.name, "region": bucket.region, "tags": object.get(bucket.tags, "ok", {})},
		"status": verdict(bucket.region),
		"message": sprintf("bucket %s is in %s", [bucket.name, bucket.region]),
	}
}

# A bucket whose region could not be read: its finding says why.
findings contains f if {
	some bucket in input.s3.unlocated_buckets
	f := {"status": "not_evaluated", "region": "unknown", "gap": bucket.why, "resource": {"arn": sprintf("arn:%s:s3:::%s", [input.partition, bucket.name]), "type": "AWS::S3::Bucket", "id": bucket.name, "region": "unknown"}}
}

findings contains f if {
	gap := input.s3.buckets.failed
	f := {"status": "not_evaluated", "region": "global", "gap": gap}
}
