//! Het programma `weefsel`; alles staat in de crate `weefsel-api`.

use std::process::ExitCode;

/// mimalloc in plaats van de allocator van glibc: een lijstverzoek maakt en ruimt
/// honderden kleine objecten op (rijen, JSON); met glibc kostte dat een kwart van de
/// CPU-tijd van de dienst en bleven vrijgekomen arena's in het RSS (bench/README.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    weefsel_api::cli::run().await
}
