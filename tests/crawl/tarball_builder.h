// Test helper: builds a GitHub-style repository tarball (.tar.gz with one top folder) from a real
// folder tree on disk, with libarchive's writer, so the crawler reads what GitHub would serve:
// regular files, nested folders and symlinks exactly as they are on disk.
#pragma once

#include <archive.h>
#include <archive_entry.h>

#include <filesystem>
#include <fstream>
#include <algorithm>
#include <clocale>
#include <memory>
#include <vector>
#include <sstream>
#include <stdexcept>
#include <string>

namespace llmtwin::testing {

inline std::string BuildTarGz(const std::filesystem::path& tree, const std::string& top_folder) {
  namespace fs = std::filesystem;
  struct WriteFree {
    void operator()(archive* a) const { archive_write_free(a); }
  };
  struct EntryFree {
    void operator()(archive_entry* e) const { archive_entry_free(e); }
  };
  // libarchive converts UTF-8 names through the C library's locale: make it a UTF-8 one.
  std::setlocale(LC_CTYPE, "C.UTF-8");
  std::string buffer(64 << 20, '\0');
  size_t used = 0;
  std::unique_ptr<archive, WriteFree> a(archive_write_new());
  archive_write_add_filter_gzip(a.get());
  archive_write_set_format_pax_restricted(a.get());
  if (archive_write_open_memory(a.get(), buffer.data(), buffer.size(), &used) != ARCHIVE_OK)
    throw std::runtime_error("archive_write_open_memory failed");
  auto add = [&](const std::string& name, const fs::path& source) {
    std::unique_ptr<archive_entry, EntryFree> entry(archive_entry_new());
    archive_entry_set_pathname_utf8(entry.get(), name.c_str());
    archive_entry_set_perm(entry.get(), 0644);
    const auto status = fs::symlink_status(source);
    std::string data;
    if (fs::is_symlink(status)) {
      archive_entry_set_filetype(entry.get(), AE_IFLNK);
      archive_entry_set_symlink_utf8(entry.get(), fs::read_symlink(source).c_str());
    } else if (fs::is_directory(status)) {
      archive_entry_set_filetype(entry.get(), AE_IFDIR);
      archive_entry_set_perm(entry.get(), 0755);
    } else {
      std::ifstream in(source, std::ios::binary);
      std::ostringstream bytes;
      bytes << in.rdbuf();
      data = bytes.str();
      archive_entry_set_filetype(entry.get(), AE_IFREG);
      archive_entry_set_size(entry.get(), static_cast<la_int64_t>(data.size()));
    }
    if (archive_write_header(a.get(), entry.get()) != ARCHIVE_OK) throw std::runtime_error(archive_error_string(a.get()));
    if (!data.empty() && archive_write_data(a.get(), data.data(), data.size()) < 0)
      throw std::runtime_error(archive_error_string(a.get()));
  };
  add(top_folder + "/", tree);
  std::vector<fs::path> paths;
  for (auto it = fs::recursive_directory_iterator(tree); it != fs::recursive_directory_iterator(); ++it)
    paths.push_back(it->path());
  std::sort(paths.begin(), paths.end());
  for (const auto& path : paths) {
    std::string name = top_folder + "/" + path.lexically_relative(tree).generic_string();
    if (fs::is_directory(fs::symlink_status(path))) name += "/";
    add(name, path);
  }
  if (archive_write_close(a.get()) != ARCHIVE_OK) throw std::runtime_error(archive_error_string(a.get()));
  buffer.resize(used);
  return buffer;
}

}  // namespace llmtwin::testing
