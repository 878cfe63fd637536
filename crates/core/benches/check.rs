//! `cargo bench -p postcare-core`: check() on a tweet-sized post, a long post and a post at
//! Facebook's 63,206-character limit, each realistic text with a few findings.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use postcare_core::{check, Options};
use std::hint::black_box;

/// A 280-character post with a name, a room number and a health detail.
pub const SHORT: &str = "nights at the wee home on Dunkeld Rd and the lady in room 3 has been callin for her husband since midnight. he died in 1998 💔 honestly this job breaks your heart some nights but I wouldn't swap it. Kettle on, flask filled, here's to a quiet one for everybody on tonight x";

/// Ordinary paragraphs a care worker might write, some with findings, to build long posts from.
const PARAGRAPHS: &[&str] = &[
    "Twenty years ago this week I walked into my first care home shift, terrified, in a tabard two sizes too big. I want to say thank you to everyone who taught me what this job really is.",
    "To the seniors who showed me how to do a bed bath without making someone feel like a task. To the nurses who answered my daft questions at 3am. To every family who trusted us with the person they love most.",
    "One man I'll never forget is Alasdair, a retired fisherman from Buckie who lived with us at Seaforth House until last spring. He had no family left, and he used to tell me the names of every boat in the harbour.",
    "The job is hard. The pay is rubbish. But I wouldn't swap it. Write to your MSP about fair pay for care workers and share this if you agree.",
    "Keysafe for Mr Paterson at 9 Dundonald Rd is 1938, sticking it in here cos I'll forget.",
    "Tattie soup on the go, fire on, rain battering the windows. This is the life. Sunday legs up Ben Ledi tomorrow if the weather holds.",
    "Reminder: team meeting has moved to Wednesday at 2 in the big room. Bring your supervision notes and your ideas for the summer fete.",
];

/// Builds a post of exactly `len` bytes (on a char boundary) from the paragraphs.
pub fn long_post(len: usize) -> String {
    let mut text = String::with_capacity(len + 256);
    let mut i = 0;
    while text.len() < len {
        text.push_str(PARAGRAPHS[i % PARAGRAPHS.len()]);
        text.push_str("\n\n");
        i += 1;
    }
    let mut cut = len;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    text.truncate(cut);
    text
}

fn bench_check(c: &mut Criterion) {
    let options = Options::with_watchlist(["Agnes Blackwood", "Tommy Reid"]);
    // Parse and compile the rules before timing.
    black_box(check("warm up", &options));
    let mut group = c.benchmark_group("check");
    let inputs = [("280", SHORT.to_string()), ("2000", long_post(2000)), ("63206", long_post(63_206))];
    for (name, text) in &inputs {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), text, |b, text| b.iter(|| check(black_box(text), &options)));
    }
    group.finish();
    // Linear growth: 1x, 4x and 16x a long post.
    let mut growth = c.benchmark_group("growth");
    growth.sample_size(20);
    for factor in [1usize, 4, 16] {
        let text = long_post(63_206 * factor);
        growth.throughput(Throughput::Bytes(text.len() as u64));
        growth.bench_with_input(BenchmarkId::from_parameter(format!("{factor}x")), &text, |b, text| {
            b.iter(|| check(black_box(text), &options))
        });
    }
    growth.finish();
}

criterion_group!(benches, bench_check);
criterion_main!(benches);
