//! Timing of the measured sections of a suite: wall time, and the CPU time of the measuring
//! thread. "On one core" means the CPU time: on a shared machine the wall clock also counts
//! the time other processes held the core, which is not the stage's cost.

use std::time::Instant;

/// Accumulated wall and thread CPU time of the sections run through [`Stopwatch::time`].
#[derive(Debug, Default)]
pub struct Stopwatch {
    wall: f64,
    cpu: f64,
    /// False once the platform failed to report thread CPU time.
    cpu_unknown: bool,
}

impl Stopwatch {
    /// A stopwatch at zero.
    pub fn new() -> Stopwatch {
        Stopwatch::default()
    }

    /// Runs `f` and adds its wall and CPU time.
    pub fn time<T>(&mut self, f: impl FnOnce() -> T) -> T {
        let cpu_start = cpu_time::ThreadTime::try_now().ok();
        let start = Instant::now();
        let out = f();
        self.wall += start.elapsed().as_secs_f64();
        match cpu_start.and_then(|c| c.try_elapsed().ok()) {
            Some(d) => self.cpu += d.as_secs_f64(),
            None => self.cpu_unknown = true,
        }
        out
    }

    /// Wall seconds.
    pub fn wall(&self) -> f64 {
        self.wall
    }

    /// Seconds of one core: the thread's CPU time where the platform reports it, else the
    /// wall time.
    pub fn core(&self) -> f64 {
        if self.cpu_unknown {
            self.wall
        } else {
            self.cpu
        }
    }

    /// What [`Stopwatch::core`] measured, for the report.
    pub fn core_label(&self) -> &'static str {
        if self.cpu_unknown {
            "wall time"
        } else {
            "thread CPU time"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn busy_work_takes_cpu_and_sleep_does_not() {
        let mut busy = Stopwatch::new();
        let x = busy.time(|| (0..3_000_000u64).fold(0u64, |a, b| a.wrapping_mul(31) ^ b));
        assert!(x != 1 && busy.core() > 0.0 && busy.wall() > 0.0);
        let mut idle = Stopwatch::new();
        idle.time(|| std::thread::sleep(std::time::Duration::from_millis(30)));
        assert!(idle.wall() >= 0.03);
        if idle.core_label() == "thread CPU time" {
            assert!(idle.core() < 0.02, "{idle:?}");
        }
    }
}
