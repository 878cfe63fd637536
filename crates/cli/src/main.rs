//! `postcare`: check a draft post against the SSSC social media guidance from the command line.
//!
//! The same engine runs in the browser extension; this is for trying drafts, scripting, and
//! measuring the rules against a labelled corpus.

mod train;

use postcare_core::eval::{self, Scores};
use postcare_core::guidance::Guidance;
use postcare_core::{check, exif, Attachment, AttachmentKind, Category, Context, Finding, Options, Report};
use serde::Deserialize;
use std::io::{self, BufRead, Read, Write};
use std::process::ExitCode;

/// The engine's categories, as `--off` takes them.
fn category_names() -> String {
    Category::ALL.map(Category::as_str).join(", ")
}

fn usage() -> String {
    format!(
        "\
postcare: check a draft social media post against the SSSC social media guidance

usage:
  postcare check [FILE|-] [--json] [--watch NAME]...   check one draft (stdin when no FILE or -)
  postcare check --jsonl [--watch NAME]...             check JSON Lines {{\"id\", \"text\", \"watchlist\"?, \"context\"?, \"to\"?, \"attachments\"?, \"location\"?}} from stdin
  postcare eval CORPUS.jsonl [--misses] [--rules-only] precision, recall and F1 against labelled posts
  postcare train CORPUS.jsonl... [--out FILE] [--curve VALIDATION.jsonl] [--misses FILE]
                                                       fit the learned layer (scripts/train-model.sh)
  postcare rules-bundle                                the rule and lexicon files as one file, for the extension's engine
  postcare guidance                                    the guidance summary the warnings rest on

options:
  --rules-only     leave the learned layer out (to compare; see docs/eval.md)
  --json           print the findings as JSON
  --watch NAME     a person you support (repeatable); matched by first name, surname with a title, short forms
  --off CATEGORY   switch a category off ({})
  --context WHERE  post (the default), comment or message
  --to NAME        who a message goes to, or a group chat's name (repeatable)
  --attach WHAT    an attached photo or video: image, video, or a JPEG file to read its location and date from (repeatable)
  --location PLACE the place the post is tagged with (the site's location tag or check-in)

exit status: 0 no findings, 1 findings, 2 error",
        category_names()
    )
}

/// Why a command stopped before it finished.
enum Stop {
    /// Something to tell the user; exit status 2.
    Error(String),
    /// Whatever was reading the output went away (`postcare guidance | head`): nothing more to
    /// do, so exit quietly, as other command-line tools do.
    ReaderGone,
}

impl From<String> for Stop {
    fn from(message: String) -> Stop {
        Stop::Error(message)
    }
}

impl From<&str> for Stop {
    fn from(message: &str) -> Stop {
        Stop::Error(message.to_string())
    }
}

/// Errors writing the output.
impl From<io::Error> for Stop {
    fn from(e: io::Error) -> Stop {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Stop::ReaderGone
        } else {
            Stop::Error(format!("cannot write output: {e}"))
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => ExitCode::from(code),
        Err(Stop::ReaderGone) => ExitCode::SUCCESS,
        Err(Stop::Error(message)) => {
            // If standard error is gone too there is no one left to tell.
            writeln!(io::stderr(), "postcare: {message}").ok();
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<u8, Stop> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    let code = match args.first().map(String::as_str) {
        Some("check") => run_check(&args[1..], &mut out)?,
        Some("eval") => run_eval(&args[1..], &mut out)?,
        Some("train") => run_train(&args[1..], &mut out)?,
        Some("rules-bundle") => {
            // The rule and lexicon files as one file, for the WebAssembly engine.
            out.write_all(postcare_core::rules::bundle().as_bytes())?;
            0
        }
        Some("guidance") => {
            write_guidance(&mut out)?;
            0
        }
        Some("-h" | "--help" | "help") => {
            writeln!(out, "{}", usage())?;
            0
        }
        _ => return Err(format!("expected a command\n\n{}", usage()).into()),
    };
    out.flush()?;
    Ok(code)
}

struct CheckArgs {
    input: Option<String>,
    json: bool,
    jsonl: bool,
    options: Options,
}

fn parse_check_args(args: &[String]) -> Result<CheckArgs, Stop> {
    let mut parsed = CheckArgs { input: None, json: false, jsonl: false, options: Options::default() };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--json" => parsed.json = true,
            "--rules-only" => parsed.options.rules_only = true,
            "--jsonl" => parsed.jsonl = true,
            "--watch" => parsed.options.watchlist.push(it.next().ok_or("--watch needs a name")?.clone()),
            "--off" => {
                let name = it.next().ok_or("--off needs a category")?;
                parsed
                    .options
                    .disabled
                    .push(Category::parse(name).ok_or_else(|| format!("unknown category {name:?} (one of {})", category_names()))?);
            }
            "--context" => {
                let name = it.next().ok_or("--context needs post, comment or message")?;
                parsed.options.context = match name.as_str() {
                    "post" => Context::Post,
                    "comment" => Context::Comment,
                    "message" => Context::Message,
                    other => return Err(format!("unknown context {other:?} (post, comment or message)").into()),
                };
            }
            "--to" => parsed.options.to.push(it.next().ok_or("--to needs a name")?.clone()),
            "--attach" => parsed.options.attachments.push(attachment(it.next().ok_or("--attach needs image, video or a file")?)?),
            "--location" => parsed.options.location = Some(it.next().ok_or("--location needs a place")?.clone()),
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}").into()),
            path if parsed.input.is_none() => parsed.input = Some(path.to_string()),
            extra => return Err(format!("unexpected argument {extra:?}").into()),
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

fn run_check(args: &[String], out: &mut impl Write) -> Result<u8, Stop> {
    let args = parse_check_args(args)?;
    if args.jsonl {
        if args.input.is_some() {
            return Err("--jsonl reads standard input; give no FILE".into());
        }
        return check_jsonl(&args.options, out);
    }
    let text = read_input(args.input.as_deref())?;
    let report = check(&text, &args.options);
    if args.json {
        serde_json::to_writer_pretty(&mut *out, &report).map_err(io::Error::from)?;
        writeln!(out)?;
    } else {
        write_human(out, &text, &report)?;
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
    location: Option<String>,
}

/// One output line per input line, in order; a bad line gets an error object, never a crash.
fn check_jsonl(base: &Options, out: &mut impl Write) -> Result<u8, Stop> {
    let stdin = io::stdin().lock();
    let mut any = false;
    for (number, line) in stdin.split(b'\n').enumerate() {
        let line = line.map_err(|e| format!("cannot read standard input: {e}"))?;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let value = match std::str::from_utf8(&line)
            .map_err(|e| e.to_string())
            .and_then(|s| serde_json::from_str::<JsonlInput>(s).map_err(|e| e.to_string()))
        {
            Ok(input) => {
                let mut options = base.clone();
                options.watchlist.extend(input.watchlist);
                options.context = input.context.unwrap_or(options.context);
                options.to = input.to.unwrap_or(options.to);
                options.attachments = input.attachments.unwrap_or(options.attachments);
                options.location = input.location.or(options.location);
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
                let id = serde_json::from_slice::<serde_json::Value>(&line)
                    .ok()
                    .and_then(|v| v.get("id").cloned())
                    .unwrap_or(serde_json::Value::Null);
                serde_json::json!({"id": id, "error": format!("line {}: {e}", number + 1), "findings": []})
            }
        };
        writeln!(out, "{value}")?;
    }
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

fn run_eval(args: &[String], out: &mut impl Write) -> Result<u8, Stop> {
    let path = args.iter().find(|a| !a.starts_with("--")).ok_or("eval needs a corpus file")?;
    let show_misses = args.iter().any(|a| a == "--misses");
    let rules_only = args.iter().any(|a| a == "--rules-only");
    let posts = read_corpus(path)?;
    let scores = eval::score_with(&posts, |text, options| check(text, &Options { rules_only, ..options.clone() }));
    write_scores(out, &scores, show_misses)?;
    Ok(0)
}

fn read_corpus(path: &str) -> Result<Vec<eval::LabelledPost>, String> {
    let source = read_input(Some(path))?;
    eval::parse_corpus(&source).map_err(|e| format!("{path}: {e}"))
}

fn run_train(args: &[String], out: &mut impl Write) -> Result<u8, Stop> {
    let mut corpora = Vec::new();
    let mut out_file = None;
    let mut curve = None;
    let mut misses = None;
    let mut params = train::Params::default();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--out" => out_file = Some(it.next().ok_or("--out needs a file")?.clone()),
            "--curve" => curve = Some(it.next().ok_or("--curve needs a corpus")?.clone()),
            "--misses" => misses = Some(it.next().ok_or("--misses needs a file")?.clone()),
            "--folds" => params.folds = it.next().and_then(|n| n.parse().ok()).filter(|&n| n >= 2).ok_or("--folds needs a number >= 2")?,
            "--epochs" => {
                params.epochs = it.next().and_then(|n| n.parse().ok()).filter(|&n| n >= 1).ok_or("--epochs needs a number >= 1")?
            }
            "--l2" => params.l2 = it.next().and_then(|n| n.parse().ok()).filter(|&x: &f32| x >= 0.0).ok_or("--l2 needs a number >= 0")?,
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}").into()),
            path => corpora.push(path.to_string()),
        }
    }
    if corpora.is_empty() {
        return Err("train needs at least one labelled corpus".into());
    }
    let mut posts = Vec::new();
    for path in &corpora {
        posts.extend(read_corpus(path)?);
    }
    let trained = train::train(&posts, &params);
    writeln!(out, "Training posts: {} (from {})", posts.len(), corpora.join(", "))?;
    writeln!(out, "\nRules alone, on the training posts:")?;
    write_summary(out, &trained.rules_alone)?;
    writeln!(out, "\nRules and model, {}-fold cross-validated on the training posts:", params.folds)?;
    write_scores(out, &trained.cross_validated, false)?;
    writeln!(out, "\nThresholds (veto / caution), chosen on the training posts only:")?;
    for c in Category::ALL {
        let h = &trained.model.heads[c as usize];
        writeln!(out, "  {:<16}{:.2} / {:.2}", c.as_str(), h.veto, h.caution)?;
    }
    writeln!(
        out,
        "  gate (risky at all: under it, the post reads as harmless) {:.2}",
        trained.model.heads[postcare_core::learned::GATE].veto
    )?;
    if let Some(path) = &out_file {
        let bytes = trained.model.to_bytes();
        std::fs::write(path, &bytes).map_err(|e| format!("{path}: {e}"))?;
        writeln!(out, "\nWrote {path} ({} bytes)", bytes.len())?;
    }
    if let Some(path) = &misses {
        let mut lines = String::new();
        for (post, flagged) in posts.iter().zip(&trained.flagged) {
            let expected: std::collections::BTreeSet<Category> = post.expect.iter().copied().collect();
            if flagged.iter().copied().collect::<std::collections::BTreeSet<_>>() != expected {
                let names = |cs: &[Category]| cs.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(",");
                let record =
                    serde_json::json!({ "id": post.id, "expect": names(&post.expect), "flagged": names(flagged), "text": post.text });
                lines.push_str(&format!("{record}\n"));
            }
        }
        std::fs::write(path, lines).map_err(|e| format!("{path}: {e}"))?;
        writeln!(out, "\nWrote the cross-validated misses and false alarms to {path}")?;
    }
    if let Some(path) = &curve {
        let valid = read_corpus(path)?;
        writeln!(out, "\nOn {path} ({} posts; aggregate figures only):", valid.len())?;
        let rules = eval::score_with(&valid, |text, options| check(text, &Options { rules_only: true, ..options.clone() }));
        write!(out, "  rules alone:        ")?;
        write_summary(out, &rules)?;
        for fraction in [0.25, 0.5, 0.75, 1.0] {
            let part = train::sample(posts.clone(), fraction, params.seed);
            let n = part.len();
            let model = if fraction == 1.0 { trained.model.clone() } else { train::train(&part, &params).model };
            write!(out, "  rules + model, {:>3.0}% ({n} posts): ", fraction * 100.0)?;
            write_summary(out, &train::score_with_model(&valid, &model))?;
        }
    }
    Ok(0)
}

fn write_summary(out: &mut impl Write, s: &Scores) -> io::Result<()> {
    writeln!(out, "post-recall {:.3} false-alarm {:.3} macro-F1 {:.3}", s.post_recall(), s.false_alarm_rate(), s.macro_f1())
}

fn write_scores(out: &mut impl Write, s: &Scores, show_misses: bool) -> io::Result<()> {
    writeln!(out, "{:<16}{:>5}{:>5}{:>5}{:>11}{:>8}{:>7}", "category", "tp", "fp", "fn", "precision", "recall", "F1")?;
    for (c, n) in &s.by_category {
        writeln!(
            out,
            "{:<16}{:>5}{:>5}{:>5}{:>11.3}{:>8.3}{:>7.3}",
            c.as_str(),
            n.true_pos,
            n.false_pos,
            n.false_neg,
            n.precision(),
            n.recall(),
            n.f1()
        )?;
    }
    writeln!(
        out,
        "posts: {}  flagged-right {}  false-alarms {}  missed {}  quiet-right {}",
        s.posts, s.flagged_right, s.false_alarms, s.missed, s.quiet_right
    )?;
    writeln!(out, "post-level recall {:.3}  false-alarm rate {:.3}  macro-F1 {:.3}", s.post_recall(), s.false_alarm_rate(), s.macro_f1())?;
    if show_misses {
        for m in &s.misses {
            let names = |set: &std::collections::BTreeSet<Category>| set.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(",");
            writeln!(out, "miss {}: expected [{}] found [{}]", m.id, names(&m.expected), names(&m.found))?;
        }
    }
    Ok(())
}

fn write_guidance(out: &mut impl Write) -> io::Result<()> {
    let g = Guidance::get();
    writeln!(out, "{}\n", g.intro)?;
    for area in &g.areas {
        writeln!(out, "{}\n{}\n", area.title.to_uppercase(), area.summary)?;
        for point in &area.points {
            writeln!(out, "  - {point}")?;
        }
        writeln!(out, "\n  Code of Practice:")?;
        for id in &area.code {
            if let Some(s) = g.statement(id) {
                writeln!(out, "  \"{}\"", s.text)?;
            }
        }
        writeln!(out)?;
    }
    writeln!(out, "The full SSSC Codes of Practice: {}", g.codes_url)
}
