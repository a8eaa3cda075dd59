//! Het programma `weefsel`; alles staat in de crate `weefsel-api`.

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    weefsel_api::cli::run().await
}
