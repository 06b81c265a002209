//! `sitrep export --format parquet`: events, facts, actors and documents as Parquet
//! files (Snappy-compressed), with typed columns: counts as Int64, scores as Float64,
//! `contested` as Boolean, absent values as nulls, and lists (claimants, supporting
//! events) as `; `-separated text. Rows are written in row groups of [`GROUP`], so the
//! export never holds a whole table in memory.

use anyhow::Context;
use arrow_array::builder::{BooleanBuilder, Float64Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use sitrep_model::ActorRef;
use sitrep_store::query::{ActorHit, EventHit, Filter, MAX_LIMIT};
use sitrep_store::Store;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Rows per row group.
const GROUP: usize = 8192;

/// One cell of a row.
enum V<'a> {
    S(Option<&'a str>),
    I(i64),
    F(f64),
    B(bool),
}

/// A column being filled.
enum Col {
    S(StringBuilder),
    I(Int64Builder),
    F(Float64Builder),
    B(BooleanBuilder),
}

impl Col {
    fn new(t: &DataType) -> Col {
        match t {
            DataType::Int64 => Col::I(Int64Builder::new()),
            DataType::Float64 => Col::F(Float64Builder::new()),
            DataType::Boolean => Col::B(BooleanBuilder::new()),
            _ => Col::S(StringBuilder::new()),
        }
    }

    fn push(&mut self, v: &V<'_>) -> anyhow::Result<()> {
        match (self, v) {
            (Col::S(b), V::S(s)) => b.append_option(*s),
            (Col::I(b), V::I(n)) => b.append_value(*n),
            (Col::F(b), V::F(x)) => b.append_value(*x),
            (Col::B(b), V::B(x)) => b.append_value(*x),
            _ => anyhow::bail!("a Parquet cell does not match its column type"),
        }
        Ok(())
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            Col::S(b) => Arc::new(b.finish()),
            Col::I(b) => Arc::new(b.finish()),
            Col::F(b) => Arc::new(b.finish()),
            Col::B(b) => Arc::new(b.finish()),
        }
    }
}

/// One Parquet file being written.
struct Sheet {
    path: PathBuf,
    schema: Arc<Schema>,
    cols: Vec<Col>,
    writer: ArrowWriter<File>,
    pending: usize,
    rows: usize,
}

impl Sheet {
    fn create(dir: &Path, name: &str, fields: &[(&str, DataType)]) -> anyhow::Result<Sheet> {
        let path = dir.join(format!("{name}.parquet"));
        let schema = Arc::new(Schema::new(
            fields
                .iter()
                .map(|(n, t)| Field::new(*n, t.clone(), matches!(t, DataType::Utf8)))
                .collect::<Vec<_>>(),
        ));
        let file = File::create(&path).with_context(|| format!("creating {}", path.display()))?;
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .build();
        let writer = ArrowWriter::try_new(file, Arc::clone(&schema), Some(props))?;
        Ok(Sheet {
            path,
            cols: fields.iter().map(|(_, t)| Col::new(t)).collect(),
            schema,
            writer,
            pending: 0,
            rows: 0,
        })
    }

    fn push(&mut self, row: &[V<'_>]) -> anyhow::Result<()> {
        anyhow::ensure!(
            row.len() == self.cols.len(),
            "a Parquet row has the wrong width"
        );
        for (col, v) in self.cols.iter_mut().zip(row) {
            col.push(v)?;
        }
        self.pending += 1;
        self.rows += 1;
        if self.pending >= GROUP {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> anyhow::Result<()> {
        if self.pending == 0 {
            return Ok(());
        }
        let arrays = self.cols.iter_mut().map(Col::finish).collect();
        let batch = RecordBatch::try_new(Arc::clone(&self.schema), arrays)?;
        self.writer
            .write(&batch)
            .with_context(|| format!("writing {}", self.path.display()))?;
        self.pending = 0;
        Ok(())
    }

    fn finish(mut self) -> anyhow::Result<(PathBuf, usize)> {
        self.flush()?;
        self.writer
            .close()
            .with_context(|| format!("finishing {}", self.path.display()))?;
        Ok((self.path, self.rows))
    }
}

/// Writes the four tables into `dir`.
pub fn write(store: &Store, dir: &Path) -> anyhow::Result<Vec<(PathBuf, usize)>> {
    Ok(vec![
        events(store, dir)?,
        facts(store, dir)?,
        actors(store, dir)?,
        documents(store, dir)?,
    ])
}

fn events(store: &Store, dir: &Path) -> anyhow::Result<(PathBuf, usize)> {
    use DataType::{Float64 as F, Int64 as I, Utf8 as S};
    let mut sheet = Sheet::create(
        dir,
        "events",
        &[
            ("doc", S),
            ("index", I),
            ("date", S),
            ("published", S),
            ("outlet", S),
            ("title", S),
            ("url", S),
            ("source_code", S),
            ("source_name", S),
            ("target_code", S),
            ("target_name", S),
            ("cameo", S),
            ("root", S),
            ("plover", S),
            ("quad_class", I),
            ("goldstein", F),
            ("object", S),
            ("modality", S),
            ("claimant_code", S),
            ("claimant_name", S),
            ("rule", S),
            ("confidence", F),
            ("evidence", S),
            ("fact", S),
        ],
    )?;
    store.for_each_event_hit(|h: EventHit| {
        let e = &h.event;
        sheet.push(&[
            V::S(Some(&h.doc)),
            V::I(i64::from(h.index)),
            V::S(h.date.as_deref()),
            V::S(h.published.as_deref()),
            V::S(h.outlet.as_deref()),
            V::S(h.title.as_deref()),
            V::S(h.url.as_deref()),
            V::S(code(&e.source)),
            V::S(name(&e.source)),
            V::S(code(&e.target)),
            V::S(name(&e.target)),
            V::S(Some(&e.cameo)),
            V::S(Some(&e.root)),
            V::S(Some(&e.plover)),
            V::I(i64::from(e.quad_class)),
            V::F(wide(e.goldstein)),
            V::S(e.object.as_deref()),
            V::S(Some(e.modality.as_str())),
            V::S(code(&e.claimant)),
            V::S(name(&e.claimant)),
            V::S(Some(&e.rule)),
            V::F(wide(e.confidence)),
            V::S(Some(&e.evidence_text)),
            V::S(h.fact.as_deref()),
        ])
    })?;
    sheet.finish()
}

/// An `f32` as the `f64` its decimal text means (8.3, not 8.300000190734863).
fn wide(x: f32) -> f64 {
    x.to_string().parse().unwrap_or(f64::from(x))
}

fn code(a: &Option<ActorRef>) -> Option<&str> {
    a.as_ref().map(|a| a.code.as_str())
}

fn name(a: &Option<ActorRef>) -> Option<&str> {
    a.as_ref().map(|a| a.name.as_str())
}

fn facts(store: &Store, dir: &Path) -> anyhow::Result<(PathBuf, usize)> {
    use DataType::{Boolean as B, Int64 as I, Utf8 as S};
    let mut sheet = Sheet::create(
        dir,
        "facts",
        &[
            ("id", S),
            ("rank", I),
            ("source", S),
            ("source_name", S),
            ("target", S),
            ("target_name", S),
            ("root", S),
            ("cameo", S),
            ("plover", S),
            ("quad_class", I),
            ("label", S),
            ("objects", S),
            ("mentions", I),
            ("documents", I),
            ("outlets", I),
            ("origins", I),
            ("contested", B),
            ("first_seen", S),
            ("last_seen", S),
            ("asserted_by", S),
            ("hedged_by", S),
            ("denied_by", S),
            ("events", S),
        ],
    )?;
    for (rank, f) in store.facts()?.iter().enumerate() {
        let events: Vec<String> = f
            .events
            .iter()
            .map(|e| format!("{}:{}", e.doc, e.event))
            .collect();
        sheet.push(&[
            V::S(Some(&f.id)),
            V::I(rank as i64),
            V::S(Some(&f.source)),
            V::S(Some(&f.source_name)),
            V::S(Some(&f.target)),
            V::S(Some(&f.target_name)),
            V::S(Some(&f.root)),
            V::S(Some(&f.cameo)),
            V::S(Some(&f.plover)),
            V::I(i64::from(f.quad_class)),
            V::S(Some(&f.label)),
            V::S(Some(&f.objects.join("; "))),
            V::I(i64::from(f.mentions)),
            V::I(i64::from(f.documents)),
            V::I(i64::from(f.outlets)),
            V::I(i64::from(f.origins)),
            V::B(f.contested),
            V::S(f.first_seen.as_deref()),
            V::S(f.last_seen.as_deref()),
            V::S(Some(&f.asserted_by.join("; "))),
            V::S(Some(&f.hedged_by.join("; "))),
            V::S(Some(&f.denied_by.join("; "))),
            V::S(Some(&events.join("; "))),
        ])?;
    }
    sheet.finish()
}

fn actors(store: &Store, dir: &Path) -> anyhow::Result<(PathBuf, usize)> {
    use DataType::{Int64 as I, Utf8 as S};
    let mut sheet = Sheet::create(
        dir,
        "actors",
        &[
            ("name", S),
            ("code", S),
            ("kind", S),
            ("documents", I),
            ("mentions", I),
            ("as_source", I),
            ("as_target", I),
            ("as_claimant", I),
        ],
    )?;
    let mut filter = Filter {
        limit: MAX_LIMIT,
        ..Filter::default()
    };
    loop {
        let page = store.query_actors(&filter)?;
        for a in &page.items {
            push_actor(&mut sheet, a)?;
        }
        if page.items.len() < MAX_LIMIT {
            break;
        }
        filter.offset += MAX_LIMIT;
    }
    sheet.finish()
}

fn push_actor(sheet: &mut Sheet, a: &ActorHit) -> anyhow::Result<()> {
    let n = |x: u64| V::I(i64::try_from(x).unwrap_or(i64::MAX));
    sheet.push(&[
        V::S(Some(&a.name)),
        V::S(Some(&a.code)),
        V::S(Some(&a.kind)),
        n(a.documents),
        n(a.mentions),
        n(a.as_source),
        n(a.as_target),
        n(a.as_claimant),
    ])
}

fn documents(store: &Store, dir: &Path) -> anyhow::Result<(PathBuf, usize)> {
    use DataType::Utf8 as S;
    let mut sheet = Sheet::create(
        dir,
        "documents",
        &[
            ("id", S),
            ("source", S),
            ("title", S),
            ("outlet", S),
            ("published", S),
            ("copy_of", S),
        ],
    )?;
    for d in store.documents()? {
        sheet.push(&[
            V::S(Some(&d.id)),
            V::S(Some(&d.source)),
            V::S(d.title.as_deref()),
            V::S(d.outlet.as_deref()),
            V::S(d.published.as_ref().map(|p| p.value.as_str())),
            V::S(d.copy_of.as_deref()),
        ])?;
    }
    sheet.finish()
}

#[cfg(test)]
mod tests {
    use arrow_array::cast::AsArray;
    use arrow_array::types::{Float64Type, Int64Type};
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

    #[test]
    fn tables_read_back_with_types() {
        let dir = tempfile::tempdir().unwrap();
        let s = super::super::tests::store(dir.path());
        let written = super::write(&s, dir.path()).unwrap();
        let rows: Vec<usize> = written.iter().map(|(_, n)| *n).collect();
        assert_eq!(rows, [1, 1, 0, 1]);
        let file = std::fs::File::open(dir.path().join("events.parquet")).unwrap();
        let reader = ParquetRecordBatchReaderBuilder::try_new(file)
            .unwrap()
            .build()
            .unwrap();
        let batches: Vec<_> = reader.map(Result::unwrap).collect();
        assert_eq!(batches.len(), 1);
        let b = &batches[0];
        assert_eq!(b.num_rows(), 1);
        let col = |name: &str| b.column(b.schema().index_of(name).unwrap()).clone();
        assert_eq!(col("cameo").as_string::<i32>().value(0), "072");
        assert_eq!(col("quad_class").as_primitive::<Int64Type>().value(0), 2);
        assert_eq!(col("claimant_code").as_string::<i32>().value(0), "USAGOV");
        let goldstein = col("goldstein");
        assert_eq!(goldstein.as_primitive::<Float64Type>().value(0), 8.3);
        assert!(col("date").is_null(0));
        let facts = std::fs::File::open(dir.path().join("facts.parquet")).unwrap();
        let mut reader = ParquetRecordBatchReaderBuilder::try_new(facts)
            .unwrap()
            .build()
            .unwrap();
        let f = reader.next().unwrap().unwrap();
        let contested = f.column(f.schema().index_of("contested").unwrap());
        assert!(!contested.as_boolean().value(0));
        let events = f.column(f.schema().index_of("events").unwrap());
        assert_eq!(events.as_string::<i32>().value(0), "d:0");
    }
}
