// Authors: the sources in rank order (JSON-LD author/creator, meta tags, Yoast's "Written by"
// card, citation_author, microdata, rel=author, byline elements, author-page links, a labelled
// byline near the title, a byline in a sentence, the site when it is a person's), the publisher
// told apart from people, and the byline printed under the title as the final word when the
// metadata names someone else (a WordPress login, a template's default).
#pragma once

#include "extract/metadata/sources.h"

namespace llmtwin::metadata {

// Sets `meta.authors` and `meta.author` (the names as the page writes them; title chosen first).
void ChooseAuthors(const PageSources& sources);

}  // namespace llmtwin::metadata
