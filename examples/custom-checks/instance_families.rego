# Only the instance families the team has approved (current generation, Graviton first).
package custom.instance_families

metadata := {
	"title": "Instances use an approved instance family",
	"pillar": "performance_efficiency",
	"severity": "medium",
	"services": ["ec2"],
	"best_practices": [
		{"code": "PERF02-BP01", "strength": "indirect"},
		{"code": "SUS05-BP01", "strength": "indirect"},
	],
	"remediation": "Stop the instance and change its type to an approved family (aws ec2 modify-instance-attribute --instance-type).",
	"doc": "## What it does\nChecks every EC2 instance that still exists against the team's allow-list of instance families.\n\n## Why is this bad?\nOlder families cost more for less, and each extra family is one more to patch, reserve and benchmark.\n\n## Not evaluated when\nA region's instance list could not be read.",
}

# Edit this list: the families the team approves.
approved := {"t3", "t4g", "m6g", "m7g", "c7g", "r7g"}

findings contains f if {
	some region, ec2 in input.ec2
	some instance in ec2.instances.ok
	not instance.state in {"terminated", "shutting-down"}
	family := split(instance.instance_type, ".")[0]
	f := {
		"resource": {"arn": instance.arn, "type": "AWS::EC2::Instance", "id": instance.id, "region": region, "tags": instance.tags},
		"status": verdict(family),
		"message": sprintf("instance %s is a %s (family %s)", [instance.id, instance.instance_type, family]),
	}
}

findings contains f if {
	some region, ec2 in input.ec2
	gap := ec2.instances.failed
	f := {"status": "not_evaluated", "region": region, "gap": gap}
}

verdict(family) := "pass" if family in approved

verdict(family) := "fail" if not family in approved
