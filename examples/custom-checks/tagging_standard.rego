# The team's tagging standard: `owner` names a known team, `cost-center` looks like cc-<digits>.
package custom.tagging_standard

metadata := {
	"title": "Instances carry the team's tagging standard",
	"pillar": "cost_optimization",
	"severity": "medium",
	"services": ["ec2"],
	"best_practices": [
		{"code": "COST03-BP02", "strength": "direct"},
		{"code": "OPS01-BP01", "strength": "indirect"},
	],
	"remediation": "Tag the instance: owner=<one of the teams>, cost-center=cc-<number> (aws ec2 create-tags).",
	"doc": "## What it does\nChecks that every EC2 instance has an `owner` tag whose value is one of the known teams and a `cost-center` tag of the form `cc-<digits>`.\n\n## Why is this bad?\nCost and incidents cannot be traced to a team when the tags are missing or misspelt.\n\n## Not evaluated when\nA region's instance list could not be read.",
}

# Edit this list: the teams that may own resources.
teams := {"team-web", "team-data", "team-platform"}

problems(tags) := {p |
	not tags.owner
	p := "no owner tag"
} | {p |
	owner := tags.owner
	not owner in teams
	p := sprintf("owner \"%s\" is not a known team", [owner])
} | {p |
	not tags["cost-center"]
	p := "no cost-center tag"
} | {p |
	center := tags["cost-center"]
	not regex.match(`^cc-[0-9]+$`, center)
	p := sprintf("cost-center \"%s\" is not cc-<digits>", [center])
}

findings contains f if {
	some region, ec2 in input.ec2
	some instance in ec2.instances.ok
	found := problems(instance.tags)
	f := {
		"resource": {"arn": instance.arn, "type": "AWS::EC2::Instance", "id": instance.id, "region": region, "tags": instance.tags},
		"status": "fail",
		"message": sprintf("instance %s: %s", [instance.id, concat(", ", sort(found))]),
	}
	count(found) > 0
}

findings contains f if {
	some region, ec2 in input.ec2
	some instance in ec2.instances.ok
	count(problems(instance.tags)) == 0
	f := {
		"resource": {"arn": instance.arn, "type": "AWS::EC2::Instance", "id": instance.id, "region": region, "tags": instance.tags},
		"status": "pass",
		"message": sprintf("instance %s is tagged owner=%s, cost-center=%s", [instance.id, instance.tags.owner, instance.tags["cost-center"]]),
	}
}

findings contains f if {
	some region, ec2 in input.ec2
	gap := ec2.instances.failed
	f := {"status": "not_evaluated", "region": region, "gap": gap}
}
