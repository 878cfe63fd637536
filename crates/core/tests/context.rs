//! What the words alone do not carry: who a message goes to, what is attached, and where the
//! worker tagged it.

use postcare_core::{check, Attachment, AttachmentKind, Category, Context, Gps, Options, Severity};

fn message_to(to: &[&str], watchlist: &[&str]) -> Options {
    Options {
        context: Context::Message,
        to: to.iter().map(|s| s.to_string()).collect(),
        watchlist: watchlist.iter().map(|s| s.to_string()).collect(),
        ..Options::default()
    }
}

fn rules(text: &str, options: &Options) -> Vec<&'static str> {
    check(text, options).findings.iter().map(|f| f.rule).collect()
}

#[test]
fn options_read_the_json_the_extension_and_json_lines_send() {
    let options: Options = serde_json::from_str(
        r#"{"watchlist": ["Jordan Mackie"], "context": "message", "to": ["Jordan"], "attachments": [{"kind": "video"}, {"kind": "image", "gps": {"lat": 1.5, "lon": -2.5}, "taken": "2024-05-01T14:03:22"}]}"#,
    )
    .unwrap();
    assert_eq!(options.context, Context::Message);
    assert_eq!(options.attachments[0], Attachment::new(AttachmentKind::Video));
    assert_eq!(options.attachments[1].gps, Some(Gps { lat: 1.5, lon: -2.5 }));
    assert_eq!(serde_json::from_str::<Options>("{}").unwrap().context, Context::Post);
    let tagged: Options = serde_json::from_str(r#"{"location": "Sunnyside Care Home, Paisley"}"#).unwrap();
    assert_eq!(tagged.location.as_deref(), Some("Sunnyside Care Home, Paisley"));
}

#[test]
fn a_watched_recipient_is_a_warning_as_soon_as_the_conversation_opens() {
    let report = check("", &message_to(&["Jordan Mackie"], &["Jordan Mackie"]));
    let f = &report.findings[0];
    assert_eq!((f.category, f.severity, f.about_post, f.start, f.end), (Category::Boundaries, Severity::Warn, true, 0, 0));
    assert!(f.message.starts_with("You are messaging someone on your list of people you support, from your personal account."));
    // Group chats with a watched member count too, and short forms of the name.
    assert!(!check("hi all", &message_to(&["Rab Cowie", "Kerry Cowie"], &["Robert Cowie"])).findings.is_empty());
    // Switched off with its category.
    let mut off = message_to(&["Jordan Mackie"], &["Jordan Mackie"]);
    off.disabled.push(Category::Boundaries);
    assert!(check("", &off).findings.is_empty());
}

#[test]
fn a_finding_about_the_post_leaves_its_words_to_the_other_rules() {
    let options = message_to(&["Agnes Blackwood"], &["Agnes Blackwood"]);
    let found = rules("Hi Mrs Blackwood, your dad had a rough night and we gave him his PRN at 2am", &options);
    assert!(found.contains(&"boundaries.messaging-someone-you-support"));
    assert!(found.contains(&"boundaries.discussing-care"), "{found:?}");
}

#[test]
fn a_group_chat_is_known_by_its_name_or_its_members() {
    let note = "Work group chats are not a secure system";
    let noted = |options: &Options| {
        check("Mr Paterson's keysafe is 1938", options)
            .findings
            .iter()
            .any(|f| f.message.contains(note) && f.detail.as_deref().is_some_and(|d| d.contains(note)))
    };
    assert!(noted(&message_to(&["Rowanbank night staff"], &[])));
    assert!(noted(&message_to(&["Claire", "Deb", "Fiona"], &[])));
    assert!(!noted(&message_to(&["Claire Smith"], &[])));
    assert!(!noted(&Options::default()));
}

#[test]
fn every_attachment_gets_the_photo_check_prompt_which_is_never_a_finding() {
    let options = Options { attachments: vec![Attachment::new(AttachmentKind::Image)], ..Options::default() };
    let report = check("Sunset over the Forth tonight", &options);
    assert!(report.findings.is_empty());
    assert_eq!(report.prompts.len(), 1);
    assert!(report.prompts[0].message.contains("informed consent and your employer's agreement"));
    assert!(check("Sunset over the Forth tonight", &Options::default()).prompts.is_empty());
}

#[test]
fn a_photo_location_is_given_in_plain_words() {
    let photo = Attachment {
        kind: AttachmentKind::Image,
        gps: Some(Gps { lat: 55.9533, lon: -3.1883 }),
        taken: Some("2023-12-24T09:00:00".into()),
    };
    let report = check("", &Options { attachments: vec![photo], ..Options::default() });
    let f = report.findings.iter().find(|f| f.rule == "exposure.photo-location").expect("location finding");
    assert_eq!(f.severity, Severity::Caution);
    assert_eq!(f.detail.as_deref(), Some("It points to about 55.953° N, 3.188° W (taken on 24 December 2023)."));
    assert!(f.message.contains("55.953° N, 3.188° W"));
}

fn photo_tagged(location: &str) -> Options {
    Options { attachments: vec![Attachment::new(AttachmentKind::Image)], location: Some(location.into()), ..Options::default() }
}

#[test]
fn a_photo_tagged_at_a_care_setting_is_a_finding_about_the_post() {
    let report = check("What a lovely afternoon 😊", &photo_tagged("Sunnyside Care Home, Paisley"));
    let f = report.findings.iter().find(|f| f.rule == "confidentiality.photo-at-a-named-care-setting").expect("photo finding");
    assert_eq!((f.severity, f.about_post, f.start, f.end), (Severity::Warn, true, 0, 0), "never underlined: the place is not in the text");
    assert!(report.findings.iter().all(|f| f.about_post), "{:?}", report.findings);
    assert_eq!(report.prompts.len(), 1, "the photo question still stands");
    // A place on the watch-list counts as well.
    let watched = Options { watchlist: vec!["Seaforth House".into()], ..photo_tagged("Seaforth House") };
    assert!(rules("Garden party 🌷", &watched).contains(&"confidentiality.photo-at-a-named-care-setting"));
}

#[test]
fn a_photo_tagged_somewhere_else_is_only_the_photo_question() {
    let report = check("What a lovely afternoon 😊", &photo_tagged("Portobello beach"));
    assert!(report.findings.is_empty(), "{:?}", report.findings);
    assert_eq!(report.prompts.len(), 1);
    // A care setting tagged on a post without a photo is not a photo finding, and the place's
    // words are never checked as the post's.
    let no_photo = Options { location: Some("Sunnyside Care Home, Paisley".into()), ..Options::default() };
    assert!(check("What a lovely afternoon 😊", &no_photo).findings.is_empty());
}
