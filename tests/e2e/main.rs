//! End-to-end tests: the real `wascan` binary against a moto server on a free loopback port,
//! seeded with the demo account (`scripts/seed_demo.py`). One test binary, modules per theme.

mod bad_input;
mod budget;
mod custom_checks;
mod demo_account;
mod fault_harness;
mod faults;
mod harness;
mod hostile;
mod html;
mod install;
mod interrupt;
mod multi_account;
mod mutate;
mod proxy;
mod review;
mod scheduled;
mod secrets;
mod services;
