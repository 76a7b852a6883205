//! What one FTL text defines: its messages with the variables each uses,
//! and its syntax errors with their line numbers.

use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast::{
    CallArguments, Entry, Expression, InlineExpression, Pattern, PatternElement,
};
use serde::Serialize;

/// A syntax error: the entry around it is dropped at run time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SyntaxError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// Messages by id, each with the variables (`$count`) its value, variants
/// and attributes use.
pub type Messages = BTreeMap<String, BTreeSet<String>>;

/// Parses `text` (read from `file`) into its messages and syntax errors.
pub fn analyse(file: &str, text: &str) -> (Messages, Vec<SyntaxError>) {
    let (resource, errors) = match fluent_syntax::parser::parse(text) {
        Ok(resource) => (resource, Vec::new()),
        Err((resource, errors)) => (resource, errors),
    };
    let errors = errors
        .into_iter()
        .map(|e| SyntaxError {
            file: file.to_owned(),
            line: line_of(text, e.pos.start),
            message: e.to_string(),
        })
        .collect();
    let mut messages = Messages::new();
    for entry in &resource.body {
        if let Entry::Message(m) = entry {
            let mut vars = BTreeSet::new();
            if let Some(value) = &m.value {
                pattern_vars(value, &mut vars);
            }
            for attribute in &m.attributes {
                pattern_vars(&attribute.value, &mut vars);
            }
            messages.insert(m.id.name.to_owned(), vars);
        }
    }
    (messages, errors)
}

fn line_of(text: &str, byte: usize) -> usize {
    let end = byte.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

fn pattern_vars(pattern: &Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_vars(expression, out);
        }
    }
}

fn expression_vars(expression: &Expression<&str>, out: &mut BTreeSet<String>) {
    match expression {
        Expression::Select { selector, variants } => {
            inline_vars(selector, out);
            for variant in variants {
                pattern_vars(&variant.value, out);
            }
        }
        Expression::Inline(inline) => inline_vars(inline, out),
    }
}

fn inline_vars(inline: &InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match inline {
        InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_owned());
        }
        InlineExpression::FunctionReference { arguments, .. } => arguments_vars(arguments, out),
        InlineExpression::TermReference {
            arguments: Some(arguments),
            ..
        } => arguments_vars(arguments, out),
        InlineExpression::Placeable { expression } => expression_vars(expression, out),
        _ => {}
    }
}

fn arguments_vars(arguments: &CallArguments<&str>, out: &mut BTreeSet<String>) {
    for positional in &arguments.positional {
        inline_vars(positional, out);
    }
    for named in &arguments.named {
        inline_vars(&named.value, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables_of_values_variants_and_attributes() {
        let (messages, errors) = analyse(
            "t.ftl",
            "a = plain\nb = { $count ->\n    [one] one { $what }\n   *[other] { $count } { NUMBER($n) }\n}\nc = x\n    .title = { $who }\n",
        );
        assert!(errors.is_empty());
        let vars = |k: &str| messages[k].iter().cloned().collect::<Vec<_>>();
        assert!(vars("a").is_empty());
        assert_eq!(vars("b"), ["count", "n", "what"]);
        assert_eq!(vars("c"), ["who"]);
    }

    #[test]
    fn syntax_errors_name_their_line_and_keep_the_rest() {
        let (messages, errors) = analyse("x.ftl", "good = yes\n\nbad = { $\nafter = fine\n");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 3);
        assert!(messages.contains_key("good") && messages.contains_key("after"));
        assert!(!messages.contains_key("bad"));
    }
}
