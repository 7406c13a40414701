#include "extract/page_file.h"

#include <zlib.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "common/error.h"

namespace llmtwin {
namespace {

struct GzClose {
  void operator()(gzFile_s* file) const { gzclose(file); }
};
struct FileClose {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

bool EndsWith(const std::string& s, const char* suffix) {
  const size_t n = std::strlen(suffix);
  return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
}

Error TooBig(const std::string& path, size_t max_bytes) {
  return Error(ErrorKind::kInvalidInput, path + ": larger than " + std::to_string(max_bytes) + " bytes");
}

}  // namespace

std::string ReadPageFile(const std::string& path, size_t max_bytes) {
  std::string data;
  char buffer[1 << 16];
  if (EndsWith(path, ".gz")) {
    std::unique_ptr<gzFile_s, GzClose> file(gzopen(path.c_str(), "rb"));
    if (!file) throw Error(ErrorKind::kIo, path + ": cannot open: " + std::strerror(errno));
    gzbuffer(file.get(), 1 << 17);
    while (true) {
      const int n = gzread(file.get(), buffer, sizeof buffer);
      if (n < 0) {
        int code = 0;
        const char* message = gzerror(file.get(), &code);
        throw Error(ErrorKind::kIo, path + ": cannot decompress: " + (message != nullptr ? message : "zlib error"));
      }
      if (n == 0) break;
      data.append(buffer, static_cast<size_t>(n));
      if (data.size() > max_bytes) throw TooBig(path, max_bytes);
    }
    return data;
  }
  std::unique_ptr<std::FILE, FileClose> file(std::fopen(path.c_str(), "rb"));
  if (!file) throw Error(ErrorKind::kIo, path + ": cannot open: " + std::strerror(errno));
  while (true) {
    const size_t n = std::fread(buffer, 1, sizeof buffer, file.get());
    data.append(buffer, n);
    if (data.size() > max_bytes) throw TooBig(path, max_bytes);
    if (n < sizeof buffer) {
      if (std::ferror(file.get())) throw Error(ErrorKind::kIo, path + ": read error");
      break;
    }
  }
  return data;
}

}  // namespace llmtwin
