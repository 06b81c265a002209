//! Debug: prints the ancestor chain (tag, class, id) of the first text node containing a needle.
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let html = std::fs::read_to_string(&a[1]).unwrap_or_default();
    let dom = scraper::Html::parse_document(&html);
    for n in dom.tree.root().descendants() {
        if let Some(t) = n.value().as_text() {
            if t.contains(a[2].as_str()) {
                for anc in n.ancestors() {
                    if let Some(e) = anc.value().as_element() {
                        println!("{} class={:?} id={:?} hidden={:?} style={:?}", e.name(), e.attr("class"), e.id(), e.attr("aria-hidden"), e.attr("style"));
                    }
                }
                break;
            }
        }
    }
}
