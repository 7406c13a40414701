// Turning a response body into UTF-8 text.
//
// The charset comes, in this order (the HTML standard's order, simplified): a byte-order mark, the
// Content-Type header's charset parameter, a `<meta charset>` / `<meta http-equiv=Content-Type>`
// or `<?xml encoding=...?>` declaration in the first 4 KiB, and otherwise UTF-8 if the bytes are
// valid UTF-8, else windows-1252 (what browsers assume for unlabelled Western pages). Labels are
// mapped the way browsers do (latin1/iso-8859-1/us-ascii -> windows-1252). Conversion uses glibc's
// iconv; undecodable bytes become U+FFFD instead of failing the page.
#pragma once

#include <string>
#include <string_view>

namespace llmtwin {

struct DecodedText {
  std::string text;     // UTF-8, without a BOM
  std::string charset;  // the charset used, lower case ("utf-8", "windows-1252", ...)
  int replaced = 0;     // bytes that could not be decoded and became U+FFFD
  bool known = true;    // false when the declared charset is unknown to iconv (decoded as UTF-8)
};

// Decodes `body` per the rules above. `content_type` is the Content-Type header ("" if none).
DecodedText DecodeToUtf8(std::string_view body, std::string_view content_type);
// The same, taking the body by value: valid UTF-8 without a BOM (the common case) is moved, not
// copied.
DecodedText DecodeOwnedToUtf8(std::string&& body, std::string_view content_type);

// The charset parameter of a Content-Type value, lower case, "" when absent.
std::string CharsetFromContentType(std::string_view content_type);

// The charset declared in the document itself (<meta>, <?xml?>), lower case, "" when none.
std::string CharsetFromDocument(std::string_view head);

// Whether a Content-Type names text we decode (text/*, *+xml, *json, *javascript, ...). An empty
// type counts as text (many servers omit it).
bool IsTextContentType(std::string_view content_type);

}  // namespace llmtwin
