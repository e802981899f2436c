//! How a long stage tells its progress without knowing who listens: progress bars on a
//! terminal, nothing in CI or under `katalog serve`. The build's reporter (`build::Reporter`)
//! is one.

/// Progress through the steps of one stage at a time.
pub trait Progress: Sync {
    /// A stage begins (`"images"`, `"pages"`), with this many steps.
    fn start(&self, _stage: &str, _steps: usize) {}
    /// One step of the current stage is done (called from any thread).
    fn step(&self) {}
}
