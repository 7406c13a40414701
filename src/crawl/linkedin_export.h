// The posts of a LinkedIn data export (Settings > Data privacy > Get a copy of your data):
// Shares.csv, with the columns Date, ShareLink, ShareCommentary, SharedUrl, MediaUrl, Visibility.
//
// LinkedIn profiles and feeds are behind a login wall, so an author's own export is the honest way
// to get all of their posts. The CSV is RFC 4180: quoted fields hold commas, doubled quotes and
// line breaks (a post is usually several paragraphs). Columns are found by header name, in any
// order, so an export that adds columns still loads. A missing required column (Date, ShareLink,
// ShareCommentary) or an unterminated quote is Error(kInvalidInput) naming the line.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace llmtwin {

struct LinkedInShare {
  std::string date;        // as exported ("2024-03-01 10:20:30"); normalise with NormalizeDate
  std::string share_link;  // https://www.linkedin.com/feed/update/urn:li:share:...
  std::string commentary;  // the post's text, line breaks kept
  std::string shared_url;  // a link the post shares, or ""
  std::string media_url;   // an attached image, or ""
  std::string visibility;  // "MEMBER_NETWORK", "CONNECTIONS_ONLY", ...
};

// Splits RFC 4180 CSV text into rows of fields (a UTF-8 BOM is dropped, CRLF or LF line ends).
// Throws Error(kInvalidInput) on an unterminated quoted field.
std::vector<std::vector<std::string>> ParseCsv(std::string_view text);

// Reads the shares of a Shares.csv; rows without a share link and without text are dropped.
// LinkedIn exports doubled quotes inside commentary as `""`, which ParseCsv already undoes.
std::vector<LinkedInShare> ParseLinkedInShares(std::string_view csv_text);

}  // namespace llmtwin
