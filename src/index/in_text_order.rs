//! Tokens in text order, for cutting snippets. The index's tokenizer gives a
//! hyphenated compound whole after its parts; tantivy's snippet generator
//! needs offsets that only grow (see [`InTextOrder`]).

use std::collections::VecDeque;

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// The analyser's tokens in the order they stand in the text. The index's
/// tokenizer gives a hyphenated compound whole after its parts ("e", "mail",
/// then "email" over both), and tantivy's snippet generator takes offsets to
/// only grow: a passage starting at "mail" then took "email" in, a highlight
/// starting before its passage (an overflow in debug builds, garbage ranges
/// in release ones). Snippets need offsets, not positions, so each compound
/// is moved back before its parts. Only words beside a hyphen are held back
/// to do it; every other token passes straight through (sorting every token
/// of every hit's text cost 11–28% of a whole search's instructions).
#[derive(Clone)]
pub struct InTextOrder<T>(pub T);

impl<T: Tokenizer> Tokenizer for InTextOrder<T> {
    type TokenStream<'a> = TokensInOrder<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        TokensInOrder {
            text: text.as_bytes(),
            inner: self.0.token_stream(text),
            held: VecDeque::new(),
            spare: Token::default(),
            current: Token::default(),
            current_is_inner: false,
            hyphen_before: false,
            compound_open: false,
            last_from: 0,
            done: false,
        }
    }
}

/// The tokens of [`InTextOrder`].
pub struct TokensInOrder<'a, S> {
    text: &'a [u8],
    inner: S,
    /// The parts of a compound read so far, in text order.
    held: VecDeque<Token>,
    /// A token whose text buffer the next one read reuses.
    spare: Token,
    current: Token,
    /// Whether the token given is the inner stream's own (most are: moving
    /// it out and back would cost more than the rest of this stream).
    current_is_inner: bool,
    /// Whether the last token read was followed by a hyphen, which makes
    /// the next one a compound's part.
    hyphen_before: bool,
    /// Whether more parts, or the compound whole, may still come.
    compound_open: bool,
    /// Where the last token given starts: no later one starts before it.
    last_from: usize,
    done: bool,
}

impl<S: TokenStream> TokensInOrder<'_, S> {
    fn give(&mut self, mut token: Token) -> bool {
        std::mem::swap(&mut self.current, &mut token);
        self.spare = token;
        self.current_is_inner = false;
        self.last_from = clamp(&mut self.current, self.last_from);
        true
    }
}

impl<S: TokenStream> TokenStream for TokensInOrder<'_, S> {
    fn advance(&mut self) -> bool {
        loop {
            if !self.compound_open || self.done {
                if let Some(token) = self.held.pop_front() {
                    return self.give(token);
                }
            }
            if self.done || !self.inner.advance() {
                self.done = true;
                if self.held.is_empty() {
                    return false;
                }
                continue;
            }
            let read = self.inner.token();
            let hyphen_after = self.text.get(read.offset_to) == Some(&b'-');
            let beside_hyphen = hyphen_after || self.hyphen_before;
            self.hyphen_before = hyphen_after;
            // In order already: words not in a compound follow each other.
            if self.held.is_empty() && !beside_hyphen {
                self.current_is_inner = true;
                self.last_from = read.offset_from;
                return true;
            }
            let mut token = std::mem::take(&mut self.spare);
            std::mem::swap(&mut token, self.inner.token_mut());
            // A compound given whole starts before the parts held: it goes
            // after its first part (which starts where it does) and closes
            // the group.
            let whole = self
                .held
                .back()
                .is_some_and(|last| token.offset_from < last.offset_from);
            let at = self
                .held
                .iter()
                .rposition(|held| held.offset_from <= token.offset_from)
                .map_or(0, |before| before + 1);
            self.held.insert(at, token);
            self.compound_open = !whole && beside_hyphen;
        }
    }

    fn token(&self) -> &Token {
        if self.current_is_inner {
            self.inner.token()
        } else {
            &self.current
        }
    }

    fn token_mut(&mut self) -> &mut Token {
        if self.current_is_inner {
            self.inner.token_mut()
        } else {
            &mut self.current
        }
    }
}

/// Keeps a token from starting before `last_from`, whatever a longer run of
/// parts than expected might do; returns where it now starts.
fn clamp(token: &mut Token, last_from: usize) -> usize {
    token.offset_from = token.offset_from.max(last_from);
    token.offset_to = token.offset_to.max(token.offset_from);
    token.offset_from
}
