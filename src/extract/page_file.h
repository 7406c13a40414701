// Reading saved pages from disk: plain files and gzip files (.gz, read with zlib through an RAII
// gzFile), with a size cap so a hostile or mistaken input cannot exhaust memory.
#pragma once

#include <cstddef>
#include <string>

namespace llmtwin {

// Reads `path` whole; a name ending in ".gz" is decompressed. Throws Error(kIo) naming the path
// when it cannot be read, and Error(kInvalidInput) when it holds more than `max_bytes`.
std::string ReadPageFile(const std::string& path, size_t max_bytes = size_t{256} << 20);

}  // namespace llmtwin
