//! Placeholder; the benchmarks are being written.
use criterion::{Criterion, criterion_group, criterion_main};

fn parse_default(c: &mut Criterion) {
    c.bench_function("parse default brief", |b| {
        b.iter(|| watchdesk::brief::parse(watchdesk::brief::DEFAULT_BRIEF_TEXT))
    });
}

criterion_group!(benches, parse_default);
criterion_main!(benches);
