//! PolNeAR attribution evaluation of the quote finder.
//!
//! `cargo run --release -p sitrep-quotes --example eval_quotes -- [--split dev|train]
//! [--keep-unattributed] [FILE]`
//!
//! Reads `../shared/eval/quotes/polnear/polnear-train-dev.jsonl` (one article × annotator a
//! line; only the `primary` annotator is used). Gold spans are character offsets and are
//! converted to byte offsets. Predicted quotes that share a cue are one attribution (a
//! quotation split by `, he said,`), with the union of their spans; direct quotes are
//! compared with their quotation marks, as PolNeAR annotates them.
//!
//! Two gold sets: `direct` (attributions PolNeAR marks direct, against our direct and mixed
//! quotes) and `all` (every attribution, against every quote we find).

use serde_json::Value;
use sitrep_model::{Document, QuoteKind, Span};
use std::time::Instant;

type Spans = Vec<(usize, usize)>;

struct Gold {
    content: Spans,
    source: Spans,
    direct: bool,
}

struct Pred {
    content: Spans,
    speaker: Option<Span>,
    direct: bool,
}

struct Article {
    doc: Document,
    gold: Vec<Gold>,
}

fn main() {
    let mut split = "dev".to_string();
    let mut all = false;
    let mut path = "/work/shared/eval/quotes/polnear/polnear-train-dev.jsonl".to_string();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--split" => split = args.next().unwrap_or(split),
            "--keep-unattributed" => all = true,
            _ => path = a,
        }
    }
    let Ok(raw) = std::fs::read_to_string(&path) else {
        println!("no PolNeAR data at {path}: skipped");
        return;
    };
    let articles: Vec<Article> = raw.lines().filter_map(|l| article(l, &split)).collect();
    if let Ok(needle) = std::env::var("QUOTES_DUMP") {
        for a in articles.iter().filter(|a| a.doc.text.contains(&needle)) {
            for q in sitrep_quotes::find_quotes(&a.doc) {
                println!(
                    "{:?} cue={:?} spk={:?} name={:?} :: {}",
                    q.kind,
                    q.cue.map(|c| c.of(&a.doc.text)),
                    q.speaker.map(|c| c.of(&a.doc.text)),
                    q.speaker_name,
                    q.text.chars().take(100).collect::<String>()
                );
            }
        }
        return;
    }
    let words: usize = articles.iter().map(|a| a.doc.word_count()).sum();
    let mut best = f64::MAX;
    let mut preds = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        preds = articles
            .iter()
            .map(|a| predict(&a.doc, all))
            .collect::<Vec<_>>();
        best = best.min(t.elapsed().as_secs_f64());
    }
    let t = Instant::now();
    for a in &articles {
        std::hint::black_box(sitrep_text::split_sentences(&a.doc.text));
    }
    let split_time = t.elapsed().as_secs_f64();
    println!(
        "PolNeAR {split}: {} articles, {words} words, {} gold attributions ({} direct)",
        articles.len(),
        articles.iter().map(|a| a.gold.len()).sum::<usize>(),
        articles
            .iter()
            .flat_map(|a| &a.gold)
            .filter(|g| g.direct)
            .count()
    );
    println!(
        "speed: {:.0} words/s (quotes only, one core), {:.0} words/s with sentence splitting",
        words as f64 / best,
        words as f64 / (best + split_time)
    );
    for (label, only_direct) in [("direct", true), ("all", false)] {
        report(label, only_direct, &articles, &preds);
    }
}

fn article(line: &str, split: &str) -> Option<Article> {
    let v: Value = serde_json::from_str(line).ok()?;
    if v["primary"].as_bool() != Some(true) || v["split"].as_str() != Some(split) {
        return None;
    }
    let text = v["text"].as_str()?.to_string();
    let bytes: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let conv = |x: &Value| -> Spans {
        x.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|p| {
                        let s = bytes.get(p[0].as_u64()? as usize)?;
                        let e = bytes.get(p[1].as_u64()? as usize)?;
                        Some((*s, *e))
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let gold = v["attributions"]
        .as_array()?
        .iter()
        .map(|a| Gold {
            content: conv(&a["content"]),
            source: conv(&a["source"]),
            direct: a["direct"].as_bool() == Some(true),
        })
        .filter(|g| !g.content.is_empty())
        .collect();
    let mut doc = Document::new(v["id"].as_str().unwrap_or("?"), text);
    doc.sentences = sitrep_text::split_sentences(&doc.text);
    Some(Article { doc, gold })
}

/// Quotes grouped by cue.
fn predict(doc: &Document, all: bool) -> Vec<Pred> {
    let mut out: Vec<(Option<Span>, Pred)> = Vec::new();
    let found = if all {
        sitrep_quotes::find_all_quotes(doc)
    } else {
        sitrep_quotes::find_quotes(doc)
    };
    for q in found {
        let speaker = q.speaker.or(q.antecedent);
        let direct = q.kind != QuoteKind::Indirect;
        let span = (q.outer.start(), q.outer.end());
        if let Some(p) = out.iter_mut().find(|(c, _)| q.cue.is_some() && *c == q.cue) {
            p.1.content.push(span);
            p.1.direct |= direct;
            continue;
        }
        out.push((
            q.cue,
            Pred {
                content: vec![span],
                speaker,
                direct,
            },
        ));
    }
    out.into_iter().map(|(_, p)| p).collect()
}

fn covered(spans: &Spans) -> Vec<(usize, usize)> {
    let mut v = spans.clone();
    v.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (s, e) in v {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

fn iou(a: &Spans, b: &Spans) -> f64 {
    let (a, b) = (covered(a), covered(b));
    let len = |v: &[(usize, usize)]| v.iter().map(|(s, e)| e - s).sum::<usize>();
    let mut inter = 0;
    for &(s, e) in &a {
        for &(t, f) in &b {
            inter += e.min(f).saturating_sub(s.max(t));
        }
    }
    let union = len(&a) + len(&b) - inter;
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

fn speaker_ok(p: &Pred, g: &Gold) -> bool {
    match p.speaker {
        None => g.source.is_empty(),
        Some(s) => g.source.iter().any(|&(a, b)| s.start() < b && a < s.end()),
    }
}

/// Greedy one-to-one matching by IoU: (matched, speaker-correct).
fn matches(preds: &[&Pred], gold: &[&Gold], threshold: f64, text: Option<&str>) -> (usize, usize) {
    let mut pairs = Vec::new();
    for (i, p) in preds.iter().enumerate() {
        for (j, g) in gold.iter().enumerate() {
            let x = iou(&p.content, &g.content);
            if x >= threshold {
                pairs.push((x, i, j));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (mut up, mut ug) = (vec![false; preds.len()], vec![false; gold.len()]);
    let (mut m, mut ok) = (0, 0);
    for (_, i, j) in pairs {
        if up[i] || ug[j] {
            continue;
        }
        up[i] = true;
        ug[j] = true;
        m += 1;
        ok += usize::from(speaker_ok(preds[i], gold[j]));
        if let Some(t) = text.filter(|_| !speaker_ok(preds[i], gold[j])) {
            debug_pair(t, preds[i], gold[j]);
        }
    }
    if let Some(t) = text.filter(|_| std::env::var_os("QUOTES_DEBUG_MISS").is_some()) {
        for (j, g) in gold.iter().enumerate().filter(|(j, _)| !ug[*j]) {
            let c: String = g
                .content
                .iter()
                .map(|&(s, e)| &t[s..e])
                .collect::<Vec<_>>()
                .join(" | ");
            let s0 = g.content[0].0;
            let mut b = s0.saturating_sub(80);
            while !t.is_char_boundary(b) {
                b -= 1;
            }
            let src: Vec<&str> = g.source.iter().map(|&(s, e)| &t[s..e]).collect();
            let best = preds
                .iter()
                .map(|p| iou(&p.content, &g.content))
                .fold(0.0, f64::max);
            let e0 = g.content[g.content.len() - 1].1;
            let mut a = (e0 + 70).min(t.len());
            while !t.is_char_boundary(a) {
                a -= 1;
            }
            println!("AFTER {}", t[e0..a].replace('\n', " "));
            println!(
                "MISS best={best:.2} gold#{j} src={src:?} <<{}>> {}",
                t[b..s0].replace('\n', " "),
                c.chars().take(120).collect::<String>().replace('\n', " ")
            );
        }
        for (i, p) in preds.iter().enumerate().filter(|(i, _)| !up[*i]) {
            let c: String = p
                .content
                .iter()
                .map(|&(s, e)| &t[s..e])
                .collect::<Vec<_>>()
                .join(" | ");
            println!(
                "FALSE pred#{i}: {}",
                c.chars().take(160).collect::<String>().replace('\n', " ")
            );
        }
    }
    (m, ok)
}

fn debug_pair(t: &str, p: &Pred, g: &Gold) {
    let src: Vec<&str> = g.source.iter().map(|&(s, e)| &t[s..e]).collect();
    let ours = p.speaker.map_or("-", |s| s.of(t));
    let (cs, ce) = g.content[0];
    let ctx_end = (ce + 60).min(t.len());
    let mut ctx_end2 = ctx_end;
    while !t.is_char_boundary(ctx_end2) {
        ctx_end2 -= 1;
    }
    let snippet: String = t[cs..ctx_end2]
        .chars()
        .rev()
        .take(110)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    println!(
        "SPK gold={src:?} ours={ours:?} :: ...{}",
        snippet.replace('\n', " ")
    );
}

fn report(label: &str, only_direct: bool, articles: &[Article], preds: &[Vec<Pred>]) {
    let (mut np, mut ng) = (0, 0);
    let mut m = [(0, 0); 2];
    for (a, ps) in articles.iter().zip(preds) {
        let g: Vec<&Gold> = a.gold.iter().filter(|g| g.direct || !only_direct).collect();
        let p: Vec<&Pred> = ps.iter().filter(|p| p.direct || !only_direct).collect();
        np += p.len();
        ng += g.len();
        for (k, t) in [0.3, 0.8].into_iter().enumerate() {
            let debug = (k == 0 && only_direct && std::env::var_os("QUOTES_DEBUG").is_some())
                .then_some(a.doc.text.as_str());
            let (x, y) = matches(&p, &g, t, debug);
            m[k].0 += x;
            m[k].1 += y;
        }
    }
    let f = |x: usize| 2.0 * x as f64 / (np + ng).max(1) as f64 * 100.0;
    let pr = |x: usize| {
        (
            100.0 * x as f64 / np.max(1) as f64,
            100.0 * x as f64 / ng.max(1) as f64,
        )
    };
    println!("== gold {label}: {ng} gold, {np} predicted");
    for (k, t) in ["0.3", "0.8"].iter().enumerate() {
        let (p, r) = pr(m[k].0);
        println!("  content IoU>={t}: P {p:.1} R {r:.1} F1 {:.1}", f(m[k].0));
    }
    let (p, r) = pr(m[0].1);
    println!(
        "  speaker accuracy on matched (IoU>=0.3): {:.1}%",
        100.0 * m[0].1 as f64 / m[0].0.max(1) as f64
    );
    println!(
        "  content+speaker (IoU>=0.3): P {p:.1} R {r:.1} F1 {:.1}",
        f(m[0].1)
    );
}
