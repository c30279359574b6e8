# Every EBS volume declares its backup schedule, as the team's own lens asks
# (mapped to the team lens's choice by team-lens.toml).
package custom.volume_backup_tag

metadata := {
	"title": "EBS volumes declare their backup schedule",
	"pillar": "reliability",
	"severity": "low",
	"services": ["ec2"],
	"best_practices": [{"code": "REL09-BP03", "strength": "indirect"}],
	"remediation": "Tag the volume backup=daily|weekly|none (aws ec2 create-tags --tags Key=backup,Value=daily).",
	"doc": "## What it does\nChecks that every EBS volume carries a `backup` tag of `daily`, `weekly` or `none`, which the team's backup plans select on.\n\n## Why is this bad?\nAn untagged volume is in no backup plan, and nobody decided that it should not be.\n\n## Not evaluated when\nA region's volume list could not be read.",
}

schedules := {"daily", "weekly", "none"}

findings contains f if {
	some region, ec2 in input.ec2
	some volume in ec2.volumes.ok
	schedule := object.get(volume.tags, "backup", "")
	f := {
		"resource": {"arn": volume.arn, "type": "AWS::EC2::Volume", "id": volume.id, "region": region, "tags": volume.tags},
		"status": verdict(schedule),
		"message": message(volume.id, schedule),
	}
}

findings contains f if {
	some region, ec2 in input.ec2
	gap := ec2.volumes.failed
	f := {"status": "not_evaluated", "region": region, "gap": gap}
}

verdict(schedule) := "pass" if schedule in schedules

verdict(schedule) := "fail" if not schedule in schedules

message(id, "") := sprintf("volume %s has no backup tag", [id])

message(id, schedule) := sprintf("volume %s is backed up: %s", [id, schedule]) if schedule in schedules

message(id, schedule) := sprintf("volume %s has backup=\"%s\" (expected daily, weekly or none)", [id, schedule]) if {
	schedule != ""
	not schedule in schedules
}
