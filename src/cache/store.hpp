#pragma once

// The cache store: one file of entries per catalog path, each entry a file's
// relative path, the stamps that identify its version and bytes the caller
// derived from it. It knows nothing about exercises.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace backplan::cache {

/// What identifies one version of a file: where it lives (device, inode) and
/// its size, modification and change times in nanoseconds. Any write changes
/// the change time, even one that restores the size and modification time.
struct Stamps {
  std::uint64_t device = 0;
  std::uint64_t inode = 0;
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::int64_t ctime_ns = 0;

  bool operator==(const Stamps&) const = default;
};

/// The stamps of the file at `path` (following links), or nothing when it
/// cannot be examined.
std::optional<Stamps> stamps_of(const std::string& path);

/// The stamps of the file at `relative` below the open directory
/// `directory_fd` (following links): a folder's many files are examined
/// without walking the folder's own path again for each.
std::optional<Stamps> stamps_at(int directory_fd, const std::string& relative);

/// The wall-clock time now in nanoseconds since the epoch, the clock that
/// file times come from.
std::int64_t now_ns();

/// How long after its last change a file may be cached, unless the
/// environment says otherwise (settle_window_ns): file systems keep times in
/// coarse steps, so a file changed twice within one step keeps the same
/// stamps; one changed this recently is parsed again until it settles.
inline constexpr std::int64_t settle_ns = 1'000'000'000;

/// The settle time in force: BACKPLAN_CACHE_SETTLE_MS milliseconds when it
/// is a whole number (longer for a file system whose times are coarser than
/// a second; 0 lets tests cache a file they have just written), else
/// settle_ns.
std::int64_t settle_window_ns();

/// Whether a file with `stamps`, taken at `taken_ns`, last changed more
/// than `window_ns` before, so that a later change cannot leave its stamps
/// alike.
bool settled(const Stamps& stamps, std::int64_t taken_ns, std::int64_t window_ns);

/// One cached file: its path relative to the catalog path, its stamps when
/// it was read, and what was derived from it in two parts, the second of
/// which a reader may never need (an exercise's core and its details). Path
/// and data are views: of the writer's strings, which outlive encode(), or
/// of the bytes of the cache file that was read (Contents::bytes), so that
/// reading a large cache copies nothing.
struct Entry {
  std::string_view path;
  Stamps stamps;
  std::string_view data;
  std::string_view details;
};

/// A cache file's entries and the key they are valid for (a fingerprint of
/// everything besides the files themselves that the entries depend on).
struct Contents {
  std::uint64_t key = 0;
  std::vector<Entry> entries;
  /// What keeps the bytes the entries point into readable: the mapped cache
  /// file they were decoded from, or the one whose entries contents about
  /// to be written keep.
  std::shared_ptr<const void> bytes;
  /// The whole cache file, when it is mapped (read()): LayerCache releases
  /// its pages (util::release_mapped) once the entries it needs are decoded.
  std::string_view mapped;
};

/// What reading a cache file gave: its contents, or why there are none.
struct Decoded {
  std::optional<Contents> contents;
  std::string problem; ///< empty when there are contents
};

/// The bytes of a cache file holding `contents`: a header (magic, `version`,
/// key, payload length, payload checksum), the entries without their
/// details, then every entry's details: a reader that needs only the first
/// part of most entries reads only the first part of the file.
std::string encode(const Contents& contents, std::uint32_t version);

/// The contents of cache-file bytes, which `owner` keeps alive and the
/// contents keep, or the problem when they are truncated, damaged, of
/// another version or not a backplan cache at all. Never throws for bad
/// bytes.
Decoded decode(std::string_view bytes, std::shared_ptr<const void> owner, std::uint32_t version);

/// As above, for bytes the contents take.
Decoded decode(std::string bytes, std::uint32_t version);

/// backplan's cache folder: $XDG_CACHE_HOME/backplan (an absolute
/// XDG_CACHE_HOME), else ~/.cache/backplan; nothing when neither is known.
std::optional<std::filesystem::path> default_folder();

/// The cache file in `folder` for the catalog at `catalog_path`: one file per
/// absolute catalog path.
std::filesystem::path file_for(const std::filesystem::path& folder,
                               const std::filesystem::path& catalog_path);

/// Maps and decodes a cache file (util::map_file); a missing or unreadable
/// file is a problem like a damaged one.
Decoded read(const std::filesystem::path& file, std::uint32_t version);

/// Writes a cache file holding `contents`, the bytes encode() makes,
/// atomically (a temporary file in the same folder, then a rename), creating
/// the folder. The entries' paths, data and details are written from where
/// they are, never joined first: a cache file rewritten for one changed
/// exercise file is mostly the pages of the one it replaces. Throws
/// std::runtime_error on failure; a concurrent writer of the same file
/// leaves one whole file or the other.
void write(const std::filesystem::path& file, const Contents& contents, std::uint32_t version);

} // namespace backplan::cache
