#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace backplan::util {

/// Reads a whole regular file of at most `max_bytes`; throws
/// std::runtime_error with the reason (not a regular file, unreadable,
/// too large) on failure.
std::string read_file(const std::filesystem::path& path, std::size_t max_bytes);

/// A whole regular file's bytes, read-only, and what keeps them readable.
struct MappedFile {
  std::string_view bytes;
  std::shared_ptr<const void> owner;
};

/// Maps a whole regular file of at most `max_bytes` into memory (private and
/// read-only: nothing the mapping holds is copied until read, and only what
/// is read is loaded); throws std::runtime_error as read_file does. The file
/// must not be truncated while mapped: a file replaced by renaming another
/// over it is safe.
MappedFile map_file(const std::filesystem::path& path, std::size_t max_bytes);

/// The most one write of write_file_atomically() puts in a file. The page
/// cache keeps a file's bytes in blocks ("folios") no larger than the
/// writes that made them, and a mapping of the file maps a whole block when
/// one of its bytes is read: a cache file written a megabyte at a time cost
/// a megabyte of memory for each entry a warm run read from it later, 64 KiB
/// once written so.
constexpr std::size_t write_block_bytes = std::size_t{64} << 10;

/// Lets the system take back the memory that the whole pages within `range`
/// of a file mapping (map_file) hold: reading them again reads the file
/// again. Never for other memory, whose contents it would lose.
void release_mapped(std::string_view range);

/// Whether the regular file at `path` holds exactly `data`: false when it
/// differs, is missing or cannot be read. For a writer that can leave a
/// file as it is rather than write the same bytes again.
bool file_holds(const std::filesystem::path& path, std::string_view data);

/// Writes `data` to `target` atomically: a temporary file in the same folder,
/// flushed and renamed over the target. On failure throws std::runtime_error
/// naming the file and the reason; the previous file is untouched and no
/// temporary file is left behind. Without `durable` the data is not forced
/// to the disk before the rename (for caches, which may be lost). An
/// existing target that is not a regular file (/dev/null, a named pipe) is
/// written in place, never replaced.
void write_file_atomically(const std::filesystem::path& target, std::string_view data, bool durable = true);

/// As above, the file's bytes given in pieces, written one after another
/// as they are (a cache file from the pieces of the one it replaces).
void write_file_atomically(const std::filesystem::path& target, std::span<const std::string_view> pieces,
                           bool durable = true);

/// What write_files wrote: the files, and the folders it made.
struct WrittenFiles {
  std::vector<std::filesystem::path> files;
  /// The folders it made (the folder and any missing above it), outermost
  /// first; empty when the folder was there already.
  std::vector<std::filesystem::path> created_folders;

  /// Removes the files and the folders it made (when empty): for a caller
  /// whose next step failed. Never throws.
  void remove() const noexcept;
};

/// Writes each file of `files` (a name and its data) into `folder`, each
/// atomically, making the folder, and the folders above it, when missing. On
/// failure throws std::runtime_error naming the path and the reason, after
/// removing what it wrote and made.
WrittenFiles write_files(const std::filesystem::path& folder,
                         const std::vector<std::pair<std::string, std::string>>& files);

/// backplan's folder in one of the user's base folders: $VARIABLE/backplan
/// when VARIABLE holds an absolute path (XDG_CONFIG_HOME, XDG_CACHE_HOME,
/// XDG_STATE_HOME), else ~/HOME_PATH/backplan (".config", ".cache",
/// ".local/state"); nothing when neither is known.
std::optional<std::filesystem::path> user_folder(const char* variable, const char* home_path);

/// Writes `data` to stdout; returns false when stdout was closed or failed
/// (a closed pipe is not reported, EPIPE is ignored by the caller).
bool write_stdout(std::string_view data, int& error_number);

} // namespace backplan::util
