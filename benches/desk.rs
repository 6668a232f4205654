//! Criterion benchmarks that guard the performance targets of issue 6
//! (see `PERFORMANCE.md`): parse, render, a key press, the idle tick, the
//! fold and merge of a long review log, and the state file's load and save.
//!
//! Every input is generated here; nothing large is committed. Each group
//! keeps its measurement short (10-20 samples, a few seconds) so that
//! `cargo bench` finishes in a few minutes on two cores. Run one group with
//! `cargo bench --bench desk -- render` (a name filter).
//!
//! Besides times, the idle group prints the bytes an idle frame writes to
//! the terminal (the 150 B/s target), measured on the real crossterm backend
//! writing into memory.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::hint::black_box;
use std::io::{self, Write};
use std::path::Path;
use std::process::Command;
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use chrono::{DateTime, Duration as ChronoDuration, Utc};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

use watchdesk::app::{Action, Effect, Model, Msg, update};
use watchdesk::brief::{self, Brief, BriefSource};
use watchdesk::review::{self, Desk, Event, EventKind, ItemRef, Status};
use watchdesk::share::{Share, ShareOptions};
use watchdesk::store::Store;

// ---- heap accounting -------------------------------------------------------------

/// The system allocator, counting the bytes held now and the most held since
/// the last [`Heap::reset_peak`] (for the memory group).
struct Heap;

static HELD: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

impl Heap {
    fn grew(n: usize) {
        let held = HELD.fetch_add(n, Ordering::Relaxed) + n;
        PEAK.fetch_max(held, Ordering::Relaxed);
    }

    fn held() -> usize {
        HELD.load(Ordering::Relaxed)
    }

    fn peak() -> usize {
        PEAK.load(Ordering::Relaxed)
    }

    fn reset_peak() {
        PEAK.store(Heap::held(), Ordering::Relaxed);
    }
}

// SAFETY: every call is passed to the system allocator as it came; the
// counters only watch.
unsafe impl GlobalAlloc for Heap {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's layout, as GlobalAlloc requires.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            Heap::grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        HELD.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: a block this allocator handed out, with its layout.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as for realloc itself.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            HELD.fetch_sub(layout.size(), Ordering::Relaxed);
            Heap::grew(new_size);
        }
        p
    }
}

#[global_allocator]
static GLOBAL: Heap = Heap;

// ---- inputs ------------------------------------------------------------------

const WORDS: &[&str] = &[
    "alliance",
    "deterrence",
    "posture",
    "supply",
    "chain",
    "industrial",
    "capacity",
    "maritime",
    "northern",
    "flank",
    "ministers",
    "summit",
    "sanctions",
    "export",
    "controls",
    "semiconductors",
    "missile",
    "defence",
    "readiness",
    "logistics",
    "budget",
    "parliament",
    "coalition",
    "treaty",
    "reassurance",
    "escalation",
    "signalling",
    "doctrine",
    "procurement",
    "shipyard",
    "munitions",
    "stockpile",
    "satellite",
    "resilience",
    "energy",
    "corridor",
    "intelligence",
    "assessment",
    "the",
    "of",
    "and",
    "in",
    "to",
    "with",
    "for",
    "across",
    "while",
    "which",
];

/// A small deterministic generator, so every run sees the same brief.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }

    fn word(&mut self) -> &'static str {
        WORDS[self.below(WORDS.len())]
    }

    fn sentence(&mut self, out: &mut String) {
        let n = 8 + self.below(14);
        let first = self.word();
        out.push_str(&first[..1].to_uppercase());
        out.push_str(&first[1..]);
        for _ in 1..n {
            out.push(' ');
            out.push_str(self.word());
        }
        out.push('.');
    }

    fn paragraph(&mut self, out: &mut String) {
        let n = 4 + self.below(3);
        for k in 0..n {
            if k > 0 {
                out.push(' ');
            }
            self.sentence(out);
        }
        out.push_str("\n\n");
    }

    fn heading(&mut self, out: &mut String, n: usize) {
        out.push_str(&format!("Theme {n}"));
        for _ in 0..3 {
            let w = self.word();
            out.push(' ');
            out.push_str(&w[..1].to_uppercase());
            out.push_str(&w[1..]);
        }
        out.push_str("\n\n");
    }
}

/// A brief in the plain-text form analysts receive: `themes` themes of
/// `paras` paragraphs, a Washington angle, and an Outlook that lists
/// `indicators` indicators. Generation stops adding themes once the text
/// reaches `min_bytes` (0: exactly `themes`).
fn brief_text(themes: usize, paras: usize, indicators: usize, min_bytes: usize) -> String {
    let mut g = Lcg(42);
    let mut s = String::from("Generated Watch Brief\n\n");
    let mut t = 0;
    while t < themes || s.len() < min_bytes {
        t += 1;
        g.heading(&mut s, t);
        for _ in 0..paras {
            g.paragraph(&mut s);
        }
    }
    s.push_str("Washington Angle\n\n");
    for _ in 0..3 {
        g.paragraph(&mut s);
    }
    s.push_str("Outlook\n\nOver the next 72 hours, watch for the following developments.\n\n");
    for i in 1..=indicators {
        s.push_str(&format!("{i}. "));
        g.sentence(&mut s);
        s.push(' ');
        g.sentence(&mut s);
        s.push('\n');
    }
    s
}

/// The brief's log as the state file holds it, opened as the desk opens it.
fn log_on_disk(store: &Store, brief: &Brief) -> Vec<Event> {
    store
        .open()
        .expect("open")
        .state
        .briefs
        .remove(brief.id.as_str())
        .map(|b| b.events)
        .unwrap_or_default()
}

fn huge_text() -> String {
    brief_text(300, 2, 200, 0)
}

fn parsed(text: &str) -> Brief {
    brief::parse(text).expect("the generated brief parses")
}

fn now() -> DateTime<Utc> {
    "2026-11-26T14:30:00Z".parse().expect("a fixed time")
}

/// A desk on `brief` with its watch window started an hour before `now()`.
fn model(brief: Brief, log: Vec<Event>) -> Model {
    let mut m = Model::new(brief, BriefSource::Default, log, 1);
    let _ = m.ensure_window(now() - ChronoDuration::hours(1), None);
    m
}

/// A review log of `n` events as a long watch leaves it: the window's start,
/// then status changes, reviewed marks and notes, one a second.
fn review_log(n: usize, indicators: usize, themes: usize, desk: u64) -> Vec<Event> {
    let mut ids = Desk::new(format!("{desk:016x}"), None, desk);
    let start = now() - ChronoDuration::seconds(n as i64 + 3600);
    let mut log = vec![ids.next(
        start,
        EventKind::WindowSet {
            start,
            explicit: false,
        },
    )];
    let cycle = [Status::Watching, Status::Observed, Status::NotObserved];
    for i in 1..n {
        let at = start + ChronoDuration::seconds(i as i64);
        let kind = match i % 10 {
            0..=5 => {
                let from = cycle[(i / indicators) % 3];
                EventKind::Status {
                    item: ItemRef::Indicator(i % indicators),
                    from,
                    to: from.next(),
                    seen: None,
                }
            }
            6 | 7 => EventKind::Reviewed {
                item: ItemRef::Theme(i % themes),
                reviewed: i % 4 < 2,
            },
            _ => EventKind::Note {
                item: ItemRef::Indicator(i % indicators),
                text: format!(
                    "Note {i}: a ministerial statement was reported by two outlets; \
                     awaiting a third source before changing status."
                )
                .into(),
                source: Some("wire".into()),
                confidence: None,
                author: None,
            },
        };
        log.push(ids.next(at, kind));
    }
    log
}

// ---- parse ---------------------------------------------------------------------

fn parse(c: &mut Criterion) {
    let mut g = c.benchmark_group("parse");
    g.sample_size(10).measurement_time(Duration::from_secs(4));
    g.bench_function("default brief", |b| {
        b.iter(|| brief::parse(black_box(brief::DEFAULT_BRIEF_TEXT)))
    });
    let huge = huge_text();
    g.bench_function("300 themes, 200 indicators", |b| {
        b.iter(|| brief::parse(black_box(&huge)))
    });
    let big = brief_text(0, 10, 200, 20 * 1024 * 1024);
    g.bench_function("20 MB brief", |b| b.iter(|| brief::parse(black_box(&big))));
    g.finish();
}

// ---- render --------------------------------------------------------------------

/// One frame as the runtime draws it on a tick: the clock moves a second,
/// so the countdowns change and the diff has something to send.
fn render(c: &mut Criterion) {
    let mut g = c.benchmark_group("render");
    g.sample_size(20).measurement_time(Duration::from_secs(2));
    let default = model(Brief::default_brief().expect("default brief"), Vec::new());
    let huge = model(parsed(&huge_text()), Vec::new());
    for (name, m) in [("default", &default), ("huge", &huge)] {
        for (w, h) in [(80, 24), (120, 36), (200, 60)] {
            let mut term = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
            let mut t = now();
            g.bench_function(format!("{name} brief {w}x{h}"), |b| {
                b.iter(|| {
                    t += ChronoDuration::seconds(1);
                    term.draw(|f| {
                        watchdesk::ui::draw(f, m, &watchdesk::ui::styles::Palette::default(), t)
                    })
                    .map(|_| ())
                    .expect("draw");
                })
            });
        }
    }
    g.finish();
}

// ---- a key press ---------------------------------------------------------------

/// A terminal like the desk's: the crossterm backend behind a fixed
/// viewport, writing into `out` (so the diff and the escape codes for the
/// changed cells are part of the measurement).
fn terminal(out: Counter, w: u16, h: u16) -> Terminal<CrosstermBackend<Counter>> {
    Terminal::with_options(
        CrosstermBackend::new(out),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, w, h)),
        },
    )
    .expect("in-memory terminal")
}

/// A key on the huge brief: `update` alone, and `update` plus the frame it
/// dirties, diffed and encoded for the terminal (what one key press costs
/// the desk, target < 1 ms).
fn key(c: &mut Criterion) {
    let mut g = c.benchmark_group("key");
    g.sample_size(20).measurement_time(Duration::from_secs(2));
    let mut m = model(parsed(&huge_text()), Vec::new());
    let t = now();
    let mut down = true;
    let step = |m: &mut Model, down: &mut bool| {
        // Down to the bottom, then back up: every key moves the cursor.
        let before = m.selected_in(m.focus);
        let action = if *down { Action::Down } else { Action::Up };
        let effects = update(m, Msg::Action(action), t);
        if m.selected_in(m.focus) == before {
            *down = !*down;
        }
        effects
    };
    g.bench_function("update Down, huge brief", |b| {
        b.iter(|| step(&mut m, &mut down))
    });
    for (w, h) in [(120, 36), (200, 60)] {
        let mut term = terminal(Counter::default(), w, h);
        g.bench_function(format!("update Down + frame {w}x{h}, huge brief"), |b| {
            b.iter(|| {
                step(&mut m, &mut down);
                term.draw(|f| {
                    watchdesk::ui::draw(f, &m, &watchdesk::ui::styles::Palette::default(), t)
                })
                .map(|_| ())
                .expect("draw");
            })
        });
    }
    // Tab moves the focus: two panels change their borders.
    let mut term = terminal(Counter::default(), 120, 36);
    g.bench_function("update Tab + frame 120x36, huge brief", |b| {
        b.iter(|| {
            let _ = update(&mut m, Msg::Action(Action::FocusNext), t);
            term.draw(|f| {
                watchdesk::ui::draw(f, &m, &watchdesk::ui::styles::Palette::default(), t)
            })
            .map(|_| ())
            .expect("draw");
        })
    });
    // Space on an indicator with a 10,000-event log: records an event,
    // applies it to the review and hands the (shared) log to the save effect.
    let long = model(parsed(&huge_text()), review_log(10_000, 200, 300, 7));
    g.bench_function("update Toggle, huge brief, 10k-event log", |b| {
        b.iter_batched_ref(
            || {
                // A log of its own, as the desk's is: not shared with the
                // template, so appending to it copies nothing.
                let mut m = long.clone();
                std::sync::Arc::make_mut(&mut m.watch_mut().log);
                m
            },
            |m| update(m, Msg::Action(Action::Toggle), t),
            BatchSize::LargeInput,
        )
    });
    g.finish();
}

// ---- idle ----------------------------------------------------------------------

/// A terminal that counts the bytes written to it and keeps none.
#[derive(Clone, Default)]
struct Counter(Rc<Cell<usize>>);

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.set(self.0.get() + buf.len());
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A desk's idle second, on the real crossterm backend: the tick message and
/// the frame it draws. Also prints the bytes idle frames send to the
/// terminal, averaged over ten simulated minutes (target <= 150 B/s).
fn idle(c: &mut Criterion) {
    let mut g = c.benchmark_group("idle");
    g.sample_size(20).measurement_time(Duration::from_secs(2));
    let mut m = model(Brief::default_brief().expect("default brief"), Vec::new());
    let written = Counter::default();
    let mut term = terminal(written.clone(), 120, 36);
    let mut t = now();
    let mut tick = |m: &mut Model, term: &mut Terminal<CrosstermBackend<Counter>>| {
        t += ChronoDuration::seconds(1);
        let _ = update(m, Msg::Tick, t);
        term.draw(|f| watchdesk::ui::draw(f, m, &watchdesk::ui::styles::Palette::default(), t))
            .map(|_| ())
            .expect("draw");
    };
    tick(&mut m, &mut term); // the first, full frame
    let first = written.0.replace(0);
    let seconds = 600;
    for _ in 0..seconds {
        tick(&mut m, &mut term);
    }
    println!(
        "idle/bytes at 120x36, default brief: first frame {first} B, then {:.1} B/s \
         over {seconds} simulated seconds (target <= 150 B/s)",
        written.0.get() as f64 / f64::from(seconds)
    );
    g.bench_function("tick + frame 120x36, default brief", |b| {
        b.iter(|| tick(&mut m, &mut term))
    });
    g.finish();
}

// ---- the review log ------------------------------------------------------------

fn review(c: &mut Criterion) {
    let mut g = c.benchmark_group("review");
    g.sample_size(20).measurement_time(Duration::from_secs(2));
    let log = review_log(10_000, 200, 300, 7);
    g.bench_function("fold 10k events", |b| {
        b.iter(|| review::fold(black_box(&log), 200))
    });
    // Another desk's copy: the same log but its last 10 events, plus 10 of
    // its own (the everyday case of a save or a reload).
    let mut theirs: Vec<Event> = log[..log.len() - 10].to_vec();
    theirs.extend(review_log(11, 200, 300, 9).into_iter().skip(1));
    g.bench_function("merge 10k + 10k events (10 new each side)", |b| {
        b.iter(|| review::merge(black_box(&log), black_box(&theirs)))
    });
    g.bench_function("Model::new with 10k events (normalise + fold)", |b| {
        let brief = parsed(&huge_text());
        b.iter_batched(
            || (brief.clone(), log.clone()),
            |(brief, log)| Model::new(brief, BriefSource::Default, log, 1),
            BatchSize::LargeInput,
        )
    });
    g.finish();
}

// ---- the state file ------------------------------------------------------------

fn store_in(
    dir: &Path,
    name: &str,
    c: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
) {
    let brief = Brief::default_brief().expect("default brief");
    let path = dir.join("state.json");
    let store = Store::new(path);
    let log = review_log(10_000, 3, 4, 7);
    store
        .save(&brief.id, &brief.title, &log)
        .expect("first save");
    c.bench_function(format!("open 10k events ({name})"), |b| {
        b.iter(|| store.open().expect("open"))
    });
    c.bench_function(format!("open + Model::new, 10k events ({name})"), |b| {
        b.iter(|| {
            let log = log_on_disk(&store, &brief);
            Model::new(brief.clone(), BriefSource::Default, log, 1)
        })
    });
    // The desk's save after one change: every iteration appends one new
    // event to the desk's log (the file's log so far) and saves it.
    let mut ours = log;
    let mut ids = Desk::new("bench", None, 8);
    let mut at = now();
    let mut from = Status::Watching;
    // One more status change on I1, a second after the last, stamped after
    // the log's last event.
    let mut change = |log: &[Event]| {
        at += ChronoDuration::seconds(1);
        let to = from.next();
        let e = ids.event(
            log,
            at,
            EventKind::Status {
                item: ItemRef::Indicator(0),
                from,
                to,
                seen: None,
            },
        );
        from = to;
        e
    };
    c.bench_function(format!("save after one change, 10k events ({name})"), |b| {
        b.iter(|| {
            let e = change(&ours);
            ours.push(e);
            store.save(&brief.id, &brief.title, &ours).expect("save")
        })
    });
    // A desk's first save: the store has only opened the file, as the desk
    // does at start, and has written nothing yet; it reuses the state it
    // read instead of reading the file again.
    let path = store.path().to_path_buf();
    c.bench_function(format!("first save after open, 10k events ({name})"), |b| {
        b.iter_batched_ref(
            || {
                let e = change(&ours);
                ours.push(e);
                let fresh = Store::new(path.clone());
                fresh.open_to_save().expect("open");
                (fresh, ours.clone())
            },
            |(fresh, log)| fresh.save(&brief.id, &brief.title, log).expect("save"),
            BatchSize::PerIteration,
        )
    });
    // The whole of one change as the desk runs it (`runtime::Shell`): Space
    // on an indicator through `update`, the save it asks for through the
    // store, the stamp the watcher keeps, and `Msg::Saved` fed back. The
    // desk's log is the file's (the save above left it there).
    let mut desk = Model::new(brief.clone(), BriefSource::Default, ours, 1);
    let mut t = at;
    c.bench_function(format!("Space + save + Saved, 10k events ({name})"), |b| {
        b.iter(|| {
            t += ChronoDuration::seconds(1);
            let mut queue = vec![Msg::Action(Action::Toggle)];
            while let Some(msg) = queue.pop() {
                for effect in update(&mut desk, msg, t) {
                    if let Effect::Save {
                        brief,
                        title,
                        generation,
                        log,
                    } = effect
                    {
                        let theirs = store.save(&brief, &title, &log).expect("save");
                        black_box(store.stamp());
                        queue.push(Msg::Saved {
                            brief,
                            generation,
                            theirs,
                        });
                    }
                }
            }
            assert!(!desk.has_unsaved());
        })
    });
}

fn store(c: &mut Criterion) {
    let mut g = c.benchmark_group("store");
    g.sample_size(10).measurement_time(Duration::from_secs(3));
    // A real disk (fsync costs what it costs there) and, where there is one,
    // a tmpfs, where fsync is free: the difference is the fsync.
    let disk = tempfile::tempdir().expect("temp dir");
    store_in(disk.path(), "temp dir", &mut g);
    if Path::new("/dev/shm").is_dir()
        && let Ok(shm) = tempfile::tempdir_in("/dev/shm")
    {
        store_in(shm.path(), "tmpfs, no fsync cost", &mut g);
    }
    g.finish();
}

// ---- memory ----------------------------------------------------------------------

/// The heap a desk holds after a minute of ticks at 120x36, and the most it
/// held on the way, for the default brief, the huge brief and a
/// 10,000-event log read from a state file. Printed, and kept in
/// `target/criterion/memory.txt` for `scripts/bench-summary.sh`. The RSS
/// target (10 MiB) covers the binary, its libraries and thread stacks too:
/// the desk's VmRSS on the default brief is 4.5 MiB, of which 0.4 MiB is
/// heap, so the heap's budget is 6 MiB. Also times the whole start of a desk up to its first frame.
fn memory(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let default = Brief::default_brief().expect("default brief");
    let store = Store::new(dir.path().join("state.json"));
    store
        .save(&default.id, &default.title, &review_log(10_000, 3, 4, 7))
        .expect("the 10k-event state file");
    let huge = huge_text();
    let cases: [(&str, &dyn Fn() -> Model); 3] = [
        ("default brief", &|| {
            model(Brief::default_brief().expect("default brief"), Vec::new())
        }),
        ("300/200 brief", &|| model(parsed(&huge), Vec::new())),
        ("default brief, 10k-event log from the state file", &|| {
            let brief = Brief::default_brief().expect("default brief");
            let log = log_on_disk(&store, &brief);
            model(brief, log)
        }),
    ];
    let mut report = String::new();
    for (name, start) in cases {
        let base = Heap::held();
        Heap::reset_peak();
        let mut m = start();
        let mut term = terminal(Counter::default(), 120, 36);
        let mut t = now();
        for _ in 0..60 {
            t += ChronoDuration::seconds(1);
            let _ = update(&mut m, Msg::Tick, t);
            term.draw(|f| {
                watchdesk::ui::draw(f, &m, &watchdesk::ui::styles::Palette::default(), t)
            })
            .map(|_| ())
            .expect("draw");
        }
        let (held, peak) = (Heap::held() - base, Heap::peak() - base);
        drop((m, term));
        let line = format!(
            "memory/heap, {name}: holds {:.2} MiB, peak {:.2} MiB (budget 6 MiB)",
            held as f64 / 1048576.0,
            peak as f64 / 1048576.0
        );
        println!("{line}");
        report.push_str(&line);
        report.push('\n');
    }
    let out = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .map(|t| t.join("criterion"))
        .filter(|d| std::fs::create_dir_all(d).is_ok());
    if let Some(d) = out {
        let _ = std::fs::write(d.join("memory.txt"), report);
    }

    let mut g = c.benchmark_group("memory");
    g.sample_size(20).measurement_time(Duration::from_secs(2));
    g.bench_function(
        "start a desk to its first frame 120x36, default brief",
        |b| {
            b.iter(|| {
                let m = model(Brief::default_brief().expect("default brief"), Vec::new());
                let mut term = terminal(Counter::default(), 120, 36);
                term.draw(|f| {
                    watchdesk::ui::draw(f, &m, &watchdesk::ui::styles::Palette::default(), now())
                })
                .map(|_| ())
                .expect("draw");
            })
        },
    );
    g.finish();
}

// ---- the binary ----------------------------------------------------------------

/// The release binary end to end, as a shell or tmux's status line runs it:
/// `status --json` (target < 10 ms), the same over a 10,000-event log
/// (load < 50 ms) and `check` on the huge brief (open < 100 ms). Each run
/// is a new process; the figure includes starting it.
fn binary(c: &mut Criterion) {
    let mut g = c.benchmark_group("binary");
    g.sample_size(20).measurement_time(Duration::from_secs(3));
    let dir = tempfile::tempdir().expect("temp dir");
    let run = |state: &Path, args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_watchdesk"))
            .args(args)
            .env("WATCHDESK_STATE", state)
            // An empty config (a named config file must exist).
            .env("WATCHDESK_CONFIG", "/dev/null")
            .output()
            .expect("run watchdesk");
        assert!(out.status.success(), "watchdesk {args:?} failed: {out:?}");
        out.stdout.len()
    };
    let small = dir.path().join("small.json");
    run(&small, &["status", "--json"]); // starts the window, once
    g.bench_function("status --json, default brief", |b| {
        b.iter(|| run(&small, &["status", "--json"]))
    });
    let brief = Brief::default_brief().expect("default brief");
    let big = dir.path().join("big.json");
    Store::new(big.clone())
        .save(&brief.id, &brief.title, &review_log(10_000, 3, 4, 7))
        .expect("the 10k-event state file");
    g.bench_function("status --json, 10k-event log", |b| {
        b.iter(|| run(&big, &["status", "--json"]))
    });
    let huge = dir.path().join("huge.txt");
    std::fs::write(&huge, huge_text()).expect("the huge brief");
    let huge = huge.to_str().expect("a UTF-8 temp path").to_string();
    g.bench_function("check, 300/200 brief", |b| {
        b.iter(|| run(&small, &["check", &huge]))
    });
    g.finish();
}

// ---- the board -------------------------------------------------------------------

/// A generated brief of 20 indicators titled `Generated Watch Brief n`
/// (so each has an id of its own).
fn board_brief(n: usize) -> Brief {
    let text = brief_text(4, 2, 20, 0).replacen(
        "Generated Watch Brief",
        &format!("Generated Watch Brief {n}"),
        1,
    );
    parsed(&text)
}

/// A board of 50 watches x 20 indicators, windows started an hour apart.
fn board_model() -> Model {
    let watches: Vec<watchdesk::watch::Watch> = (0..50)
        .map(|n| {
            let mut w = watchdesk::watch::Watch::new(
                board_brief(n),
                BriefSource::Default,
                Vec::new(),
                Desk::new("bench", None, n as u64),
            );
            w.ensure_window(now() - ChronoDuration::hours(n as i64), None);
            w
        })
        .collect();
    Model::with_watches(watches).expect("50 watches")
}

/// The board of 50 watches x 20 indicators: an idle second (tick + frame,
/// target <= 0.1 % of a core: <= 1 ms a second) with the bytes it sends,
/// a key (target <= 1 ms), the heap it holds, and `status` over 50 watches
/// as a process (target <= 10 ms).
fn board(c: &mut Criterion) {
    let mut g = c.benchmark_group("board");
    g.sample_size(20).measurement_time(Duration::from_secs(2));
    let palette = watchdesk::ui::styles::Palette::default();

    // Heap, as the memory group measures it.
    let base = Heap::held();
    Heap::reset_peak();
    let mut m = board_model();
    let written = Counter::default();
    let mut term = terminal(written.clone(), 120, 36);
    let mut t = now();
    let mut tick = |m: &mut Model, term: &mut Terminal<CrosstermBackend<Counter>>| {
        t += ChronoDuration::seconds(1);
        let _ = update(m, Msg::Tick, t);
        term.draw(|f| watchdesk::ui::draw(f, m, &palette, t))
            .map(|_| ())
            .expect("draw");
    };
    tick(&mut m, &mut term);
    let first = written.0.replace(0);
    let seconds = 600;
    for _ in 0..seconds {
        tick(&mut m, &mut term);
    }
    println!(
        "board/bytes at 120x36, 50 watches x 20 indicators: first frame {first} B, then {:.1} B/s \
         over {seconds} simulated seconds (target <= 150 B/s)",
        written.0.get() as f64 / f64::from(seconds)
    );
    println!(
        "board/heap, 50 watches x 20 indicators after {seconds} ticks: holds {:.2} MiB, peak {:.2} MiB",
        (Heap::held() - base) as f64 / 1048576.0,
        (Heap::peak() - base) as f64 / 1048576.0
    );
    g.bench_function("tick + frame 120x36, 50x20 board", |b| {
        b.iter(|| tick(&mut m, &mut term))
    });
    let mut term = terminal(Counter::default(), 120, 36);
    let mut down = true;
    g.bench_function("key Down + frame 120x36, 50x20 board", |b| {
        b.iter(|| {
            let before = m.board.selected;
            let a = if down { Action::Down } else { Action::Up };
            let _ = update(&mut m, Msg::Action(a), t);
            if m.board.selected == before {
                down = !down;
            }
            term.draw(|f| watchdesk::ui::draw(f, &m, &palette, t))
                .map(|_| ())
                .expect("draw");
        })
    });

    // `status` over 50 watches, as a process.
    let dir = tempfile::tempdir().expect("temp dir");
    let state = dir.path().join("state.json");
    let store = Store::new(state.clone());
    let library = watchdesk::store::library::Library::beside(&state);
    for n in 0..50 {
        let text = brief_text(4, 2, 20, 0).replacen(
            "Generated Watch Brief",
            &format!("Generated Watch Brief {n}"),
            1,
        );
        let added = library.add_bytes(text.as_bytes(), "bench").expect("kept");
        let mut w = watchdesk::watch::Watch::new(
            added.brief,
            BriefSource::Default,
            Vec::new(),
            Desk::new("bench", None, n),
        );
        w.ensure_window(now() - ChronoDuration::hours(n as i64), None);
        store
            .save(&w.brief.id, &w.brief.title, &w.log)
            .expect("saved");
    }
    // `add` keeps each brief's reading beside its text (what `status`
    // reads); a copy without them, for comparison, has every brief parsed.
    let parsed = tempfile::tempdir().expect("temp dir");
    std::fs::copy(&state, parsed.path().join("state.json")).expect("copy");
    std::fs::create_dir(parsed.path().join("briefs")).expect("mkdir");
    for e in std::fs::read_dir(library.dir()).expect("briefs").flatten() {
        if e.path().extension().is_some_and(|x| x == "txt") {
            std::fs::copy(e.path(), parsed.path().join("briefs").join(e.file_name()))
                .expect("copy");
        }
    }
    let run_in = |dir: &Path, args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_watchdesk"))
            .args(args)
            .env("WATCHDESK_STATE", dir.join("state.json"))
            .env("WATCHDESK_CONFIG", "/dev/null")
            .output()
            .expect("run watchdesk");
        assert!(out.status.success(), "watchdesk {args:?} failed: {out:?}");
        out.stdout.len()
    };
    let run = |args: &[&str]| run_in(dir.path(), args);
    g.bench_function("status, 50 watches", |b| b.iter(|| run(&["status"])));
    g.bench_function("status --json, 50 watches", |b| {
        b.iter(|| run(&["status", "--json"]))
    });
    g.bench_function("status, 50 watches, no kept readings", |b| {
        b.iter(|| run_in(parsed.path(), &["status"]))
    });
    g.finish();
}

// ---- share ----------------------------------------------------------------------

/// A share with `desks` desk files of `per_desk` events each on the default
/// brief, every desk publishing through its own data folder.
fn share_with(root: &Path, desks: usize, per_desk: usize) -> std::path::PathBuf {
    let dir = root.join("share");
    let brief = Brief::default_brief().expect("default brief");
    let t0: DateTime<Utc> = "2026-11-26T14:30:00Z".parse().expect("time");
    for k in 0..desks {
        let mut share = Share::open(ShareOptions {
            dir: dir.clone(),
            data_dir: root.join(format!("desk{k}")),
            desk: None,
            analyst: Some(format!("A{k}")),
        })
        .expect("share");
        let mut desk = Desk::new(
            share.identity().desk.clone(),
            Some(format!("A{k}")),
            k as u64,
        );
        let log: Vec<Event> = (0..per_desk)
            .map(|i| {
                let at = t0 + ChronoDuration::seconds(i as i64);
                let kind = if i % 2 == 0 {
                    EventKind::Status {
                        item: ItemRef::Indicator(i % 3),
                        from: Status::Watching,
                        to: Status::Observed,
                        seen: Some(vec![format!("{k}-{}", i.saturating_sub(1)).into()]),
                    }
                } else {
                    EventKind::Reviewed {
                        item: ItemRef::Theme(i % 4),
                        reviewed: i % 4 < 2,
                    }
                };
                desk.event_at(i as u64 + 1, at, kind)
            })
            .collect();
        share.publish(&brief.id, &log).expect("publish");
    }
    dir
}

fn share(c: &mut Criterion) {
    let mut g = c.benchmark_group("share");
    g.sample_size(10).measurement_time(Duration::from_secs(3));
    let root = tempfile::tempdir().expect("temp dir");
    let dir = share_with(root.path(), 10, 10_000);
    let t0: DateTime<Utc> = "2026-11-26T14:30:00Z".parse().expect("time");
    let reader = |n: usize| {
        Share::open(ShareOptions {
            dir: dir.clone(),
            data_dir: root.path().join(format!("reader{n}")),
            desk: None,
            analyst: None,
        })
        .expect("share")
        .with_clock(move || t0)
    };
    let mut n = 0;
    g.bench_function("first poll, 10 desks x 10k events", |b| {
        b.iter_batched(
            || {
                n += 1;
                reader(n)
            },
            |mut share| {
                let r = share.poll();
                assert_eq!(r.event_count(), 100_000);
                r
            },
            BatchSize::PerIteration,
        )
    });
    let mut idle = reader(0);
    assert_eq!(idle.poll().event_count(), 100_000);
    g.bench_function("poll, nothing new, 10 desks", |b| {
        b.iter(|| {
            let r = idle.poll();
            assert_eq!(r.event_count(), 0);
            r
        })
    });
    g.finish();
}

/// The share as a running desk meets it each second: the runner's look (the
/// state file's stamp, then the share) and what the model makes of it.
/// `idle look`: five peers whose files do not change (the per-second cost
/// behind "idle with 5 peers <= 0.1 % of a core"). `a peer's new event`:
/// one peer appended one line since the last look; the look reads it, saves
/// it to the state file, hands it to the model, and the frame shows it (the
/// work between the desk's wake and the screen, for "shows it within 2 s").
fn share_desk(c: &mut Criterion) {
    use watchdesk::effects::share_link::ShareLink;
    use watchdesk::effects::{Files, Job};
    let mut g = c.benchmark_group("share");
    g.sample_size(20).measurement_time(Duration::from_secs(3));
    let root = tempfile::tempdir().expect("temp dir");
    let dir = share_with(root.path(), 5, 100);
    let t0: DateTime<Utc> = "2026-11-26T14:30:00Z".parse().expect("time");
    let brief = Brief::default_brief().expect("default brief");
    let mut m = model(brief.clone(), Vec::new());
    let data = root.path().join("desk");
    let link = ShareLink::new(
        ShareOptions {
            dir: dir.clone(),
            data_dir: data.clone(),
            desk: Some("deskbench".into()),
            analyst: Some("Bench".into()),
        },
        None,
    )
    .with_clocks(move || t0, std::time::Instant::now);
    let mut files = Files::new(Store::new(data.join("state.json"))).with_share(link);
    let look = |files: &mut Files, m: &mut Model| {
        let [job] = <[Job; 1]>::try_from(watchdesk::runtime::on_wake(m)).expect("one job");
        let mut redraw = false;
        for msg in files.run(job) {
            redraw |= update(m, msg, t0).redraw;
        }
        redraw
    };
    for msg in files.run(Job::save(m.watch())) {
        let _ = update(&mut m, msg, t0);
    }
    look(&mut files, &mut m);
    assert_eq!(
        m.watch().log.len(),
        501,
        "the peers' 500 events and our own"
    );
    g.bench_function("idle look, 5 peers x 100 events (runner + update)", |b| {
        b.iter(|| assert!(!look(&mut files, &mut m)))
    });

    let mut peer = Share::open(ShareOptions {
        dir: dir.clone(),
        data_dir: root.path().join("peer"),
        desk: Some("deskpeer".into()),
        analyst: Some("Peer".into()),
    })
    .expect("peer share")
    .with_clock(move || t0);
    let mut desk = Desk::new("deskpeer", Some("Peer".into()), 9);
    let mut log: Vec<Event> = Vec::new();
    let mut term = terminal(Counter::default(), 120, 36);
    let palette = watchdesk::ui::styles::Palette::default();
    let _ = term.draw(|f| watchdesk::ui::draw(f, &m, &palette, t0));
    g.bench_function(
        "a peer's new event: look, save, update, frame 120x36",
        |b| {
            b.iter_batched(
                || {
                    let n = log.len();
                    let (from, to) = if n.is_multiple_of(2) {
                        (Status::Watching, Status::Observed)
                    } else {
                        (Status::Observed, Status::Watching)
                    };
                    let kind = EventKind::Status {
                        item: ItemRef::Indicator(1),
                        from,
                        to,
                        seen: log.last().map(|e: &Event| vec![e.id.clone()]),
                    };
                    log.push(desk.event_at(
                        10_000 + n as u64,
                        t0 + ChronoDuration::seconds(n as i64),
                        kind,
                    ));
                    peer.publish(&brief.id, &log).expect("peer publishes");
                    to
                },
                |to| {
                    assert!(look(&mut files, &mut m), "a frame is due");
                    term.draw(|f| watchdesk::ui::draw(f, &m, &palette, t0))
                        .expect("draw");
                    assert_eq!(m.watch().review.status_of(1), to);
                },
                BatchSize::PerIteration,
            )
        },
    );
    g.finish();
}

criterion_group! {
    name = benches;
    // Short measurements, so the whole suite runs in a few minutes.
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = parse, render, key, idle, review, store, memory, binary, board, share, share_desk
}
criterion_main!(benches);
