//! `sitrep serve`: the HTTP API and web page over a database.

use anyhow::Context;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

/// `sitrep serve`.
#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    /// The SQLite database file to read, or a `postgres://user@host:port/dbname` URL
    /// (with the `postgres` feature). It may be written by a `sitrep run`
    /// meanwhile.
    #[arg(long, default_value = "sitrep.db")]
    pub db: PathBuf,
    /// Address to listen on; anything but loopback exposes the data to the network.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
}

/// Serves until interrupted.
pub fn serve(args: ServeArgs) -> anyhow::Result<ExitCode> {
    super::require_db(&args.db)?;
    if !args.addr.ip().is_loopback() {
        eprintln!(
            "warning: listening on {}, reachable from other machines",
            args.addr
        );
    }
    sitrep_serve::serve(&args.db, args.addr).with_context(|| {
        format!(
            "serving {} on {}",
            sitrep_store::db_label(&args.db),
            args.addr
        )
    })?;
    Ok(ExitCode::SUCCESS)
}
