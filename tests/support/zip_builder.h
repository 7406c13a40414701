// Test helper: writes zip archives with libarchive's writer, the way platforms mail their exports
// (one zip, entries at the top or under one folder, UTF-8 names), from a folder on disk and/or
// entries given in memory. Tests build every zip they read (and cut or corrupt copies of them) at
// run time, so no binary archive is committed.
#pragma once

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <clocale>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace llmtwin::testing {

struct ZipEntry {
  std::string name;   // "posts/a.html" (UTF-8)
  std::string bytes;
};

inline std::string ReadBytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

inline void WriteBytes(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

// Every file under `root`, named `prefix` + its path relative to `root`, sorted.
inline std::vector<ZipEntry> FolderEntries(const std::filesystem::path& root, const std::string& prefix = "") {
  std::vector<ZipEntry> entries;
  for (const auto& item : std::filesystem::recursive_directory_iterator(root))
    if (item.is_regular_file())
      entries.push_back({prefix + item.path().lexically_relative(root).generic_string(), ReadBytes(item.path())});
  std::sort(entries.begin(), entries.end(), [](const ZipEntry& a, const ZipEntry& b) { return a.name < b.name; });
  return entries;
}

// Writes `entries` as a deflated zip at `path`.
inline void WriteZip(const std::filesystem::path& path, const std::vector<ZipEntry>& entries) {
  struct WriteFree {
    void operator()(archive* a) const { archive_write_free(a); }
  };
  struct EntryFree {
    void operator()(archive_entry* e) const { archive_entry_free(e); }
  };
  // libarchive converts names through the C library's locale while writing: make it UTF-8, and
  // put the caller's back afterwards (readers must work in the "C" locale too).
  const std::string previous = std::setlocale(LC_CTYPE, nullptr);
  std::setlocale(LC_CTYPE, "C.UTF-8");
  {
    std::unique_ptr<archive, WriteFree> a(archive_write_new());
    archive_write_set_format_zip(a.get());
    if (archive_write_open_filename(a.get(), path.c_str()) != ARCHIVE_OK)
      throw std::runtime_error(std::string("zip: ") + archive_error_string(a.get()));
    for (const ZipEntry& e : entries) {
      std::unique_ptr<archive_entry, EntryFree> entry(archive_entry_new());
      archive_entry_set_pathname_utf8(entry.get(), e.name.c_str());
      archive_entry_set_filetype(entry.get(), AE_IFREG);
      archive_entry_set_perm(entry.get(), 0644);
      archive_entry_set_size(entry.get(), static_cast<la_int64_t>(e.bytes.size()));
      if (archive_write_header(a.get(), entry.get()) != ARCHIVE_OK)
        throw std::runtime_error(std::string("zip: ") + archive_error_string(a.get()));
      if (!e.bytes.empty() && archive_write_data(a.get(), e.bytes.data(), e.bytes.size()) < 0)
        throw std::runtime_error(std::string("zip: ") + archive_error_string(a.get()));
    }
    if (archive_write_close(a.get()) != ARCHIVE_OK) throw std::runtime_error(std::string("zip: ") + archive_error_string(a.get()));
  }
  std::setlocale(LC_CTYPE, previous.c_str());
}

}  // namespace llmtwin::testing
