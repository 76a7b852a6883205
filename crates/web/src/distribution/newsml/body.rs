//! A story's body as the XHTML document a text item carries inline: the
//! headline as its title and `distribution::body`'s fragment, the one
//! every format shares, as its body.

use std::io;

use quick_xml::events::{BytesText, Event};

use super::{text, Provider, Xml};
use crate::distribution::{body, Story};

const XHTML_NAMESPACE: &str = "http://www.w3.org/1999/xhtml";

/// `<html xmlns="…xhtml">` with the headline as title and the body.
pub(super) fn xhtml(
    xml: &mut Xml,
    story: &Story,
    provider: Provider<'_>,
    language: &str,
) -> io::Result<()> {
    let fragment = body::html(&story.article.body, story, provider.urls());
    xml.create_element("html")
        .with_attribute(("xmlns", XHTML_NAMESPACE))
        .with_attribute(("xml:lang", language))
        .with_attribute(("lang", language))
        .write_inner_content(|xml| {
            xml.create_element("head")
                .write_inner_content(|xml| text(xml, "title", &story.article.headline))?;
            xml.create_element("body").write_inner_content(|xml| {
                // Written by a `Writer`, so it is escaped, well-formed XML already.
                xml.write_event(Event::Text(BytesText::from_escaped(fragment)))
            })?;
            Ok(())
        })?;
    Ok(())
}
