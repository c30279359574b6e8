"""Seeds a small account whose names, tags and descriptions are hostile: HTML that would run
script, ANSI escape sequences that would repaint a terminal, spreadsheet formulas, bidi overrides
and very long strings. Not the demo account: the e2e test tests/e2e/hostile.rs scans it and checks
that no report passes any of it through unescaped.
"""

from seed_demo import client

HTML = '<script>alert("wascan-xss")</script><img src=x onerror=alert(1)>'
ANSI = "\x1b[2J\x1b[31mRED\x1b]0;owned\x07\x1b[0m"
FORMULA = '=HYPERLINK("http://evil.example","click")'
BIDI = "abc\u202edcba"
LONG = "L" * 250


def seed(endpoint: str, account_id: str) -> None:
    del account_id
    ec2 = client(endpoint, "ec2", "us-east-1")
    vpc = ec2.create_vpc(CidrBlock="10.9.0.0/16")["Vpc"]["VpcId"]
    hostile_tags = [
        {"Key": "Name", "Value": HTML + ANSI},
        {"Key": "owner", "Value": FORMULA},
        {"Key": "note", "Value": BIDI + LONG},
    ]
    ec2.create_tags(Resources=[vpc], Tags=hostile_tags)
    group = ec2.create_security_group(
        GroupName="+cmd|calc", Description=HTML, VpcId=vpc
    )["GroupId"]
    ec2.create_tags(Resources=[group], Tags=[{"Key": "Name", "Value": "-2+3" + ANSI}])
    ec2.authorize_security_group_ingress(
        GroupId=group,
        IpPermissions=[{"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22,
                        "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}],
    )
    volume = ec2.create_volume(AvailabilityZone="us-east-1a", Size=8, VolumeType="gp2")
    ec2.create_tags(
        Resources=[volume["VolumeId"]],
        Tags=[{"Key": "Name", "Value": "@SUM(1,2)" + HTML}],
    )
    secrets = client(endpoint, "secretsmanager", "us-east-1")
    secrets.create_secret(
        Name="=cmd@evil", SecretString="x", Description=HTML,
        Tags=[{"Key": "Name", "Value": ANSI + FORMULA}],
    )
