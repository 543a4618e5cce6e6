//! The analysis of a big map, off the UI thread: one named thread that takes the newest
//! job (older ones still queued are skipped: the latest edit wins) and sends back the
//! analysis with its layout and scene. Small maps never come here.

use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::thread::JoinHandle;

use crate::domain::analysis::Analysis;
use crate::domain::catalog::Catalog;
use crate::domain::layout::{self, Layout};
use crate::domain::model::Map;
use crate::domain::scenario::Resolved;
use crate::domain::scene::Scene;

/// The function that analyses a map under a scenario, stamped (the real one,
/// [`crate::domain::analysis::analyze`], or a test double).
pub type Analyzer = fn(&Map, &Catalog, &Resolved) -> Analysis;

/// What to analyse: a copy of the map as it was at `generation`.
pub struct Job {
    pub generation: u64,
    pub map: Map,
    pub scenario: Resolved,
    pub analyzer: Analyzer,
    /// The answer the window showed before: freed here, not on the UI thread (tens of
    /// thousands of findings and results take a few milliseconds to free).
    pub discard: Option<Done>,
}

/// An answer, for the map of `generation`.
pub struct Done {
    pub generation: u64,
    pub analysis: Analysis,
    pub layout: Layout,
    pub scene: Scene,
}

/// The analysis of a map under a scenario, fingerprint included: what
/// [`crate::domain::analysis::analyze`] gives (`check`, `export`, `diff`), by `analyzer`.
pub fn analyse(map: &Map, scenario: &Resolved, analyzer: Analyzer) -> Analysis {
    analyzer(map, Catalog::builtin(), scenario)
}

/// The analysis, fingerprint, layout and scene of a map: the same work on either thread.
pub fn compute(map: &Map, scenario: &Resolved, analyzer: Analyzer) -> (Analysis, Layout, Scene) {
    let analysis = analyse(map, scenario, analyzer);
    let layout = layout::layout(map);
    let scene = Scene::new(map, &layout, &analysis);
    (analysis, layout, scene)
}

/// The analysis thread and its two channels.
pub struct Worker {
    jobs: Option<Sender<Job>>,
    done: Receiver<Done>,
    thread: Option<JoinHandle<()>>,
}

impl Worker {
    /// Starts the thread; `None` if the system refuses one (the caller analyses in place).
    pub fn spawn() -> Option<Self> {
        let (jobs, inbox) = channel::<Job>();
        let (outbox, done) = channel::<Done>();
        let thread = std::thread::Builder::new()
            .name("stateline-analysis".to_owned())
            .spawn(move || {
                while let Ok(mut job) = inbox.recv() {
                    // The latest edit wins: skip what a newer job replaces.
                    loop {
                        match inbox.try_recv() {
                            Ok(newer) => job = newer,
                            Err(TryRecvError::Empty) => break,
                            Err(TryRecvError::Disconnected) => return,
                        }
                    }
                    drop(job.discard.take());
                    let (analysis, layout, scene) = compute(&job.map, &job.scenario, job.analyzer);
                    let answer = Done {
                        generation: job.generation,
                        analysis,
                        layout,
                        scene,
                    };
                    if outbox.send(answer).is_err() {
                        return;
                    }
                }
            })
            .ok()?;
        Some(Self {
            jobs: Some(jobs),
            done,
            thread: Some(thread),
        })
    }

    /// Queues a job (it replaces any job still waiting).
    pub fn submit(&self, job: Job) -> bool {
        self.jobs.as_ref().is_some_and(|tx| tx.send(job).is_ok())
    }

    /// The newest answer that arrived, if any (older ones are dropped).
    pub fn poll(&self) -> Option<Done> {
        let mut newest = None;
        while let Ok(done) = self.done.try_recv() {
            newest = Some(done);
        }
        newest
    }

    /// Waits for the next answer (tests, and a save of a big map that must be analysed).
    pub fn wait(&self) -> Option<Done> {
        self.done.recv().ok()
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        // Closing the job channel ends the thread after its current job.
        self.jobs = None;
        if let Some(thread) = self.thread.take() {
            thread.join().ok();
        }
    }
}
