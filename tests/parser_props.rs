use watchdesk::brief::{BriefId, DEFAULT_BRIEF_TEXT, normalise, parse};
#[test]
fn scratch_timing() {
    let base = parse(DEFAULT_BRIEF_TEXT).unwrap();
    let themes_text: String = base
        .themes
        .iter()
        .map(|t| format!("{}\n\n{}\n\n", t.title, t.paragraphs.join("\n\n")))
        .collect();
    let at = DEFAULT_BRIEF_TEXT.find("Washington Angle").unwrap();
    let mut text = String::from("A Very Long Brief\n\n");
    while text.len() < 20 * 1024 * 1024 {
        text.push_str(&themes_text);
    }
    text.push_str(&DEFAULT_BRIEF_TEXT[at..]);
    let t = std::time::Instant::now();
    let n = normalise(&text);
    eprintln!("normalise {:?}", t.elapsed());
    let t = std::time::Instant::now();
    let _ = BriefId::of_text(&text);
    eprintln!("id {:?}", t.elapsed());
    let t = std::time::Instant::now();
    let _ = parse(&text).unwrap();
    eprintln!("parse {:?}", t.elapsed());
    drop(n);
}
