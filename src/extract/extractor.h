// Extraction: from any HTML page to clean metadata, the main content as Markdown, and plain text.
//
// This is the transform step of the ETL, where the quality of an LLM Twin's data is decided: the
// book stored the whole page text (menus, share buttons, comments, footers). ExtractPage parses
// the page once with libxml2's HTML parser, reads the metadata from every source a page may carry
// (JSON-LD, OpenGraph, Twitter cards, Dublin Core, microdata, rel=author, bylines, <time>), ranks
// and merges them, finds the main content with a boilerplate-removal algorithm of the
// readability/trafilatura family (content_finder.h) and renders it as Markdown and as plain text.
//
// Deviations from the usual tools, on purpose:
// - Page dates are ISO 8601 with the offset the page gave ("2024-07-29T21:00:00-04:00"), not
//   converted to UTC: the same instant, and the calendar date the author published on (UTC moves
//   an evening post in New York to the next day; both development sets' truths use the local
//   date). Stored documents carry UTC (the crawler normalises `published_at`). A date without a
//   zone is read as UTC, and a page's local date is not shifted by guessing a time zone.
// - The title is not repeated at the top of `markdown`/`text` (it is in `metadata.title`).
// - Links and images are off by default: an LLM Twin trains on prose, and URLs are noise there.
// - Hostile input never throws or crashes: any byte string gives a (possibly empty) page.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "extract/html_document.h"

namespace llmtwin {

struct PageMetadata {
  std::string title;
  std::string subtitle;  // the description / dek
  std::string author;    // `authors` joined with ", "
  std::vector<std::string> authors;
  std::string published;  // ISO 8601 UTC ("2024-07-29T00:00:00Z") or ""
  std::string modified;   // ISO 8601 UTC or ""
  std::string language;   // BCP 47 as the page declares it ("en", "en-US"), or ""
  std::string canonical_url;
  std::string site_name;
  std::string image;  // the main image, absolute when the page URL is known
  std::vector<std::string> tags;
  std::vector<nlohmann::json> json_ld;  // every JSON-LD object found, @graph flattened
  // <meta property|name -> content> in document order (names lower-cased), for platform markers
  // such as og:site_name or al:android:package.
  std::vector<std::pair<std::string, std::string>> meta;

  // The first `meta` value for `name` (lower case), or "".
  std::string Meta(std::string_view name) const;
  // The metadata as a JSON object (title, subtitle, author, authors, published, modified,
  // language, canonical_url, site_name, image, tags); json_ld and meta are left out.
  nlohmann::json ToJson() const;
};

struct ExtractedPage {
  PageMetadata metadata;
  std::string markdown;  // the main content as Markdown (no hard wrapping)
  std::string text;      // the main content as plain text (paragraphs separated by blank lines)
};

struct ExtractOptions {
  bool links = false;   // render <a href> as Markdown links
  bool images = false;  // render <img> as Markdown images
  bool text = true;     // render `text` too (crawlers store the Markdown alone and turn it off)
  // Find and render the main content. Crawlers that take the body from the platform's own markup
  // (Medium, Substack) turn it off: only the metadata is read, and a third of the work is saved.
  bool content = true;
};

// Parses `html` (bytes as served; the charset is taken from a BOM or <meta charset>, invalid UTF-8
// is repaired) and extracts metadata and main content. `url` is the page's address, used to resolve
// relative links and as a fallback canonical URL; it may be empty.
ExtractedPage ExtractPage(std::string_view html, std::string_view url, const ExtractOptions& options = {});

// Same, on an already parsed document (crawlers that also run selectors parse once).
ExtractedPage ExtractPage(const HtmlDocument& document, const ExtractOptions& options = {});

// Converts a whole HTML fragment (Substack's body_html, RSS content:encoded) to Markdown: no
// boilerplate removal, every block is kept. Scripts, styles and tracking pixels are dropped.
std::string HtmlFragmentToMarkdown(std::string_view html, std::string_view base_url,
                                   const ExtractOptions& options = {});
// The same for a fragment already parsed (and perhaps cleaned): what `container` holds (a
// fragment's <body>, or an element of a page) rendered whole, without serialising it to parse it
// again.
std::string HtmlFragmentToMarkdown(const HtmlNode& container, std::string_view base_url,
                                   const ExtractOptions& options = {});
// The same fragment as plain text.
std::string HtmlFragmentToText(std::string_view html);

// Normalises a date as pages and feeds write it to ISO 8601 UTC ("2024-07-29T00:00:00Z"):
// RFC 822/1123 ("Mon, 29 Jul 2024 10:00:00 GMT", "+0200", "PDT"), ISO 8601 variants
// ("2024-07-29", "2024-07-29T10:00:00.123+02:00", "2024-07-29 10:00"), Unix seconds or
// milliseconds, "July 29, 2024", "29 July 2024", "Jul 29 2024", "2024/07/29", "29.07.2024".
// Returns "" when the text holds no plausible date (years 1990..2100).
std::string NormalizeDate(std::string_view any_date);
// The same date in ISO 8601 with the UTC offset the text gave ("2024-07-29T10:00:00+02:00"; "Z"
// without one): the same instant, and the calendar date the author wrote. Page metadata uses it.
std::string NormalizeDateKeepingOffset(std::string_view any_date);
// `day_first`: "03/10/2023" is 3 October, as outside the United States (otherwise the slashes
// are read month first when both numbers can be months).
std::string NormalizeDate(std::string_view any_date, bool keep_offset, bool day_first = false);
// NormalizeDateKeepingOffset for a date written in words or numbers with its day: "" for a month
// alone ("in April 2020") and for Unix times, which prose does not hold.
std::string NormalizeDayKeepingOffset(std::string_view any_date, bool day_first = false);
// Whether the date in the text is written in numbers that could be read day first or month first
// ("11.03.17", "03/10/2023"): NormalizeDate guessed the order.
bool MonthAndDayOrderGuessed(std::string_view any_date);

}  // namespace llmtwin
