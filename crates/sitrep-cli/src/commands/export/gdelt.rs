//! GDELT 2.0-style tables: each fact becomes one row of the 61-column event table and
//! each supporting event one row of the 16-column mentions table. Fields sitrep does not
//! know (geography, tone, ethnic and religion codes) are left empty, as GDELT leaves
//! fields it lacks. The modality, claimant and rule of a mention go into its `Extras`
//! column, since a GDELT reader would otherwise take a denial for a report.

use sitrep_model::Fact;
use sitrep_store::query::EventHit;
use sitrep_store::Store;
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// The event table's columns, in GDELT 2.0 order.
pub const EVENT_COLUMNS: [&str; 61] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// The mentions table's columns, in GDELT 2.0 order.
pub const MENTION_COLUMNS: [&str; 16] = [
    "GLOBALEVENTID",
    "EventTimeDate",
    "MentionTimeDate",
    "MentionType",
    "MentionSourceName",
    "MentionIdentifier",
    "SentenceID",
    "Actor1CharOffset",
    "Actor2CharOffset",
    "ActionCharOffset",
    "InRawText",
    "Confidence",
    "MentionDocLen",
    "MentionDocTone",
    "MentionDocTranslationInfo",
    "Extras",
];

/// Writes `events.tsv` and `mentions.tsv` into `dir`.
pub fn write(store: &Store, dir: &Path, header: bool) -> anyhow::Result<Vec<(PathBuf, usize)>> {
    let facts = store.facts()?;
    let mut number: HashMap<(&str, u32), usize> = HashMap::new();
    for (i, fact) in facts.iter().enumerate() {
        for e in &fact.events {
            number.insert((e.doc.as_str(), e.event), i);
        }
    }
    let mentions_path = dir.join("mentions.tsv");
    let mut mentions = tsv_file(&mentions_path, header.then_some(&MENTION_COLUMNS[..]))?;
    let mut goldstein = vec![(0.0f64, 0u32); facts.len()];
    let mut urls: HashMap<String, String> = HashMap::new();
    let mut text: (String, String) = (String::new(), String::new());
    let mut rows = 0;
    store.for_each_event_hit(|hit| -> anyhow::Result<()> {
        let Some(&n) = number.get(&(hit.doc.as_str(), hit.index)) else {
            return Ok(());
        };
        goldstein[n].0 += f64::from(hit.event.goldstein);
        goldstein[n].1 += 1;
        urls.entry(hit.doc.clone())
            .or_insert_with(|| hit.url.clone().unwrap_or_else(|| hit.source.clone()));
        if text.0 != hit.doc {
            text = (
                hit.doc.clone(),
                store.document_text(&hit.doc)?.unwrap_or_default(),
            );
        }
        tsv_line(&mut mentions, &mention_row(n + 1, &facts[n], &hit, &text.1))?;
        rows += 1;
        Ok(())
    })?;
    mentions.flush()?;
    let events_path = dir.join("events.tsv");
    let mut events = tsv_file(&events_path, header.then_some(&EVENT_COLUMNS[..]))?;
    for (i, fact) in facts.iter().enumerate() {
        let (sum, n) = goldstein[i];
        let mean = (n > 0).then(|| sum / f64::from(n));
        let url = fact.events.first().and_then(|e| urls.get(&e.doc)).cloned();
        tsv_line(&mut events, &event_row(i + 1, fact, mean, url))?;
    }
    events.flush()?;
    Ok(vec![(events_path, facts.len()), (mentions_path, rows)])
}

fn tsv_file(path: &Path, header: Option<&[&str]>) -> anyhow::Result<BufWriter<File>> {
    let file =
        File::create(path).map_err(|e| anyhow::anyhow!("creating {}: {e}", path.display()))?;
    let mut out = BufWriter::new(file);
    if let Some(h) = header {
        writeln!(out, "{}", h.join("\t"))?;
    }
    Ok(out)
}

fn tsv_line(out: &mut impl Write, cells: &[String]) -> std::io::Result<()> {
    let clean: Vec<String> = cells
        .iter()
        .map(|c| c.replace(['\t', '\n', '\r'], " "))
        .collect();
    writeln!(out, "{}", clean.join("\t"))
}

/// One row of the event table.
pub fn event_row(id: usize, f: &Fact, goldstein: Option<f64>, url: Option<String>) -> Vec<String> {
    let date = f.first_seen.as_deref().unwrap_or("");
    let mut row = vec![
        id.to_string(),
        sql_date(date),
        digits(date, 7),
        digits(date, 4),
        fraction_date(date),
    ];
    row.extend(actor_fields(&f.source, &f.source_name));
    row.extend(actor_fields(&f.target, &f.target_name));
    row.extend([
        String::new(),
        f.cameo.clone(),
        f.cameo.get(..3).unwrap_or(&f.cameo).to_string(),
        f.root.clone(),
        f.quad_class.to_string(),
        goldstein.map(|g| format!("{g:.1}")).unwrap_or_default(),
        f.mentions.to_string(),
        f.outlets.to_string(),
        f.documents.to_string(),
        String::new(),
    ]);
    row.extend(std::iter::repeat_n(String::new(), 24));
    row.push(String::new());
    row.push(url.unwrap_or_default());
    row
}

/// One row of the mentions table.
pub fn mention_row(id: usize, f: &Fact, hit: &EventHit, text: &str) -> Vec<String> {
    let e = &hit.event;
    let offset = |span: Option<sitrep_model::Span>| match span {
        Some(s) => text
            .get(..s.start())
            .map_or_else(|| "-1".into(), |p| p.chars().count().to_string()),
        None => "-1".into(),
    };
    let event_time = match sql_date(f.first_seen.as_deref().unwrap_or("")) {
        d if d.is_empty() => d,
        d => d + "000000",
    };
    let extras = format!(
        "modality={};claimant={};rule={}",
        e.modality.as_str(),
        e.claimant
            .as_ref()
            .map(|c| c.name.replace(';', ","))
            .unwrap_or_default(),
        e.rule.replace(';', ",")
    );
    vec![
        id.to_string(),
        event_time,
        timestamp(hit.published.as_deref().unwrap_or("")),
        "1".into(),
        hit.outlet.clone().unwrap_or_default(),
        hit.url.clone().unwrap_or_else(|| hit.source.clone()),
        (e.sentence + 1).to_string(),
        offset(e.source.as_ref().map(|a| a.span)),
        offset(e.target.as_ref().map(|a| a.span)),
        offset(Some(e.trigger)),
        String::new(),
        ((e.confidence * 100.0).round() as i64)
            .clamp(0, 100)
            .to_string(),
        text.chars().count().to_string(),
        String::new(),
        String::new(),
        extras,
    ]
}

/// The CAMEO actor code split into GDELT's country, known group and type fields.
fn actor_fields(code: &str, name: &str) -> Vec<String> {
    let chunk = |i: usize| code.get(i * 3..i * 3 + 3).unwrap_or("").to_string();
    let first = chunk(0);
    let group = matches!(first.as_str(), "IGO" | "NGO" | "IMG" | "MNC");
    let (country, known, types) = if code.is_empty() {
        (
            String::new(),
            String::new(),
            [String::new(), String::new(), String::new()],
        )
    } else if group {
        (String::new(), chunk(1), [first.clone(), chunk(2), chunk(3)])
    } else {
        (first.clone(), String::new(), [chunk(1), chunk(2), chunk(3)])
    };
    let name = if code.is_empty() {
        String::new()
    } else {
        name.to_uppercase()
    };
    let mut out = vec![code.to_string(), name, country, known];
    out.extend([String::new(), String::new(), String::new()]);
    out.extend(types);
    out
}

/// The first `n` characters of a date with the dashes dropped, or empty when shorter.
fn digits(date: &str, n: usize) -> String {
    date.get(..n)
        .map(|d| d.replace('-', ""))
        .unwrap_or_default()
}

fn sql_date(date: &str) -> String {
    digits(date, 10)
}

/// `YYYYMMDDHHMMSS` from `2024-05-22T09:02` or `2024-05-22`; empty for coarser dates.
fn timestamp(date: &str) -> String {
    let day = sql_date(date);
    if day.is_empty() {
        return day;
    }
    let time: String = date
        .get(11..)
        .unwrap_or("")
        .chars()
        .filter(char::is_ascii_digit)
        .chain(std::iter::repeat('0'))
        .take(6)
        .collect();
    day + &time
}

/// `YYYY.FFFF`: the year plus the share of it gone by on that day.
fn fraction_date(date: &str) -> String {
    let num = |a: usize, b: usize| date.get(a..b).and_then(|s| s.parse::<u32>().ok());
    let (Some(y), Some(m), Some(d)) = (num(0, 4), num(5, 7), num(8, 10)) else {
        return String::new();
    };
    let leap = y.is_multiple_of(4) && (!y.is_multiple_of(100) || y.is_multiple_of(400));
    let before = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    let Some(&days) = before.get(m.saturating_sub(1) as usize) else {
        return String::new();
    };
    let doy = days + d + u32::from(leap && m > 2);
    let len = if leap { 366.0 } else { 365.0 };
    format!("{:.4}", f64::from(y) + f64::from(doy) / len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fact() -> Fact {
        serde_json::from_value(serde_json::json!({
            "id": "f", "source": "PRKMIL", "source_name": "North Korean army", "target": "IGOUNO",
            "target_name": "United Nations", "root": "07", "cameo": "0721", "plover": "AID",
            "quad_class": 2, "label": "aid", "objects": [], "mentions": 3, "documents": 2,
            "outlets": 2, "origins": 1, "asserted_by": [], "hedged_by": [], "denied_by": [],
            "contested": false, "first_seen": "2024-03-01", "last_seen": "2024-03-02",
            "events": []
        }))
        .unwrap()
    }

    #[test]
    fn event_rows_have_gdelts_61_columns_in_order() {
        let row = event_row(7, &fact(), Some(7.44), Some("https://x".into()));
        assert_eq!(row.len(), EVENT_COLUMNS.len());
        let col = |name: &str| &row[EVENT_COLUMNS.iter().position(|c| *c == name).unwrap()];
        assert_eq!(col("SQLDATE"), "20240301");
        assert_eq!(col("MonthYear"), "202403");
        assert_eq!(col("FractionDate"), "2024.1667");
        assert_eq!(col("Actor1CountryCode"), "PRK");
        assert_eq!(col("Actor1Type1Code"), "MIL");
        assert_eq!(col("Actor2KnownGroupCode"), "UNO");
        assert_eq!(col("Actor2Type1Code"), "IGO");
        assert_eq!(col("EventBaseCode"), "072");
        assert_eq!(col("GoldsteinScale"), "7.4");
        assert_eq!(col("NumSources"), "2");
        assert_eq!(col("SOURCEURL"), "https://x");
    }

    #[test]
    fn timestamps_pad_time_and_skip_coarse_dates() {
        assert_eq!(timestamp("2024-05-22T09:02"), "20240522090200");
        assert_eq!(timestamp("2024-05-22"), "20240522000000");
        assert_eq!(timestamp("2024-05"), "");
        assert_eq!(MENTION_COLUMNS.len(), 16);
    }
}
