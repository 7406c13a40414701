// Where a page shows who wrote it, beyond its metadata: byline elements, links to author pages,
// a labelled block near the title, a byline written into a sentence ("Posted by David at ..."),
// the site's own name for a personal site, and a personal site's copyright line. Each finder
// looks a bounded distance (text nodes, elements) so hostile pages stay linear.
#pragma once

#include <libxml/tree.h>

#include <string>
#include <string_view>
#include <vector>

#include "extract/html_document.h"
#include "extract/metadata/page_walk.h"

namespace llmtwin::metadata {

// The name in a byline element: a marked-up name, else the first text piece that reads as a name.
std::string BylineName(const HtmlNode& byline);
// The block element (a few levels up at most) around the first link to an author page.
xmlNodePtr AuthorLinkBlock(const Evidence& ev);
// The text of that block when it is a short byline, else "".
std::string AuthorLinkBlockText(const Evidence& ev);
// The names linked to author pages in that block, in order, repeats included.
std::vector<std::string> AuthorLinkNameList(const Evidence& ev);
// Those names as that byline writes them; "" when there is none.
std::string AuthorLinkNames(const Evidence& ev);
// The names in a short block that opens with a byline label near the title's <h1>, as written.
std::string BylineNearTitle(const Evidence& ev, const std::string& title, int forward_budget = 150);
// The names of the byline right under the title's <h1>; whole names only.
std::string BylineUnderTitle(const Evidence& ev, const std::string& title);
// A byline written into a sentence ("Posted by David at 11:15 AM").
std::string BylineInASentence(const HtmlDocument& document, std::string_view description);
// The name a site goes by when it is a person's name (og:site_name or the <title>'s end).
std::string SiteAsAuthor(std::string_view title_tag, const std::string& site_name);
// The person a personal site's copyright line names ("© 2025 Toby Hede").
std::string CopyrightHolder(const HtmlDocument& document);

}  // namespace llmtwin::metadata
