//! Security: protect data, systems and assets.

mod ec2_security_group_admin_ports_open;

use crate::check::Check;

pub use ec2_security_group_admin_ports_open::EC2_SECURITY_GROUP_ADMIN_PORTS_OPEN;

pub static CHECKS: &[&Check] = &[&EC2_SECURITY_GROUP_ADMIN_PORTS_OPEN];
