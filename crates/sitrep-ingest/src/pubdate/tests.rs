use super::*;

fn date(html: &str, url: Option<&str>) -> Option<(String, String)> {
    publication_date(html.as_bytes(), url).map(|d| (d.date.value, d.origin))
}

#[test]
fn data_file_loads() {
    let s = sources();
    assert!(s.meta.contains_key("article:published_time"));
    assert_eq!(s.months.get("märz"), Some(&3));
}

#[test]
fn scratch() {
    let p = std::fs::read("/tmp/dd/html/parcoabruzzo.it.58354.html").unwrap();
    let t = String::from_utf8_lossy(&p);
    let i = t.find("Notizia del").unwrap();
    eprintln!("{:?}", &t[i - 10..i + 40]);
    eprintln!("{:?}", text_dates(&t[i - 10..i + 40]).collect::<Vec<_>>());
    eprintln!("{:?}", publication_date(&p, None));
}
