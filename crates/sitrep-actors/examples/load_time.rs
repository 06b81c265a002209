//! Start-up cost: time to parse and compile the embedded dictionaries, and memory after.
//!
//! `cargo run --profile eval -p sitrep-actors --example load_time`

use sitrep_actors::ActorTagger;

/// A line of `/proc/self/status` (Linux only; empty elsewhere).
fn status(key: &str) -> String {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with(key))
        .map(|l| l.trim_start_matches(key).trim().to_string())
        .unwrap_or_default()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let before = status("VmRSS:");
    let start = std::time::Instant::now();
    let tagger = ActorTagger::new()?;
    let ms = start.elapsed().as_secs_f64() * 1e3;
    println!(
        "ActorTagger::new(): {ms:.1} ms, {} patterns; RSS {before} -> {} (peak {})",
        tagger.lexicon().matcher.len(),
        status("VmRSS:"),
        status("VmHWM:")
    );
    Ok(())
}
