//! The `postcare` command as a user runs it: exit statuses, JSON Lines, bad input.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn postcare(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_postcare"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("postcare runs");
    // A command that reads a file rather than stdin may finish before taking its input: a closed
    // pipe here is not a failure.
    let _ = child.stdin.take().expect("stdin").write_all(stdin);
    child.wait_with_output().expect("postcare finishes")
}

#[test]
fn exit_status_says_whether_anything_was_found() {
    assert_eq!(postcare(&["check"], b"Tattie soup on the go, fire on.").status.code(), Some(0));
    let out = postcare(&["check"], b"CHI 1904851231 for the lady in room 4");
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("[1904851231]"), "the draft is shown with the finding marked:\n{text}");
    assert!(text.contains("Why it matters:") && text.contains("What to do:") && text.contains("Code of Practice:"));
}

#[test]
fn json_output_carries_the_whole_finding() {
    let out = postcare(&["check", "--json", "-"], "😀 CHI 1904851231".as_bytes());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = &report["findings"][0];
    assert_eq!(f["category"], "confidentiality");
    assert_eq!(f["severity"], "warn");
    assert_eq!((f["start"].as_u64(), f["end"].as_u64()), (Some(9), Some(19)), "UTF-8 byte offsets");
    for field in ["rule", "title", "message", "why", "instead", "guidance", "code"] {
        assert!(!f[field].is_null(), "{field} missing");
    }
}

#[test]
fn watch_list_names_are_found() {
    let out = postcare(&["check", "--watch", "Agnes Blackwood", "--json"], b"Agnes's daughter finally visited");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn jsonl_answers_every_line_in_order_even_malformed_ones() {
    let input = "{\"id\": 1, \"text\": \"CHI 1904851231\"}\nnot json\n{\"id\": \"b\", \"text\": \"Sunday roast\"}\n{\"id\": 4, \"text\": \"Agnes is poorly\", \"watchlist\": [\"Agnes Blackwood\"]}\n";
    let out = postcare(&["check", "--jsonl"], input.as_bytes());
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["id"], 1);
    assert_eq!(lines[0]["findings"][0]["rule"], "confidentiality.health-number");
    assert!(lines[1]["error"].as_str().unwrap().contains("line 2"));
    assert_eq!(lines[2]["id"], "b");
    assert!(lines[2]["findings"].as_array().unwrap().is_empty());
    assert_eq!(lines[3]["findings"][0]["category"], "confidentiality");
}

#[test]
fn invalid_utf8_and_unreadable_files_are_errors() {
    let out = postcare(&["check"], b"caf\xe9 and \xff");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not valid UTF-8"));
    let out = postcare(&["check", "/no/such/draft.txt"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read /no/such/draft.txt"));
}

#[test]
fn eval_scores_a_labelled_corpus() {
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/corpus/dev.jsonl");
    let out = postcare(&["eval", corpus], b"");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("post-level recall") && text.contains("confidentiality"));
}

#[test]
fn guidance_lists_the_three_areas() {
    let text = String::from_utf8(postcare(&["guidance"], b"").stdout).unwrap();
    for area in ["SHARING INFORMATION", "MAINTAINING BOUNDARIES", "PROTECTING YOURSELF", "sssc.uk.com"] {
        assert!(text.contains(area), "{area} missing");
    }
}

fn json_report(args: &[&str], stdin: &str) -> (Option<i32>, serde_json::Value) {
    let out = postcare(args, stdin.as_bytes());
    (out.status.code(), serde_json::from_slice(&out.stdout).expect("JSON report"))
}

fn rules(report: &serde_json::Value) -> Vec<String> {
    report["findings"].as_array().unwrap().iter().map(|f| f["rule"].as_str().unwrap().to_string()).collect()
}

#[test]
fn a_message_to_someone_on_the_watch_list_is_a_warning_whatever_it_says() {
    let args = ["check", "--json", "--context", "message", "--to", "Jordan Mackie", "--watch", "Jordan Mackie"];
    let (code, report) = json_report(&args, "Thanks for today!");
    assert_eq!(code, Some(1));
    let f = &report["findings"][0];
    assert_eq!(
        (f["rule"].as_str(), f["category"].as_str(), f["severity"].as_str()),
        (Some("boundaries.messaging-someone-you-support"), Some("boundaries"), Some("warn"))
    );
    assert_eq!((f["about_post"].as_bool(), f["start"].as_u64(), f["end"].as_u64()), (Some(true), Some(0), Some(0)));
    let (code, report) =
        json_report(&["check", "--json", "--context", "message", "--to", "Sarah Brown", "--watch", "Jordan Mackie"], "Thanks for today!");
    assert_eq!((code, rules(&report).len()), (Some(0), 0));
}

#[test]
fn boundary_words_in_a_message_are_a_caution_to_anyone_and_a_warning_to_someone_watched() {
    let (_, report) = json_report(&["check", "--json", "--context", "message", "--to", "Sarah Brown"], "miss you already x");
    assert_eq!(report["findings"][0]["severity"], "caution");
    let (_, report) =
        json_report(&["check", "--json", "--context", "message", "--to", "Jordan", "--watch", "Jordan Mackie"], "miss you already x");
    assert!(report["findings"].as_array().unwrap().iter().all(|f| f["severity"] == "warn"));
    let (code, report) = json_report(&["check", "--json"], "miss you already x");
    assert_eq!((code, rules(&report).len()), (Some(0), 0), "the same words in a post are fine");
}

#[test]
fn a_work_group_chat_is_said_to_be_no_secure_system() {
    let (_, report) =
        json_report(&["check", "--json", "--context", "message", "--to", "Night shift 🌙"], "Door code for Brae House is 4471#");
    assert!(report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["message"].as_str().unwrap().contains("Work group chats are not a secure system")));
}

#[test]
fn an_attached_photo_is_a_prompt_not_a_finding_unless_the_words_point_to_care() {
    let out = postcare(&["check", "--attach", "image"], b"Sunset over the Forth tonight");
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8(out.stdout).unwrap().contains("Photo check: Does this show anyone you support"));
    let (code, report) = json_report(&["check", "--json", "--attach", "video"], "Look at them go at the day centre!");
    assert_eq!(code, Some(1));
    assert!(rules(&report).contains(&"confidentiality.photo-at-a-named-care-setting".to_string()));
    assert_eq!(report["prompts"][0]["id"], "photo-check");
}

#[test]
fn a_location_tag_at_a_care_setting_makes_the_photo_a_finding() {
    let (code, report) = json_report(&["check", "--json", "--attach", "image", "--location", "Sunnyside Care Home"], "What a day 😊");
    assert_eq!(code, Some(1));
    assert!(rules(&report).contains(&"confidentiality.photo-at-a-named-care-setting".to_string()));
    let (code, report) = json_report(&["check", "--json", "--attach", "image", "--location", "Portobello beach"], "What a day 😊");
    assert_eq!((code, rules(&report).len()), (Some(0), 0));
    assert_eq!(report["prompts"][0]["id"], "photo-check");
    let input =
        "{\"id\": 1, \"text\": \"What a day\", \"attachments\": [{\"kind\": \"image\"}], \"location\": \"Sunnyside Care Home, Paisley\"}\n";
    let out = postcare(&["check", "--jsonl"], input.as_bytes());
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(rules(&line).contains(&"confidentiality.photo-at-a-named-care-setting".to_string()));
    assert_eq!(postcare(&["check", "--location"], b"hi").status.code(), Some(2));
}

#[test]
fn a_photo_file_with_a_location_says_where_it_points() {
    let photo = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/photo-with-gps.jpg");
    let (code, report) = json_report(&["check", "--json", "--attach", photo], "Sunset tonight");
    assert_eq!(code, Some(1));
    let f = &report["findings"][0];
    assert_eq!(f["rule"], "exposure.photo-location");
    assert_eq!(f["detail"], "It points to about 55.953° N, 3.188° W (taken on 1 May 2024).");
    let plain = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/photo-without-gps.jpg");
    assert_eq!(json_report(&["check", "--json", "--attach", plain], "Sunset tonight").0, Some(0));
    assert_eq!(postcare(&["check", "--attach", "/no/such/photo.jpg"], b"hi").status.code(), Some(2));
    assert_eq!(postcare(&["check", "--context", "letter"], b"hi").status.code(), Some(2));
}

#[test]
fn jsonl_takes_context_recipients_and_attachments_and_corpus_photo_descriptions() {
    let input = concat!(
        "{\"id\": 1, \"text\": \"see you Saturday\", \"context\": \"message\", \"to\": [\"Agnes B\"], \"watchlist\": [\"Agnes Blackwood\"]}\n",
        "{\"id\": 2, \"text\": \"📸 [photo: the residents in the lounge]\\nTherapy pony day at the care home! CHI 1904851231\"}\n",
        "{\"id\": 3, \"text\": \"Sunset\", \"attachments\": [{\"kind\": \"image\", \"gps\": {\"lat\": 55.95, \"lon\": -3.19}}]}\n",
    );
    let out = postcare(&["check", "--jsonl"], input.as_bytes());
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(rules(&lines[0]).contains(&"boundaries.messaging-someone-you-support".to_string()));
    assert!(rules(&lines[1]).contains(&"confidentiality.photo-in-a-care-setting".to_string()));
    assert_eq!(lines[1]["prompts"][0]["id"], "photo-check");
    let text = "📸 [photo: the residents in the lounge]\nTherapy pony day at the care home! CHI 1904851231";
    let chi = lines[1]["findings"].as_array().unwrap().iter().find(|f| f["rule"] == "confidentiality.health-number").unwrap();
    let (s, e) = (chi["start"].as_u64().unwrap() as usize, chi["end"].as_u64().unwrap() as usize);
    assert_eq!(&text[s..e], "1904851231", "offsets are into the text as given");
    assert_eq!(rules(&lines[2]), ["exposure.photo-location"]);
}

/// Runs `postcare` with its standard output already closed by its reader, as in
/// `postcare guidance | head` once `head` has had enough.
fn postcare_reader_gone(args: &[&str], stdin: &[u8]) -> Output {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    let mut child = Command::new(env!("CARGO_BIN_EXE_postcare"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(writer)
        .stderr(Stdio::piped())
        .spawn()
        .expect("postcare runs");
    // The command may stop before reading all of its input; that is not what is tested here.
    child.stdin.take().expect("stdin").write_all(stdin).ok();
    child.wait_with_output().expect("postcare finishes")
}

#[test]
fn every_command_exits_quietly_when_its_reader_goes_away() {
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/corpus/dev.jsonl");
    let draft = b"CHI 1904851231 for the lady in room 4";
    let line = b"{\"id\": 1, \"text\": \"CHI 1904851231\"}\n";
    let runs: [(&[&str], &[u8]); 6] = [
        (&["guidance"], b""),
        (&["help"], b""),
        (&["check"], draft),
        (&["check", "--json"], draft),
        (&["check", "--jsonl"], line),
        (&["eval", corpus], b""),
    ];
    for (args, stdin) in runs {
        let out = postcare_reader_gone(args, stdin);
        assert_eq!(out.status.code(), Some(0), "postcare {args:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "postcare {args:?} says nothing");
    }
}

#[test]
fn usage_lists_every_category() {
    let text = String::from_utf8(postcare(&["help"], b"").stdout).unwrap();
    for category in postcare_core::Category::ALL {
        assert!(text.contains(category.as_str()), "{category} missing from the usage text");
    }
}

/// The shipped weights are what `scripts/train-model.sh` makes from the committed corpora and
/// rules: training is deterministic, so a stale or hand-edited weights file fails here.
#[test]
fn the_shipped_weights_are_reproducible_from_the_training_corpora() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let corpora = std::fs::read_to_string(format!("{root}/crates/core/model/training-corpora.txt")).unwrap();
    let out = std::env::temp_dir().join(format!("postcare-weights-{}.bin", std::process::id()));
    let mut args: Vec<String> = vec!["train".into(), "--out".into(), out.display().to_string()];
    args.extend(corpora.lines().filter(|l| !l.trim().is_empty()).map(|l| format!("{root}/{}", l.trim())));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = postcare(&args, b"");
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    let made = std::fs::read(&out).unwrap();
    std::fs::remove_file(&out).ok();
    let shipped = std::fs::read(format!("{root}/crates/core/model/weights.bin")).unwrap();
    assert!(made == shipped, "crates/core/model/weights.bin is stale: run scripts/train-model.sh");
}
