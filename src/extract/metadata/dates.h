// Dates a page shows or implies beyond its markup, and the ranking of all date sources into
// `published` and `modified`: dates shown by the title, labelled dates, "originally published"
// notes, dates in state scripts, the day in the URL. Deviation: the publication day a reader is
// shown wins over a later markup stamp (themes stamp the build or update time).
#pragma once

#include <string>
#include <string_view>

#include "extract/html_document.h"
#include "extract/metadata/page_walk.h"
#include "extract/metadata/sources.h"

namespace llmtwin::metadata {

// Whether two normalised dates are one day read in the two numeric orders.
bool SameDayWithMonthAndDaySwapped(std::string_view a, std::string_view b);
// The day a post's URL names, as "YYYY-MM-DD", or "".
std::string DateInUrl(std::string_view url);
// Words with a letter in them.
int LetterWords(std::string_view s);
// A text piece that is a date as pages show it, not a sentence that mentions one.
std::string DateFromPiece(std::string_view piece, bool allow_updated = false, bool day_first = false);
// The first date shown just after (or just before) the title's <h1>.
std::string VisibleDateNearTitle(const Evidence& ev, const std::string& title, bool allow_updated = false,
                                 int forward_budget = 150, bool look_back = true, std::string* shown_text = nullptr);
// The date a page says its article was first published on ("originally published on ...").
std::string OriginallyPublishedDate(const Evidence& ev);
// A labelled date ("Posted on April 13, 2023") or one beside the byline's name.
std::string DateByLabelOrByline(const HtmlDocument& document, const std::string& author, bool day_first);
// Publication dates in a page's state scripts (Next.js, Contentful, WordPress REST payloads).
std::string ScriptDate(const HtmlDocument& document);

// Sets `meta.published` (title and authors already chosen: the byline's date sits by them).
void ChoosePublished(const PageSources& sources);
// Sets `meta.modified`.
void ChooseModified(const PageSources& sources);

}  // namespace llmtwin::metadata
