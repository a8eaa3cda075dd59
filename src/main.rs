//! Het programma `weefsel`; alles staat in de crate `weefsel-api`.

use std::process::ExitCode;

/// mimalloc in plaats van de allocator van glibc: een lijstverzoek maakt en ruimt
/// honderden kleine objecten op (rijen, JSON); met glibc kostte dat een kwart van de
/// CPU-tijd van de dienst (bench/README.md). Zonder transparent huge pages
/// (`no_thp`): met THP op `always` telde elk aangeraakt segment als 2 MiB en stond het
/// RSS in rust op 61 MiB in plaats van 27 MiB.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    weefsel_api::cli::run().await
}
