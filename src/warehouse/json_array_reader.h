// Streams the elements of a JSON array of objects from a file, one at a time, so an import of a
// file larger than memory never holds more than one document (plus a read buffer).
//
// The reader finds each element's extent itself (tracking nesting, strings and escapes) and hands
// the element's text to nlohmann::json, so errors carry a position in the whole file: the line,
// column and byte offset, and the index of the element. JSON Lines files (one object per line)
// are read by the same class. Hostile files are bounded: an element over 16 MiB (MongoDB's
// document limit) or nested deeper than 256 levels is rejected with its position.
#pragma once

#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include "domain/documents.h"

namespace llmtwin::warehouse {

class JsonArrayReader {
 public:
  enum class Format { kArray, kLines };
  // Throws Error(kIo) when the file cannot be opened.
  JsonArrayReader(std::string path, Format format = Format::kArray);

  // Reads the next element into `element`; false after the last one. Throws Error(kInvalidInput)
  // "FILE:LINE:COLUMN (byte N): element I: reason" for malformed input.
  bool Next(Json& element);
  std::size_t count() const { return count_; }  // elements read so far
  const std::string& path() const { return path_; }

 private:
  int Peek();  // -1 at the end of the file
  int Get();
  void SkipWhitespace();
  [[noreturn]] void Fail(const std::string& reason) const;
  [[noreturn]] void FailAt(uint64_t offset, uint64_t line, uint64_t column, const std::string& reason) const;
  bool NextInArray(Json& element);
  bool NextLine(Json& element);
  void ReadObjectText(std::string& text);  // from '{' to its matching '}'
  void ParseElement(const std::string& text, uint64_t offset, uint64_t line, uint64_t column, Json& element);

  std::string path_;
  Format format_;
  std::ifstream in_;
  std::vector<char> buffer_;
  size_t buffer_pos_ = 0;
  size_t buffer_len_ = 0;
  uint64_t offset_ = 0;  // bytes consumed
  uint64_t line_ = 1;
  uint64_t column_ = 1;
  std::size_t count_ = 0;
  enum class State { kStart, kFirstElement, kAfterElement, kDone } state_ = State::kStart;
};

}  // namespace llmtwin::warehouse
