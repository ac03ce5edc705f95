//! Walking a parsed XML document without recursion: a hostile file nests elements a hundred
//! thousand deep in a few hundred kilobytes, and a recursive walk would overflow the stack
//! and abort the whole run. roxmltree 0.21 parses such nesting without recursion, and its
//! links (first child, next sibling, parent) let a walk go down and back up in constant
//! space; a reader keeps only what it needs per open element.

use roxmltree::Node;

/// One step of a walk: entering a node, or leaving it after its descendants.
#[derive(Clone, Copy, Debug)]
pub enum Edge<'a, 'i> {
    Open(Node<'a, 'i>),
    Close(Node<'a, 'i>),
}

/// Visits `root` and its descendants in document order: each node is opened and, after its
/// descendants, closed (leaves too). `visit` returning false on an `Open` leaves that node's
/// descendants out; the node is still closed. What it returns on a `Close` is ignored.
pub fn walk<'a, 'i>(root: Node<'a, 'i>, mut visit: impl FnMut(Edge<'a, 'i>) -> bool) {
    let mut node = root;
    let mut descend = visit(Edge::Open(node));
    loop {
        if descend && let Some(child) = node.first_child() {
            node = child;
            descend = visit(Edge::Open(node));
            continue;
        }
        loop {
            visit(Edge::Close(node));
            if node.id() == root.id() {
                return;
            }
            if let Some(next) = node.next_sibling() {
                node = next;
                descend = visit(Edge::Open(node));
                break;
            }
            match node.parent() {
                Some(parent) => node = parent,
                None => return,
            }
        }
    }
}

/// The outermost elements under `root` (itself included) that `wanted` says yes to, in
/// document order; `enter` says which other elements to look inside.
pub fn find<'a, 'i>(
    root: Node<'a, 'i>,
    wanted: impl Fn(Node<'a, 'i>) -> bool,
    enter: impl Fn(Node<'a, 'i>) -> bool,
) -> Vec<Node<'a, 'i>> {
    let mut found = Vec::new();
    walk(root, |edge| match edge {
        Edge::Open(n) if n.is_element() => {
            if wanted(n) {
                found.push(n);
                false
            } else {
                enter(n)
            }
        }
        _ => true,
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edges(xml: &str, skip: &str) -> Vec<String> {
        let doc = roxmltree::Document::parse(xml).unwrap();
        let mut out = Vec::new();
        walk(doc.root_element(), |e| match e {
            Edge::Open(n) => {
                out.push(format!("+{}", n.tag_name().name()));
                n.tag_name().name() != skip
            }
            Edge::Close(n) => {
                out.push(format!("-{}", n.tag_name().name()));
                true
            }
        });
        out
    }

    #[test]
    fn edges_in_document_order_and_subtrees_left_out() {
        let xml = "<a><b>t</b><c><d/></c></a>";
        assert_eq!(
            edges(xml, ""),
            ["+a", "+b", "+", "-", "-b", "+c", "+d", "-d", "-c", "-a"]
        );
        assert_eq!(
            edges(xml, "c"),
            ["+a", "+b", "+", "-", "-b", "+c", "-c", "-a"]
        );
    }

    #[test]
    fn any_depth() {
        let deep = format!("{}{}", "<g>".repeat(200_000), "</g>".repeat(200_000));
        let doc = roxmltree::Document::parse(&deep).unwrap();
        let mut steps = 0;
        walk(doc.root_element(), |_| {
            steps += 1;
            true
        });
        assert_eq!(steps, 400_000);
        let outer = find(doc.root(), |n| n.has_tag_name("g"), |_| true);
        assert_eq!(outer.len(), 1, "only the outermost");
    }
}
