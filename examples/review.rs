//! A Well-Architected Tool review from a scan, from Rust: start the emulated demo account and the
//! local fake of the Well-Architected Tool API, scan, create the workload, plan, apply, plan again
//! (no changes), and show the risk counts. The same as `wascan review ...`, against the library.
//!
//! ```sh
//! cargo run --example review
//! ```

use std::collections::BTreeSet;

use aws_sdk_wellarchitected::types::WorkloadEnvironment;
use wascan::collect::{CollectOptions, Regions};
use wascan::emulator::{Emulator, EmulatorOptions, DEMO_REGIONS};
use wascan::review::client::{NewWorkload, Tool, LENS_ALIAS};
use wascan::review::fake::{WaFake, WaFakeOptions};
use wascan::review::plan::{self, PlanOptions};
use wascan::review::{mapping, render_plan, render_status};
use wascan_checks::engine::Selection;
use wascan_checks::settings::Settings;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let emulator = Emulator::start(&EmulatorOptions::demo())?;
    let fake = WaFake::start(&WaFakeOptions::default())?;
    let sdk_config = wascan::aws::load(&emulator.aws_options()).await;

    // 1. Scan the demo account.
    let options = CollectOptions {
        regions: Regions::List(DEMO_REGIONS.map(String::from).to_vec()),
        ..CollectOptions::default()
    };
    let (_, result) = wascan::scan::scan(
        &sdk_config,
        &options,
        &Selection::default(),
        &Settings::default(),
    )
    .await?;
    let evidence = mapping::evidence(&result);

    // 2. The Well-Architected Tool client, pointed at the fake.
    let config = aws_sdk_wellarchitected::config::Builder::from(&sdk_config)
        .endpoint_url(fake.endpoint())
        .build();
    let tool = Tool::new(aws_sdk_wellarchitected::Client::from_conf(config));

    // 3. Create the workload from the scan's account and regions.
    let workload = tool
        .create_workload(&NewWorkload {
            name: "demo-shop".into(),
            description: format!(
                "Created by wascan from a scan of {}",
                evidence.accounts_label()
            ),
            environment: WorkloadEnvironment::Production,
            regions: evidence.regions.clone(),
            account_ids: evidence.account_ids.clone(),
            review_owner: "platform-team@example.com".into(),
            lenses: vec![LENS_ALIAS.into()],
        })
        .await?;

    // 4. Plan, apply, plan again.
    let details: BTreeSet<String> = evidence
        .questions
        .iter()
        .map(|q| q.question_id.clone())
        .collect();
    for round in ["plan", "plan again after apply"] {
        let answers = tool.answers(&workload.id, LENS_ALIAS, &details).await?;
        let plan = plan::plan(&evidence, &answers, PlanOptions::default());
        println!(
            "== {round}\n{}",
            render_plan(Some(&workload), &result, &evidence, &plan)
        );
        for (question, update) in plan.updates() {
            tool.update_answer(&workload.id, LENS_ALIAS, update).await?;
            println!(
                "updated {} {}",
                question.question_code, question.question_id
            );
        }
    }
    tool.create_milestone(&workload.id, "after wascan").await?;

    // 5. The Tool's risk counts beside wascan's.
    let risk = tool.lens_risk(&workload.id, LENS_ALIAS).await?;
    println!("== status\n{}", render_status(&workload, &risk, &result));
    Ok(())
}
