#include "cache/store.hpp"

#include "util/archive.hpp"
#include "util/checksum.hpp"
#include "util/files.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <fmt/format.h>
#include <stdexcept>
#include <sys/stat.h>

namespace backplan::cache {

template<class Archive>
void serialize(Archive& archive, Stamps& stamps)
{
  archive(stamps.device, stamps.inode, stamps.size, stamps.mtime_ns, stamps.ctime_ns);
}

namespace {

/// The entries written by pieces_of, their texts views of the bytes read.
std::vector<Entry> load_entries(util::BoundedInputArchive& archive)
{
  cereal::size_type count = 0;
  archive(cereal::make_size_tag(count));
  std::vector<Entry> entries(static_cast<std::size_t>(count));
  std::vector<std::pair<std::uint64_t, std::uint64_t>> places(entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i) {
    entries[i].path = util::load_text(archive);
    archive(entries[i].stamps);
    entries[i].data = util::load_text(archive);
    archive(places[i].first, places[i].second);
  }
  const std::string_view details = util::load_text(archive);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const auto [offset, size] = places[i];
    if (offset > details.size() || size > details.size() - offset) {
      throw cereal::Exception("details past the end of the data");
    }
    entries[i].details = details.substr(offset, size);
  }
  return entries;
}

} // namespace

namespace {

namespace fs = std::filesystem;

/// The first bytes of every cache file.
constexpr std::string_view magic{"backplan cache\n\0", 16};

/// The header after the magic: format version, key, payload length and
/// payload checksum, in the machine's byte order (a cache is local).
struct Header {
  std::uint32_t version = 0;
  std::uint32_t reserved = 0;
  std::uint64_t key = 0;
  std::uint64_t length = 0;
  std::uint64_t checksum = 0;
};

constexpr std::size_t header_size = magic.size() + sizeof(Header);

/// The largest cache file read, far beyond the 100 000 files of a catalog path.
constexpr std::size_t max_cache_bytes = std::size_t{1} << 31;

std::int64_t nanoseconds(const struct timespec& time)
{
  return static_cast<std::int64_t>(time.tv_sec) * 1'000'000'000 + time.tv_nsec;
}

} // namespace

namespace {

Stamps stamps_from(const struct stat& info)
{
  return Stamps{static_cast<std::uint64_t>(info.st_dev), static_cast<std::uint64_t>(info.st_ino),
                static_cast<std::uint64_t>(info.st_size), nanoseconds(info.st_mtim),
                nanoseconds(info.st_ctim)};
}

} // namespace

std::optional<Stamps> stamps_of(const std::string& path)
{
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    return std::nullopt;
  }
  return stamps_from(info);
}

std::optional<Stamps> stamps_at(int directory_fd, const std::string& relative)
{
  struct stat info {};
  if (::fstatat(directory_fd, relative.c_str(), &info, 0) != 0) {
    return std::nullopt;
  }
  return stamps_from(info);
}

std::int64_t now_ns()
{
  struct timespec now {};
  ::clock_gettime(CLOCK_REALTIME, &now);
  return nanoseconds(now);
}

std::int64_t settle_window_ns()
{
  const char* value = std::getenv("BACKPLAN_CACHE_SETTLE_MS");
  if (value == nullptr || *value == '\0' || std::strlen(value) > 9) {
    return settle_ns;
  }
  std::int64_t milliseconds = 0;
  for (const char* c = value; *c != '\0'; ++c) {
    if (*c < '0' || *c > '9') {
      return settle_ns;
    }
    milliseconds = milliseconds * 10 + (*c - '0');
  }
  return milliseconds * 1'000'000;
}

bool settled(const Stamps& stamps, std::int64_t taken_ns, std::int64_t window_ns)
{
  return std::max(stamps.mtime_ns, stamps.ctime_ns) < taken_ns - window_ns;
}

namespace {

/// A cache file's bytes in pieces, to be joined or written one after
/// another: those it writes itself (the header, lengths, stamps and places
/// of details) in `own`, and between them views of the entries' paths, data
/// and details, which are not copied.
struct Pieces {
  std::string own;
  /// A piece: own[at, at + size) when `data` is null, else a view.
  struct Piece {
    const char* data = nullptr;
    std::size_t at = 0;
    std::size_t size = 0;
  };
  std::vector<Piece> list;
  std::size_t own_from = 0; ///< where the bytes of own not yet in the list start

  /// Ends the current run of own bytes, then adds `view`.
  void add(std::string_view view)
  {
    close_own();
    list.push_back({view.data(), 0, view.size()});
  }
  void close_own()
  {
    if (own.size() > own_from) {
      list.push_back({nullptr, own_from, own.size() - own_from});
      own_from = own.size();
    }
  }
  /// The pieces as views, once own is final.
  std::vector<std::string_view> views() const
  {
    std::vector<std::string_view> out;
    out.reserve(list.size());
    for (const auto& piece : list) {
      out.push_back(piece.data != nullptr ? std::string_view(piece.data, piece.size)
                                          : std::string_view(own).substr(piece.at, piece.size));
    }
    return out;
  }
};

/// The pieces of a cache file holding `contents`: the header (magic,
/// `version`, key, payload length and checksum), the entries as cereal
/// writes a std::vector, their number, then each without its details but
/// with where they are, then every entry's details in one run of bytes (as
/// save_text writes them joined), so that reading the entries reads none
/// of them.
Pieces pieces_of(const Contents& contents, std::uint32_t version)
{
  Pieces pieces;
  pieces.own.assign(magic);
  pieces.own.resize(header_size);
  util::StringOutputArchive archive(pieces.own);
  const auto text = [&](std::string_view view) {
    archive(cereal::make_size_tag(static_cast<cereal::size_type>(view.size())));
    pieces.add(view);
  };
  const auto& entries = contents.entries;
  archive(cereal::make_size_tag(static_cast<cereal::size_type>(entries.size())));
  std::uint64_t offset = 0;
  for (const auto& entry : entries) {
    text(entry.path);
    archive(entry.stamps);
    text(entry.data);
    archive(offset, static_cast<std::uint64_t>(entry.details.size()));
    offset += entry.details.size();
  }
  archive(cereal::make_size_tag(static_cast<cereal::size_type>(offset)));
  for (const auto& entry : entries) {
    pieces.add(entry.details);
  }
  pieces.close_own();
  // The header, now that the payload is known: everything after it.
  auto views = pieces.views();
  std::uint64_t length = 0;
  for (const auto view : views) {
    length += view.size();
  }
  length -= header_size;
  views.front().remove_prefix(header_size); // the first piece starts with the header
  const Header header{version, 0, contents.key, length, util::checksum(views)};
  std::memcpy(pieces.own.data() + magic.size(), &header, sizeof header);
  return pieces;
}

} // namespace

std::string encode(const Contents& contents, std::uint32_t version)
{
  const Pieces pieces = pieces_of(contents, version);
  std::string out;
  const auto views = pieces.views();
  std::size_t size = 0;
  for (const auto view : views) {
    size += view.size();
  }
  out.reserve(size);
  for (const auto view : views) {
    out.append(view);
  }
  return out;
}

namespace {

/// As decode(), the payload's checksum taken by `sum`.
Decoded decode_with(std::string_view bytes, std::shared_ptr<const void> owner, std::uint32_t version,
                    std::uint64_t (*sum)(std::string_view))
{
  if (bytes.size() < header_size || bytes.substr(0, magic.size()) != magic) {
    return {std::nullopt, "not a backplan cache file"};
  }
  Header header;
  std::memcpy(&header, bytes.data() + magic.size(), sizeof header);
  if (header.reserved != 0) {
    return {std::nullopt, "not a backplan cache file"};
  }
  if (header.version != version) {
    return {std::nullopt, fmt::format("written for cache format {}, not {}", header.version, version)};
  }
  const std::string_view payload = bytes.substr(header_size);
  if (header.length != payload.size()) {
    return {std::nullopt,
            fmt::format("{} bytes of entries where the header says {}", payload.size(), header.length)};
  }
  if (header.checksum != sum(payload)) {
    return {std::nullopt, "checksum mismatch"};
  }
  Contents contents;
  contents.key = header.key;
  try {
    util::BoundedInputArchive archive(payload);
    contents.entries = load_entries(archive);
    if (archive.remaining() != 0) {
      return {std::nullopt, "bytes after the entries"};
    }
  } catch (const std::exception& e) {
    return {std::nullopt, fmt::format("malformed entries ({})", e.what())};
  }
  contents.bytes = std::move(owner);
  return {std::move(contents), ""};
}

/// The checksum of mapped bytes, each megabyte released once read: checking
/// a large cache file does not hold it all in memory.
std::uint64_t checksum_releasing(std::string_view bytes)
{
  return util::checksum(bytes, util::release_mapped);
}

std::uint64_t checksum_whole(std::string_view bytes) { return util::checksum(bytes); }

} // namespace

Decoded decode(std::string_view bytes, std::shared_ptr<const void> owner, std::uint32_t version)
{
  return decode_with(bytes, std::move(owner), version, checksum_whole);
}

Decoded decode(std::string bytes, std::uint32_t version)
{
  auto owner = std::make_shared<const std::string>(std::move(bytes));
  const std::string_view view = *owner;
  return decode(view, std::move(owner), version);
}

std::optional<fs::path> default_folder() { return util::user_folder("XDG_CACHE_HOME", ".cache"); }

fs::path file_for(const fs::path& folder, const fs::path& catalog_path)
{
  std::error_code error;
  fs::path absolute = fs::absolute(catalog_path, error);
  if (error) {
    absolute = catalog_path;
  }
  fs::path normal = absolute.lexically_normal();
  if (!normal.has_filename() && normal.has_parent_path()) {
    normal = normal.parent_path(); // "dir/" and "dir" are one place
  }
  const std::string key = normal.string();
  return folder / fmt::format("catalog-{:016x}.cache", util::checksum(key));
}

Decoded read(const fs::path& file, std::uint32_t version)
{
  util::MappedFile mapped;
  try {
    mapped = util::map_file(file, max_cache_bytes);
  } catch (const std::exception& e) {
    return {std::nullopt, e.what()};
  }
  auto decoded = decode_with(mapped.bytes, std::move(mapped.owner), version, checksum_releasing);
  if (decoded.contents) {
    decoded.contents->mapped = mapped.bytes;
  }
  return decoded;
}

void write(const fs::path& file, const Contents& contents, std::uint32_t version)
{
  std::error_code error;
  fs::create_directories(file.parent_path(), error);
  if (error) {
    throw std::runtime_error(
      fmt::format("cannot create {}: {}", file.parent_path().string(), error.message()));
  }
  const Pieces pieces = pieces_of(contents, version);
  util::write_file_atomically(file, pieces.views(), false);
}

} // namespace backplan::cache
