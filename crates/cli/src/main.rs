//! `postcare`: check a draft post against the SSSC social media guidance from the command line.
//!
//! The same engine runs in the browser extension; this is for trying drafts, scripting, and
//! measuring the rules against a labelled corpus.

use postcare_core::eval::{self, Scores};
use postcare_core::guidance::Guidance;
use postcare_core::{check, exif, Attachment, AttachmentKind, Category, Context, Finding, Options, Report};
use serde::Deserialize;
use std::io::{self, BufRead, Read, Write};
use std::process::ExitCode;

const USAGE: &str = "\
postcare: check a draft social media post against the SSSC social media guidance

usage:
  postcare check [FILE|-] [--json] [--watch NAME]...   check one draft (stdin when no FILE or -)
  postcare check --jsonl [--watch NAME]...             check JSON Lines {\"id\", \"text\", \"watchlist\"?, \"context\"?, \"to\"?, \"attachments\"?} from stdin
  postcare eval CORPUS.jsonl [--misses]                precision, recall and F1 against labelled posts
  postcare guidance                                    the guidance summary the warnings rest on

options:
  --json           print the findings as JSON
  --watch NAME     a person you support (repeatable); matched by first name, surname with a title, short forms
  --off CATEGORY   switch a category off (confidentiality, boundaries, dignity, reputation, exposure)
  --context WHERE  post (the default), comment or message
  --to NAME        who a message goes to, or a group chat's name (repeatable)
  --attach WHAT    an attached photo or video: image, video, or a JPEG file to read its location and date from (repeatable)

exit status: 0 no findings, 1 findings, 2 error";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("postcare: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<u8, String> {
    match args.first().map(String::as_str) {
        Some("check") => run_check(&args[1..]),
        Some("eval") => run_eval(&args[1..]),
        Some("guidance") => {
            print_guidance();
            Ok(0)
        }
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(0)
        }
        _ => Err(format!("expected a command\n\n{USAGE}")),
    }
}

struct CheckArgs {
    input: Option<String>,
    json: bool,
    jsonl: bool,
    options: Options,
}

fn parse_check_args(args: &[String]) -> Result<CheckArgs, String> {
    let mut parsed = CheckArgs { input: None, json: false, jsonl: false, options: Options::default() };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--json" => parsed.json = true,
            "--jsonl" => parsed.jsonl = true,
            "--watch" => parsed.options.watchlist.push(it.next().ok_or("--watch needs a name")?.clone()),
            "--off" => {
                let name = it.next().ok_or("--off needs a category")?;
                parsed.options.disabled.push(Category::parse(name).ok_or_else(|| format!("unknown category {name:?}"))?);
            }
            "--context" => {
                let name = it.next().ok_or("--context needs post, comment or message")?;
                parsed.options.context = match name.as_str() {
                    "post" => Context::Post,
                    "comment" => Context::Comment,
                    "message" => Context::Message,
                    other => return Err(format!("unknown context {other:?} (post, comment or message)")),
                };
            }
            "--to" => parsed.options.to.push(it.next().ok_or("--to needs a name")?.clone()),
            "--attach" => parsed.options.attachments.push(attachment(it.next().ok_or("--attach needs image, video or a file")?)?),
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}")),
            path if parsed.input.is_none() => parsed.input = Some(path.to_string()),
            extra => return Err(format!("unexpected argument {extra:?}")),
        }
    }
    Ok(parsed)
}

/// `image`, `video`, or a photo file whose location and date are read from its metadata.
fn attachment(what: &str) -> Result<Attachment, String> {
    match what {
        "image" => Ok(Attachment::new(AttachmentKind::Image)),
        "video" => Ok(Attachment::new(AttachmentKind::Video)),
        path => {
            let bytes = std::fs::read(path).map_err(|e| format!("--attach {path}: not image, video or a readable file ({e})"))?;
            let meta = exif::read(&bytes);
            Ok(Attachment { kind: AttachmentKind::Image, gps: meta.gps, taken: meta.taken })
        }
    }
}

fn read_input(input: Option<&str>) -> Result<String, String> {
    let mut bytes = Vec::new();
    match input {
        None | Some("-") => io::stdin().read_to_end(&mut bytes).map_err(|e| format!("cannot read standard input: {e}"))?,
        Some(path) => {
            bytes = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
            bytes.len()
        }
    };
    String::from_utf8(bytes).map_err(|e| {
        let name = input.filter(|p| *p != "-").unwrap_or("standard input");
        format!("{name} is not valid UTF-8 text (invalid byte at offset {})", e.utf8_error().valid_up_to())
    })
}

fn run_check(args: &[String]) -> Result<u8, String> {
    let args = parse_check_args(args)?;
    if args.jsonl {
        if args.input.is_some() {
            return Err("--jsonl reads standard input; give no FILE".into());
        }
        return check_jsonl(&args.options);
    }
    let text = read_input(args.input.as_deref())?;
    let report = check(&text, &args.options);
    let mut out = io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &report).map_err(|e| e.to_string())?;
        writeln!(out).ok();
    } else {
        write_human(&mut out, &text, &report).map_err(|e| e.to_string())?;
    }
    Ok(if report.findings.is_empty() { 0 } else { 1 })
}

#[derive(Deserialize)]
struct JsonlInput {
    id: serde_json::Value,
    text: String,
    #[serde(default)]
    watchlist: Vec<String>,
    context: Option<Context>,
    to: Option<Vec<String>>,
    attachments: Option<Vec<Attachment>>,
}

/// One output line per input line, in order; a bad line gets an error object, never a crash.
fn check_jsonl(base: &Options) -> Result<u8, String> {
    let stdin = io::stdin().lock();
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut any = false;
    for (number, line) in stdin.split(b'\n').enumerate() {
        let line = line.map_err(|e| format!("cannot read standard input: {e}"))?;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let value = match std::str::from_utf8(&line).map_err(|e| e.to_string()).and_then(|s| serde_json::from_str::<JsonlInput>(s).map_err(|e| e.to_string())) {
            Ok(input) => {
                let mut options = base.clone();
                options.watchlist.extend(input.watchlist);
                options.context = input.context.unwrap_or(options.context);
                options.to = input.to.unwrap_or(options.to);
                options.attachments = input.attachments.unwrap_or(options.attachments);
                // Offsets are into the text as given, so a corpus attachment description
                // stripped from its start is added back to them.
                let (text, options) = eval::input(&input.text, options);
                let shift = input.text.len() - text.len();
                let report = check(text, &options);
                any |= !report.findings.is_empty();
                let findings: Vec<_> = report
                    .findings
                    .iter()
                    .map(|f| {
                        let (start, end) = if f.about_post { (0, 0) } else { (f.start + shift, f.end + shift) };
                        serde_json::json!({"category": f.category, "rule": f.rule, "severity": f.severity, "start": start, "end": end, "message": f.message})
                    })
                    .collect();
                let mut line = serde_json::json!({"id": input.id, "findings": findings});
                if !report.prompts.is_empty() {
                    line["prompts"] = serde_json::json!(report.prompts);
                }
                line
            }
            Err(e) => {
                let id = serde_json::from_slice::<serde_json::Value>(&line).ok().and_then(|v| v.get("id").cloned()).unwrap_or(serde_json::Value::Null);
                serde_json::json!({"id": id, "error": format!("line {}: {e}", number + 1), "findings": []})
            }
        };
        writeln!(out, "{value}").map_err(|e| e.to_string())?;
    }
    out.flush().map_err(|e| e.to_string())?;
    Ok(if any { 1 } else { 0 })
}

fn write_human(out: &mut impl Write, text: &str, report: &Report) -> io::Result<()> {
    write_findings(out, text, report)?;
    for p in &report.prompts {
        writeln!(out, "{}: {}", p.title, p.message)?;
    }
    Ok(())
}

fn write_findings(out: &mut impl Write, text: &str, report: &Report) -> io::Result<()> {
    if report.findings.is_empty() {
        return writeln!(out, "No concerns found. Remember: everything you post is public and permanent.");
    }
    // The draft with each finding's words marked [like this]¹. Findings about the post as a
    // whole (who it goes to, an attached photo) mark no words.
    let mut marked = String::new();
    let mut at = 0;
    for (n, f) in report.findings.iter().enumerate() {
        if f.start < at || f.about_post {
            continue; // overlaps the previous mark; listed below all the same
        }
        marked.push_str(&text[at..f.start]);
        marked.push_str(&format!("[{}]{}", &text[f.start..f.end], superscript(n + 1)));
        at = f.end;
    }
    marked.push_str(&text[at..]);
    writeln!(out, "{}\n", marked.trim_end())?;
    let count = report.findings.len();
    writeln!(out, "{count} thing{} to look at before you post:\n", if count == 1 { "" } else { "s" })?;
    for (n, f) in report.findings.iter().enumerate() {
        write_finding(out, n + 1, text, f)?;
    }
    Ok(())
}

fn write_finding(out: &mut impl Write, n: usize, text: &str, f: &Finding) -> io::Result<()> {
    let severity = match f.severity {
        postcare_core::Severity::Warn => "warning",
        postcare_core::Severity::Caution => "caution",
    };
    if f.about_post {
        writeln!(out, "{n}. {} ({severity}, {})", f.title, f.category)?;
    } else {
        writeln!(out, "{n}. {} ({severity}, {}): \"{}\"", f.title, f.category, &text[f.start..f.end])?;
    }
    if let Some(detail) = &f.detail {
        writeln!(out, "   {detail}")?;
    }
    writeln!(out, "   Why it matters: {}", f.why)?;
    writeln!(out, "   What to do: {}", f.instead)?;
    match f.suggestion.as_deref() {
        Some("") => writeln!(out, "   Suggestion: remove it")?,
        Some(s) => writeln!(out, "   Suggestion: \"{s}\"")?,
        None => {}
    }
    writeln!(out, "   Guidance: {}", f.guidance)?;
    for statement in &f.code {
        writeln!(out, "   Code of Practice: \"{statement}\"")?;
    }
    writeln!(out)
}

fn superscript(n: usize) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    n.to_string().chars().map(|c| DIGITS[c.to_digit(10).unwrap_or(0) as usize]).collect()
}

fn run_eval(args: &[String]) -> Result<u8, String> {
    let path = args.iter().find(|a| !a.starts_with("--")).ok_or("eval needs a corpus file")?;
    let show_misses = args.iter().any(|a| a == "--misses");
    let source = read_input(Some(path))?;
    let posts = eval::parse_corpus(&source).map_err(|e| format!("{path}: {e}"))?;
    let scores = eval::score(&posts);
    print_scores(&scores, show_misses);
    Ok(0)
}

fn print_scores(s: &Scores, show_misses: bool) {
    println!("{:<16}{:>5}{:>5}{:>5}{:>11}{:>8}{:>7}", "category", "tp", "fp", "fn", "precision", "recall", "F1");
    for (c, n) in &s.by_category {
        println!("{:<16}{:>5}{:>5}{:>5}{:>11.3}{:>8.3}{:>7.3}", c.as_str(), n.true_pos, n.false_pos, n.false_neg, n.precision(), n.recall(), n.f1());
    }
    println!(
        "posts: {}  flagged-right {}  false-alarms {}  missed {}  quiet-right {}",
        s.posts, s.flagged_right, s.false_alarms, s.missed, s.quiet_right
    );
    println!("post-level recall {:.3}  false-alarm rate {:.3}", s.post_recall(), s.false_alarm_rate());
    if show_misses {
        for m in &s.misses {
            let names = |set: &std::collections::BTreeSet<Category>| set.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(",");
            println!("miss {}: expected [{}] found [{}]", m.id, names(&m.expected), names(&m.found));
        }
    }
}

fn print_guidance() {
    let g = Guidance::get();
    println!("{}\n", g.intro);
    for area in &g.areas {
        println!("{}\n{}\n", area.title.to_uppercase(), area.summary);
        for point in &area.points {
            println!("  - {point}");
        }
        println!("\n  Code of Practice:");
        for id in &area.code {
            if let Some(s) = g.statement(id) {
                println!("  \"{}\"", s.text);
            }
        }
        println!();
    }
    println!("The full SSSC Codes of Practice: {}", g.codes_url);
}
