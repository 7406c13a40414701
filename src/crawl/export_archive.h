// The files of a platform's data export, read in place: the zip the platform mails, or the folder
// it was unpacked into.
//
// A zip is streamed with libarchive from the file (archive_read_open_filename; RAII over
// archive*): one entry at a time, nothing unpacked to disk, so memory is bounded by the largest
// entry read, not by the archive. Entries the caller does not want (`want` says no) are skipped
// without being read. Names are given relative to the export's root with '/' separators, in UTF-8
// (non-ASCII names too, whatever the C locale), so an importer matches "posts/x.html" the same
// way in a zip and in a folder. Directories, symlinks and unsafe names (absolute, "..") are never
// given.
//
// Errors are Error(kInvalidInput) naming the archive and, when one is involved, the entry:
// "medium.zip: not a zip archive (or a folder)", "medium.zip: posts/a.html: truncated zip data".
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

namespace llmtwin {

class ExportArchive {
 public:
  // Throws Error(kInvalidInput) when `path` is neither a folder nor a readable file.
  explicit ExportArchive(std::filesystem::path path);

  const std::filesystem::path& path() const { return path_; }
  bool is_folder() const { return folder_; }
  // The path as given, for messages.
  std::string Name() const { return path_.string(); }

  // Calls `visit(name, bytes)` for every regular file whose name `want` accepts, in archive
  // order (zip) or sorted by name (folder). Throws Error(kInvalidInput) naming the archive and the
  // entry when the zip is not a zip, is truncated or corrupt.
  void ForEach(const std::function<bool(std::string_view name)>& want,
               const std::function<void(std::string_view name, std::string_view bytes)>& visit) const;

  // Every file name (no bytes read), in the order ForEach gives them.
  void ForEachName(const std::function<void(std::string_view name)>& visit) const;

  // An Error(kInvalidInput) "<archive>: <entry>: <message>" (no entry part when `entry` is empty).
  [[nodiscard]] std::string Where(std::string_view entry) const;

 private:
  std::filesystem::path path_;
  bool folder_ = false;
};

// The last path component of an entry name ("posts/a.html" -> "a.html").
std::string_view BaseName(std::string_view name);
// The folder part of an entry name ("x/posts/a.html" -> "x/posts"; "a.html" -> "").
std::string_view DirName(std::string_view name);

}  // namespace llmtwin
