#include "warehouse/json_array_reader.h"

#include "common/error.h"

namespace llmtwin::warehouse {
namespace {

constexpr size_t kBufferSize = 1 << 20;
// Hostile import files: an element larger than MongoDB's document limit (16 MiB) cannot be stored
// on every backend, and nesting deeper than this is no document of ours; both are rejected while
// reading, before the text is held whole or handed to a parser.
constexpr size_t kMaxElementBytes = 16 << 20;
constexpr int kMaxDepth = 256;

bool IsJsonSpace(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string Describe(int c) {
  if (c < 0) return "end of file";
  if (c >= 0x20 && c < 0x7F) return std::string("'") + static_cast<char>(c) + "'";
  return "byte " + std::to_string(c);
}

}  // namespace

JsonArrayReader::JsonArrayReader(std::string path, Format format)
    : path_(std::move(path)), format_(format), in_(path_, std::ios::binary), buffer_(kBufferSize) {
  if (!in_) throw Error(ErrorKind::kIo, "cannot open " + path_);
}

int JsonArrayReader::Peek() {
  if (buffer_pos_ == buffer_len_) {
    in_.read(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_len_ = static_cast<size_t>(in_.gcount());
    buffer_pos_ = 0;
    if (buffer_len_ == 0) {
      if (in_.bad()) throw Error(ErrorKind::kIo, "cannot read " + path_);
      return -1;
    }
  }
  return static_cast<unsigned char>(buffer_[buffer_pos_]);
}

int JsonArrayReader::Get() {
  const int c = Peek();
  if (c < 0) return c;
  ++buffer_pos_;
  ++offset_;
  if (c == '\n') {
    ++line_;
    column_ = 1;
  } else {
    ++column_;
  }
  return c;
}

void JsonArrayReader::SkipWhitespace() {
  while (IsJsonSpace(Peek())) Get();
}

void JsonArrayReader::Fail(const std::string& reason) const { FailAt(offset_, line_, column_, reason); }

void JsonArrayReader::FailAt(uint64_t offset, uint64_t line, uint64_t column, const std::string& reason) const {
  throw Error(ErrorKind::kInvalidInput, path_ + ":" + std::to_string(line) + ":" + std::to_string(column) + " (byte " +
                                            std::to_string(offset) + "): " + reason);
}

void JsonArrayReader::ReadObjectText(std::string& text) {
  text.clear();
  int depth = 0;
  bool in_string = false, escaped = false;
  do {
    const int c = Get();
    if (c < 0) Fail("element " + std::to_string(count_) + ": unexpected end of file inside the element");
    if (text.size() >= kMaxElementBytes)
      Fail("element " + std::to_string(count_) + ": too large (more than " + std::to_string(kMaxElementBytes >> 20) +
           " MiB, MongoDB's document limit)");
    text += static_cast<char>(c);
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > kMaxDepth)
        Fail("element " + std::to_string(count_) + ": nested more than " + std::to_string(kMaxDepth) + " levels deep");
    } else if (c == '}' || c == ']') {
      --depth;
    }
  } while (depth > 0);
}

void JsonArrayReader::ParseElement(const std::string& text, uint64_t offset, uint64_t line, uint64_t column,
                                   Json& element) {
  try {
    element = Json::parse(text);
  } catch (const Json::parse_error& e) {
    // e.byte is 1-based within the element: turn it into a position in the file.
    const size_t at = e.byte > 0 ? std::min<size_t>(e.byte - 1, text.size()) : 0;
    for (size_t i = 0; i < at; ++i) {
      if (text[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    std::string reason = e.what();
    const auto colon = reason.find(": ", reason.find("parse error"));
    if (colon != std::string::npos) reason = reason.substr(colon + 2);
    FailAt(offset + at, line, column, "element " + std::to_string(count_) + ": " + reason);
  }
}

bool JsonArrayReader::Next(Json& element) {
  return format_ == Format::kArray ? NextInArray(element) : NextLine(element);
}

bool JsonArrayReader::NextInArray(Json& element) {
  if (state_ == State::kDone) return false;
  if (state_ == State::kStart) {
    if (Peek() == 0xEF) {  // UTF-8 byte order mark
      for (int i = 0; i < 3; ++i) Get();
    }
    SkipWhitespace();
    if (Peek() != '[') Fail("expected '[' (a JSON array of documents), found " + Describe(Peek()));
    Get();
    SkipWhitespace();
    state_ = State::kFirstElement;
    if (Peek() == ']') {
      Get();
      state_ = State::kDone;
    }
  } else {  // kAfterElement
    SkipWhitespace();
    const int c = Peek();  // not consumed yet, so an error points at it
    if (c != ',' && c != ']')
      Fail("expected ',' or ']' after element " + std::to_string(count_ - 1) + ", found " + Describe(c));
    Get();
    if (c == ']') state_ = State::kDone;
    SkipWhitespace();
  }
  if (state_ == State::kDone) {
    SkipWhitespace();
    if (Peek() >= 0) Fail("unexpected data after the end of the array: " + Describe(Peek()));
    return false;
  }
  if (Peek() != '{') Fail("element " + std::to_string(count_) + " is not a JSON object (found " + Describe(Peek()) + ")");
  const uint64_t offset = offset_, line = line_, column = column_;
  std::string text;
  ReadObjectText(text);
  ParseElement(text, offset, line, column, element);
  ++count_;
  state_ = State::kAfterElement;
  return true;
}

bool JsonArrayReader::NextLine(Json& element) {
  while (true) {
    SkipWhitespace();  // blank lines are allowed
    if (Peek() < 0) return false;
    if (Peek() != '{') Fail("line is not a JSON object (found " + Describe(Peek()) + ")");
    const uint64_t offset = offset_, line = line_, column = column_;
    std::string text;
    ReadObjectText(text);
    while (Peek() == ' ' || Peek() == '\t' || Peek() == '\r') Get();
    if (Peek() >= 0 && Peek() != '\n') Fail("expected the end of the line after the object, found " + Describe(Peek()));
    ParseElement(text, offset, line, column, element);
    ++count_;
    return true;
  }
}

}  // namespace llmtwin::warehouse
