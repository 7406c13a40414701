// Small string helpers shared by the extraction code: whitespace (including U+00A0 and the other
// Unicode spaces pages use), case folding of ASCII, and UTF-8 aware length counting.
//
// Only ASCII is case-folded: class names, tag names and the words we match in them are ASCII, and
// a full Unicode case map would cost more than the whole parse.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <libxml/tree.h>

namespace llmtwin::text {

// Length in bytes of a Unicode space sequence at s[i] (ASCII whitespace, U+00A0, U+2000..U+200B,
// U+202F, U+205F, U+3000, U+FEFF), or 0.
size_t SpaceAt(std::string_view s, size_t i);

// Collapses runs of whitespace to one ASCII space and trims both ends.
std::string CollapseWhitespace(std::string_view s);
// Appends `s` to `out` collapsing whitespace; `pending_space` carries a space across calls.
void AppendCollapsed(std::string& out, std::string_view s, bool& pending_space);

std::string_view Trim(std::string_view s);
std::string ToLower(std::string_view s);
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix);
// Whether lower-case `needle` occurs in `haystack` ignoring ASCII case.
bool ContainsIgnoreCase(std::string_view haystack, std::string_view lower_needle);

// Number of code points (not bytes).
size_t Utf8Length(std::string_view s);
// Number of ',' and '，' (CJK) separators: the comma count of the readability score.
int CountCommas(std::string_view s);
// Number of words (runs of letters/digits, any non-ASCII byte counts as a letter).
int CountWords(std::string_view s);

// The UTF-8 sequence starting at s[i] (a byte >= 0x80): sets `length` to how long its lead byte
// says it is (0 for a byte that cannot lead one) and returns how many of its bytes are valid, so a
// whole valid character returns `length` (overlong forms, surrogates and values past U+10FFFF do
// not; a sequence cut by the end of `s` returns fewer).
size_t Utf8SequenceAt(const unsigned char* s, size_t n, size_t i, size_t& length);

// Undoes UTF-8 that was decoded as Latin-1/Windows-1252 and encoded again ("Investorâ\u0080\u0099s"
// -> "Investor’s"): every run of code points U+0080..U+00FF whose bytes form one valid UTF-8
// character is replaced by that character. Legitimate text never has such runs (they would be
// "Ã" or "â" followed by C1 control characters), so correct strings pass through unchanged.
std::string RepairDoubleEncodedUtf8(std::string_view s);

// Whether `s` (trimmed) is only a permalink mark: the "¶", "#", "§" or "🔗" that documentation
// generators (Sphinx, MkDocs, Docusaurus) link beside every heading. Not content, and not part of
// the heading's text.
bool IsPermalinkMark(std::string_view s);
// `s` without a permalink mark at its end ("Evolve: Shared Mutable History¶").
std::string_view WithoutTrailingPermalinkMark(std::string_view s);

std::vector<std::string> Split(std::string_view s, char separator);
std::string Join(const std::vector<std::string>& parts, std::string_view separator);

// The next node of a pre-order walk inside `root` that does not descend into `node`: its next
// sibling, or the next sibling of the nearest ancestor below `root` that has one; nullptr at the end.
// Every iterative tree walk of this layer advances with it (no recursion: pages nest 100,000 deep).
xmlNodePtr NextSkippingChildren(xmlNodePtr node, const xmlNode* root);

}  // namespace llmtwin::text
