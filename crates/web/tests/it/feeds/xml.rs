//! A feed document as a tree, read with quick-xml: anything not
//! well-formed fails the test.

use quick_xml::events::Event;

/// An element of a feed: its name, attributes, text and children.
#[derive(Debug, Default)]
pub struct Node {
    pub name: String,
    attrs: Vec<(String, String)>,
    pub text: String,
    pub children: Vec<Node>,
}

impl Node {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn all(&self, name: &str) -> std::vec::IntoIter<&Node> {
        let found: Vec<&Node> = self.children.iter().filter(|c| c.name == name).collect();
        found.into_iter()
    }

    pub fn one(&self, name: &str) -> &Node {
        let mut found = self.all(name);
        let node = found
            .next()
            .unwrap_or_else(|| panic!("no <{name}> in <{}>", self.name));
        assert!(found.next().is_none(), "more than one <{name}>");
        node
    }

    pub fn texts(&self, name: &str) -> Vec<&str> {
        self.all(name).map(|n| n.text.as_str()).collect()
    }
}

/// The document as a tree; fails on anything not well-formed.
pub fn parse_xml(xml: &str) -> Node {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut stack = vec![Node::default()];
    let node_of = |e: &quick_xml::events::BytesStart<'_>| Node {
        name: e.name().as_ref().to_owned(),
        attrs: e
            .attributes()
            .map(|a| {
                let a = a.expect("a well-formed attribute");
                let value = a
                    .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .expect("an escaped attribute");
                (a.key.as_ref().to_owned(), value.into_owned())
            })
            .collect(),
        ..Node::default()
    };
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => stack.push(node_of(&e)),
            Event::Empty(e) => {
                let node = node_of(&e);
                stack.last_mut().unwrap().children.push(node);
            }
            Event::End(_) => {
                let mut node = stack.pop().unwrap();
                node.text = node.text.trim().to_owned();
                stack.last_mut().unwrap().children.push(node);
            }
            Event::Text(t) => {
                let text = t.xml10_content();
                stack.last_mut().unwrap().text.push_str(&text);
            }
            Event::GeneralRef(r) => {
                let text = match r.resolve_char_ref().expect("a good reference") {
                    Some(c) => c.to_string(),
                    None => quick_xml::escape::resolve_xml_entity(&r.xml10_content())
                        .expect("a predefined entity")
                        .to_owned(),
                };
                stack.last_mut().unwrap().text.push_str(&text);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(stack.len(), 1, "every element closed");
    let mut root = stack.pop().unwrap();
    assert_eq!(root.children.len(), 1, "one root element");
    root.children.pop().unwrap()
}
