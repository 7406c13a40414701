// JSON text of a document, byte for byte what nlohmann's `dump()` writes (compact, UTF-8 kept,
// control characters escaped as \u00xx), written faster: runs of bytes that need no escape are
// copied whole, where nlohmann decodes and re-encodes every byte. Documents are written as text
// for their content hash, for SQLite and for BSON, and that was 7% of the ETL's CPU.
//
// The text must stay nlohmann's exactly: content hashes stored in warehouses are SHA-256 of it.
// Numbers, and strings that are not valid UTF-8 (which nlohmann refuses with its own error), are
// handed to nlohmann itself.
#ifndef LLMTWIN_DOMAIN_JSON_TEXT_H_
#define LLMTWIN_DOMAIN_JSON_TEXT_H_

#include <string>

#include "domain/documents.h"

namespace llmtwin {

// The same text as json.dump().
std::string JsonText(const Json& json);
// Appends that text to `out`.
void AppendJsonText(std::string& out, const Json& json);

}  // namespace llmtwin

#endif  // LLMTWIN_DOMAIN_JSON_TEXT_H_
