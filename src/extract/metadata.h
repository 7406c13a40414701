// Page metadata from every source a page may carry, ranked and merged into one PageMetadata.
//
// Sources, best first for each field (a field takes the first source that has a plausible value):
//   title     JSON-LD headline/name, og:title, twitter:title, Dublin Core, the visible <h1>, <title>;
//             a site suffix (" | Site", " - Site", " — by Author") is cut, and when the page's <h1>
//             is the title without decoration, the <h1> wins (what a reader sees).
//   subtitle  JSON-LD description, og:description, meta description, twitter:description
//   authors   JSON-LD author/creator (Person, resolved through @graph @id references), meta author,
//             article:author (names, not profile URLs), parsely/sailthru, Dublin Core, microdata
//             itemprop=author, rel=author, byline elements ("By Jane Doe and John Roe" is split)
//   published JSON-LD datePublished/dateCreated, article:published_time and its siblings,
//             itemprop=datePublished, <time datetime> (pubdate first), visible dates in bylines
//   modified  JSON-LD dateModified, article:modified_time, og:updated_time, itemprop=dateModified
//   language  <html lang>, content-language, JSON-LD inLanguage, og:locale
//   canonical <link rel=canonical>, og:url, JSON-LD url, the page URL
//   site name og:site_name, JSON-LD publisher.name, application-name
//   image     og:image, twitter:image, JSON-LD image, <link rel=image_src>
//   tags      article:tag, JSON-LD keywords, parsely-tags, meta keywords
// Deviation: Medium's article:published_time is its latest publish; JSON-LD datePublished (the
// first) is preferred everywhere, which matches what an author means by "published".
#pragma once

#include <string_view>

#include "extract/extractor.h"

namespace llmtwin {

PageMetadata ExtractMetadata(const HtmlDocument& document);

// Cuts a site-name suffix or prefix from a <title>-like string ("Post | Blog" -> "Post") when the
// other part looks like a site name (or equals `site_name`).
std::string CleanTitle(std::string_view title, std::string_view site_name);

}  // namespace llmtwin
